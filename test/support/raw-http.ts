import { request as httpRequest } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  /** Sent in full after the headers. */
  body?: Buffer | string;
  /** Chunks written one by one (chunked transfer unless Content-Length is given); writing stops once the answer arrives. */
  chunks?: Iterable<Buffer>;
}

/**
 * One HTTP request over a fresh connection, with full control of headers and body: what supertest
 * cannot do (declare a length and not send it, stream chunks, send a body with GET). Resolves with
 * the answer as soon as it has arrived, even if the body was not (all) sent.
 */
export function rawRequest(baseUrl: string, r: RawRequest, timeoutMs = 10_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const url = new URL(r.path, baseUrl);
    let answered = false;
    const length = r.body === undefined ? {} : { 'Content-Length': Buffer.byteLength(r.body) };
    const req = httpRequest(url, { method: r.method ?? 'POST', headers: { Connection: 'close', ...length, ...r.headers }, agent: false });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (e) => {
      if (!answered) {
        clearTimeout(timer);
        reject(e);
      }
    });
    req.on('response', (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('error', () => undefined);
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString('utf8') });
        req.destroy();
      });
    });
    if (r.body !== undefined) {
      req.end(r.body);
    } else if (r.chunks) {
      const it = r.chunks[Symbol.iterator]();
      const pump = () => {
        for (;;) {
          if (answered || req.destroyed) return;
          const next = it.next();
          if (next.done) return void req.end();
          if (!req.write(next.value)) return void req.once('drain', pump);
        }
      };
      pump();
    } else {
      req.flushHeaders();
    }
  });
}

/** `n` bytes of `[{},{},…]`: cheap to send, expensive to parse. */
export function junkArray(n: number): Buffer {
  return Buffer.from(`[${'{},'.repeat(Math.max(0, Math.floor((n - 3) / 3)))}{}]`);
}
