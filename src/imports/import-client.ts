import type { ProblemDetail } from '../common/http/api-error';
import type { KindDefinition } from './import-kinds';
import type { BatchOutcome, ImportSink, SendResult } from './import-pipeline';

/** The service could not be reached or refused the key: the import cannot go on (non-zero exit). */
export class ServiceRefusal extends Error {}

const UNREACHABLE_ATTEMPTS = 5;

/**
 * The command line's side of the API: batches to `POST /v1/<kind>` as every other client sends
 * them, waiting out 429 and 503 (Retry-After) for as long as the service asks, and a connection
 * that fails for a few attempts before giving up.
 */
export class ImportClient implements ImportSink {
  constructor(
    private readonly baseUrl: string,
    private readonly key: string | undefined,
    private readonly kind: KindDefinition,
    private readonly pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
  ) {}

  /** Fails fast, before any row is read, when the service is down or the key is refused. */
  async check(): Promise<void> {
    const res = await this.request('GET', '/v1/ingestion/status');
    if (res.status !== 200) await this.refusal(res);
  }

  async send(items: object[]): Promise<SendResult> {
    const body = JSON.stringify({ [this.kind.bodyKey]: items });
    const res = await this.request('POST', this.kind.path, body);
    if (res.status === 202) return { batchId: ((await res.json()) as { batchId: string }).batchId };
    if (res.status === 400) return { invalid: ((await res.json()) as { details?: ProblemDetail[] }).details ?? [] };
    if (res.status === 413) return { tooLarge: true };
    return this.refusal(res);
  }

  /** A batch's figures once it is written (or dead-lettered); undefined while it waits or runs. */
  async outcome(batchId: string): Promise<BatchOutcome | undefined> {
    const res = await this.request('GET', `/v1/ingestion/batches/${batchId}`);
    if (res.status !== 200) return this.refusal(res);
    const b = (await res.json()) as { state: string; inserted: number; duplicates: number };
    if (b.state === 'failed') return { inserted: 0, duplicates: 0, failed: true };
    return b.state === 'completed' ? { inserted: b.inserted, duplicates: b.duplicates } : undefined;
  }

  private async request(method: string, path: string, body?: string): Promise<Response> {
    const headers: Record<string, string> = { ...(this.key ? { authorization: `Bearer ${this.key}` } : {}) };
    if (body) headers['content-type'] = 'application/json';
    for (let failures = 0; ; ) {
      let res: Response;
      try {
        res = await fetch(this.baseUrl + path, { method, headers, body });
      } catch (e) {
        if (++failures >= UNREACHABLE_ATTEMPTS) throw new ServiceRefusal(`could not reach the service at ${this.baseUrl}: ${causeOf(e)}`);
        await this.pause(250 * 2 ** failures);
        continue;
      }
      if (res.status !== 429 && res.status !== 503) return res;
      await res.arrayBuffer();
      await this.pause(retryAfterMs(res.headers.get('retry-after')));
    }
  }

  private async refusal(res: Response): Promise<never> {
    const text = (await res.text()).slice(0, 300);
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      // not JSON: the text as it came
    }
    if (res.status === 401 || res.status === 403) throw new ServiceRefusal(`the service refused the key (${res.status}: ${message})`);
    throw new ServiceRefusal(`the service answered ${res.status}: ${message}`);
  }
}

function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 60) * 1000 : 1000;
}

function causeOf(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e as Error).message;
}
