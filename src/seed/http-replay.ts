/** Posts batches to the ingestion API with a few requests in flight, honouring 503 Retry-After. */
export interface ReplayOptions {
  baseUrl: string;
  path: '/v1/contacts' | '/v1/volumes' | '/v1/conversations';
  apiKey?: string;
  concurrency?: number;
  onAccepted?: (accepted: number) => void;
}

export async function replay(batches: Iterable<unknown[]>, opts: ReplayOptions): Promise<string[]> {
  const key = opts.path === '/v1/volumes' ? 'volumes' : 'events';
  const iterator = batches[Symbol.iterator]();
  const batchIds: string[] = [];
  const next = () => {
    const step = iterator.next();
    return step.done ? undefined : step.value;
  };
  const lane = async () => {
    for (let batch = next(); batch; batch = next()) {
      batchIds.push(await postOne(JSON.stringify({ [key]: batch }), opts));
      opts.onAccepted?.(batch.length);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 2 }, lane));
  return batchIds;
}

async function postOne(body: string, opts: ReplayOptions): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(opts.baseUrl + opts.path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}) },
      body,
    });
    if (res.status === 202) return ((await res.json()) as { batchId: string }).batchId;
    if (res.status === 503 && attempt < 600) {
      await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
      continue;
    }
    throw new Error(`POST ${opts.path} answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
  }
}

/** Resolves once nothing waits or runs in the queue. */
export async function waitUntilCounted(baseUrl: string, apiKey?: string, onTick?: () => Promise<void> | void): Promise<void> {
  const headers = apiKey ? { authorization: `Bearer ${apiKey}` } : undefined;
  for (;;) {
    const status = (await (await fetch(`${baseUrl}/v1/ingestion/status`, { headers })).json()) as { waiting: number; active: number };
    await onTick?.();
    if (status.waiting === 0 && status.active === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}
