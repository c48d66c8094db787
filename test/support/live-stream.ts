import http from 'node:http';

export interface LiveEvent {
  at: number;
  data: { date: string; total: number; assisted: number; selfService: number; waiting: number; updatedAt: string;
    channels: Array<{ channel: string; handling: string; count: number }> };
}

/** An open GET /v1/live read as raw Server-Sent Events, every `event: today` kept with when it arrived. */
export interface LiveStream {
  events: LiveEvent[];
  /** Resolves with the first event, from now on, for which `test` holds. */
  next(test: (e: LiveEvent) => boolean, timeoutMs?: number): Promise<LiveEvent>;
  close(): void;
}

const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

export function openLive(baseUrl: string, headers: Record<string, string> = {}): Promise<LiveStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${baseUrl}/v1/live`, { agent, headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`GET /v1/live answered ${res.statusCode}`));
      res.setEncoding('utf8');
      const events: LiveEvent[] = [];
      const waiters: Array<{ test: (e: LiveEvent) => boolean; done: (e: LiveEvent) => void }> = [];
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const data = lines.find((l) => l.startsWith('data: '));
          if (!lines.includes('event: today') || !data) continue;
          const event = { at: Date.now(), data: JSON.parse(data.slice(6)) };
          events.push(event);
          for (const w of waiters.filter((w) => w.test(event))) {
            waiters.splice(waiters.indexOf(w), 1);
            w.done(event);
          }
        }
      });
      resolve({
        events,
        next: (test, timeoutMs = 10_000) =>
          new Promise((done, fail) => {
            const timer = setTimeout(() => fail(new Error('no matching live event in time')), timeoutMs);
            waiters.push({ test, done: (e) => (clearTimeout(timer), done(e)) });
          }),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}
