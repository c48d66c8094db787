import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';
import { exited, spawnWorker, until } from '../support/worker-process';

const CENTRES = ['customer_services', 'highways_transport', 'family_front_door', 'adult_social_care', 'here2help'];
const CHANNELS = ['telephony', 'online', 'chatbot', 'webchat', 'email'];

/** `batches` requests of `size` distinct contacts; returns the expected count per channel. */
function workload(tag: string, batches: number, size: number) {
  const expected = new Map<string, number>();
  const requests = Array.from({ length: batches }, (_, b) =>
    Array.from({ length: size }, (_, i) => {
      const n = b * size + i;
      const channel = CHANNELS[n % CHANNELS.length];
      expected.set(channel, (expected.get(channel) ?? 0) + 1);
      return {
        id: `${tag}-${n}`,
        occurredAt: new Date(Date.UTC(2021, n % 12, 1 + (n % 28), n % 24, n % 60)).toISOString(),
        channel,
        centre: CENTRES[n % CENTRES.length],
        service: `service_${n % 7}`,
        caseRef: `CASE-${tag}-${n % 500}`,
        outcome: n % 3 ? 'resolved' : 'abandoned',
        waitSeconds: n % 90,
      };
    }),
  );
  return { requests, expected, total: batches * size };
}

async function expectExact(t: TestApp, expected: Map<string, number>, total: number) {
  const [{ events }] = await t.db.query('SELECT count(*)::int AS events FROM contact_event');
  const [{ d, m }] = await t.db.query(
    `SELECT sum(contacts) FILTER (WHERE grain = 'd')::int AS d, sum(contacts) FILTER (WHERE grain = 'm')::int AS m FROM contact_stats`,
  );
  const [{ inserted, duplicates, open }] = await t.db.query(
    `SELECT sum(inserted)::int AS inserted, sum(duplicates)::int AS duplicates,
            count(*) FILTER (WHERE completed_at IS NULL)::int AS open FROM ingestion_batch`,
  );
  expect({ events, d, m, inserted, duplicates, open }).toEqual({ events: total, d: total, m: total, inserted: total, duplicates: 0, open: 0 });
  const { body } = await t.http.get('/v1/stats/channels?period=2021').expect(200);
  const got = Object.fromEntries(body.channels.map((c: { channel: string; count: number }) => [c.channel, c.count]));
  expect(got).toEqual(Object.fromEntries(expected));
  // Repeat flags recomputed from scratch agree with the incrementally maintained ones.
  const [{ flagged, fresh }] = await t.db.query(`
    SELECT count(*) FILTER (WHERE is_repeat)::int AS flagged,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM contact_event p WHERE p.case_ref = e.case_ref AND p.service = e.service
             AND p.occurred_at < e.occurred_at AND p.occurred_at >= e.occurred_at - interval '168 hours'))::int AS fresh
    FROM contact_event e`);
  expect(flagged).toBe(fresh);
}

async function completedBatches(t: TestApp): Promise<number> {
  const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM ingestion_batch WHERE completed_at IS NOT NULL');
  return n;
}

async function enqueue(t: TestApp, requests: unknown[][]) {
  for (const events of requests) await t.http.post('/v1/contacts').send({ events }).expect(202);
}

describe('a worker killed or stopped mid-batch loses and double-counts nothing', () => {
  let t: TestApp;
  const workers: Array<ChildProcess & { output: () => string }> = [];
  beforeEach(async () => {
    t = await startTestApp({ APP_ROLE: 'api' });
  });
  afterEach(async () => {
    if (process.env.SHOW_WORKER_OUTPUT) {
      for (const w of workers) console.log(w.output().slice(-3000));
    }
    for (const w of workers.splice(0)) if (w.exitCode === null) w.kill('SIGKILL');
    await t.close();
  });
  const worker = () => {
    const w = spawnWorker({ ...t.env, JOB_LOCK_SECONDS: '3', WORKER_CONCURRENCY: '2', LOG_LEVEL: 'info' });
    workers.push(w);
    return w;
  };

  it('SIGKILL: the stalled batches run again on the next worker and count once', async () => {
    const { requests, expected, total } = workload('kill', 30, 2000);
    await enqueue(t, requests);
    const first = worker();
    await until(async () => (await completedBatches(t)) >= 3, 120_000, 'the first batches');
    first.kill('SIGKILL');
    await exited(first);
    const done = await completedBatches(t);
    expect(done).toBeLessThan(30); // killed mid-run
    worker();
    await t.drain(120_000);
    await expectExact(t, expected, total);
  });

  it('SIGTERM: the worker finishes its active batches within 30 s, exits cleanly, and the rest wait', async () => {
    const { requests, expected, total } = workload('term', 30, 2000);
    await enqueue(t, requests);
    const first = worker();
    await until(async () => (await completedBatches(t)) >= 2, 120_000, 'the first batches');
    const asked = Date.now();
    first.kill('SIGTERM');
    const { signal } = await exited(first);
    expect(Date.now() - asked).toBeLessThan(30_000);
    // Nest closes the app (the worker drains), then re-raises the signal to exit as asked.
    expect(signal).toBe('SIGTERM');
    expect(first.output()).toContain('worker drained');
    const [{ open }] = await t.db.query('SELECT count(*)::int AS open FROM ingestion_batch WHERE completed_at IS NULL');
    expect(open).toBe(0); // nothing half-written
    worker();
    await t.drain(120_000);
    await expectExact(t, expected, total);
  });

  it('Postgres dropping every connection mid-run: batches retry and count once', async () => {
    const { requests, expected, total } = workload('pg', 20, 2000);
    await enqueue(t, requests);
    worker();
    await until(async () => (await completedBatches(t)) >= 2, 120_000, 'the first batches');
    for (let i = 0; i < 3; i++) {
      await t.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [t.dbName]);
      await new Promise((r) => setTimeout(r, 300));
    }
    await t.drain(180_000);
    await expectExact(t, expected, total);
  });
});

describe('Redis restarting loses and double-counts nothing', () => {
  let redis: ChildProcess;
  let t: TestApp;
  let worker: ChildProcess;
  const port = 20000 + Math.floor(Math.random() * 20000);
  const dir = mkdtempSync(join(tmpdir(), 'ca-redis-'));
  // Persistence on, as in docker-compose.yml: an accepted batch survives a restart.
  const startRedis = () =>
    spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--dir', dir], {
      stdio: 'ignore',
    });
  const ping = async () => {
    const res = await t.http.get('/health/ready');
    return res.status === 200;
  };

  beforeAll(async () => {
    redis = startRedis();
    await new Promise((r) => setTimeout(r, 500));
    t = await startTestApp({ APP_ROLE: 'api', REDIS_URL: `redis://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await t.close().catch(() => undefined);
    redis.kill('SIGKILL');
  });

  it('answers 503 with Retry-After while Redis is down, and counts everything once after it returns', async () => {
    const { requests, expected, total } = workload('redis', 20, 2000);
    await enqueue(t, requests);
    worker = spawnWorker({ ...t.env, JOB_LOCK_SECONDS: '3' });
    await until(async () => (await completedBatches(t)) >= 2, 120_000, 'the first batches');
    redis.kill('SIGKILL');
    await exited(redis);
    const refused = await t.http.post('/v1/contacts').send({ events: requests[0] });
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(await ping()).toBe(false);
    redis = startRedis();
    await until(ping, 30_000, 'Redis to return');
    await t.drain(180_000);
    await expectExact(t, expected, total);
  });
});
