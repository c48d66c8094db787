import { ChildProcess, spawn } from 'node:child_process';
import { createServer, connect, Server, Socket } from 'node:net';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { INGESTION_QUEUE, IngestionJob } from '../../src/queue/queue-registry';
import { startTestApp, TEST_REDIS_URL, TestApp } from '../support/test-app';
import { exited, spawnWorker, until } from '../support/worker-process';

/** Below the ephemeral range (32768+), so no outgoing connection holds it. */
const sparePort = () => 20000 + Math.floor(Math.random() * 12000);

const contacts = (tag: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `${tag}-${i}`,
    occurredAt: new Date(Date.UTC(2021, i % 12, 1 + (i % 28), 10)).toISOString(),
    channel: i % 2 ? 'online' : 'telephony',
    centre: 'customer_services',
    caseRef: `CASE-${tag}-${i % 50}`,
    service: 'council_tax',
  }));

/** Every batch answered 202 is stored, whole and once; nothing else is. */
async function expectCountedOnce(t: TestApp, accepted: Map<string, number>) {
  const total = [...accepted.values()].reduce((a, b) => a + b, 0);
  const [{ events }] = await t.db.query('SELECT count(*)::int AS events FROM contact_event');
  const [{ m }] = await t.db.query(`SELECT sum(contacts)::int AS m FROM contact_stats WHERE grain = 'm'`);
  expect({ events, m }).toEqual({ events: total, m: total });
  const batches: Array<{ batch_id: string; inserted: number; duplicates: number }> = await t.db.query(
    'SELECT batch_id, inserted, duplicates FROM ingestion_batch WHERE completed_at IS NOT NULL',
  );
  expect(new Map(batches.map((b) => [b.batch_id, b.inserted]))).toEqual(accepted);
  expect(batches.every((b) => b.duplicates === 0)).toBe(true);
  const { body } = await t.http.get('/v1/ingestion/status').expect(200);
  expect(body).toMatchObject({ waiting: 0, active: 0, failed: 0, completed: accepted.size, deadLettered: 0 });
}

/** A TCP relay to Postgres that the test can cut and restore: Postgres "unreachable" for a worker only. */
function postgresRelay(target: URL) {
  const port = sparePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  return {
    url: () => Object.assign(new URL(target.href), { port: String(port) }).href,
    open: () =>
      new Promise<void>((resolve, reject) => {
        server = createServer((client) => {
          const upstream = connect(Number(target.port || 5432), target.hostname);
          for (const s of [client, upstream]) {
            sockets.add(s);
            s.on('close', () => sockets.delete(s));
            s.on('error', () => undefined);
          }
          client.pipe(upstream).pipe(client);
        });
        server.once('error', reject).listen(port, '127.0.0.1', () => resolve());
      }),
    cut: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        if (server) server.close(() => resolve());
        else resolve();
      }),
  };
}

describe('Postgres out of reach: batches retry past the old 12 attempts and count once', () => {
  let t: TestApp;
  let worker: (ChildProcess & { output: () => string }) | undefined;
  let relay: ReturnType<typeof postgresRelay>;
  let redis: IORedis;
  beforeAll(async () => {
    t = await startTestApp({ APP_ROLE: 'api' });
    relay = postgresRelay(new URL(t.databaseUrl));
    redis = new IORedis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    if (worker && worker.exitCode === null) worker.kill('SIGKILL');
    await relay.cut();
    redis.disconnect();
    await t.close();
  });

  it('keeps retrying while the worker cannot reach Postgres, then counts every batch once', async () => {
    await relay.open();
    worker = spawnWorker({ ...t.env, DATABASE_URL: relay.url(), RETRY_MAX_DELAY_MS: '100', JOB_LOCK_SECONDS: '5', LOG_LEVEL: 'info' });
    await until(async () => worker!.output().includes('worker started'), 60_000, 'the worker to start');
    await relay.cut();

    const accepted = new Map<string, number>();
    for (let b = 0; b < 4; b++) {
      const { body } = await t.http.post('/v1/contacts').send({ events: contacts(`pg-${b}`, 500) }).expect(202);
      accepted.set(body.batchId, 500);
    }
    const attempts = async (id: string) => Number((await redis.hget(`${t.queuePrefix}:${INGESTION_QUEUE}:${id}`, 'atm')) ?? 0);
    await until(async () => (await Promise.all([...accepted.keys()].map(attempts))).every((n) => n > 12), 60_000, '13+ attempts each');
    // Still queued, not failed: and the batch status reads its size without loading it.
    const [first] = accepted.keys();
    const { body: state } = await t.http.get(`/v1/ingestion/batches/${first}`).expect(200);
    expect(state).toMatchObject({ accepted: 500, inserted: 0 });
    expect(['queued', 'processing']).toContain(state.state);
    expect((await t.http.get('/v1/ingestion/status').expect(200)).body).toMatchObject({ failed: 0, deadLettered: 0 });

    await relay.open();
    await t.drain(120_000);
    await expectCountedOnce(t, accepted);
    worker.kill('SIGTERM');
    await exited(worker);
  });
});

describe('back-pressure and the status read counters, not payloads', () => {
  let t: TestApp;
  let queue: Queue;
  let connection: IORedis;
  beforeAll(async () => {
    t = await startTestApp({ APP_ROLE: 'api', MAX_WAITING_BATCHES: '3' });
    connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(INGESTION_QUEUE, { connection, prefix: t.queuePrefix });
  });
  afterAll(async () => {
    await queue.close();
    connection.disconnect();
    await t.close();
  });

  it('counts retrying (delayed) and prioritized batches towards the limit, and the oldest of them', async () => {
    const job = (id: string) => ({ batchId: id, count: 0, linked: false, rows: '' });
    const now = Date.now();
    await queue.add(IngestionJob.Contacts, job('job-w'), { jobId: 'job-w', timestamp: now - 50_000 });
    await queue.add(IngestionJob.Contacts, job('job-p'), { jobId: 'job-p', priority: 5, timestamp: now - 70_000 });
    await queue.add(IngestionJob.Contacts, job('job-d'), { jobId: 'job-d', delay: 600_000, timestamp: now - 90_000 });

    const { body } = await t.http.get('/v1/ingestion/status').expect(200);
    expect(body).toMatchObject({ waiting: 3, active: 0, failed: 0, completed: 0, deadLettered: 0 });
    expect(body.oldestWaitingAgeSeconds).toBeGreaterThanOrEqual(90);
    expect(body.oldestWaitingAgeSeconds).toBeLessThan(120);

    const refused = await t.http.post('/v1/contacts').send({ events: contacts('bp', 1) }).expect(503);
    expect(refused.headers['retry-after']).toBe('10');
    await queue.remove('job-d');
    const { body: after } = await t.http.get('/v1/ingestion/status').expect(200);
    expect(after.oldestWaitingAgeSeconds).toBeGreaterThanOrEqual(70);
    expect(after.oldestWaitingAgeSeconds).toBeLessThan(90);
    await t.http.post('/v1/contacts').send({ events: contacts('bp', 1) }).expect(202);
  });
});

describe('Redis out of memory: 503 with Retry-After, and every batch answered 202 counts once', () => {
  let redisServer: ChildProcess;
  let api: TestApp;
  let worker: TestApp | undefined;
  let admin: IORedis;
  const port = sparePort();

  beforeAll(async () => {
    redisServer = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
      '--maxmemory', '6mb', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
    admin = new IORedis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: null });
    await until(async () => (await admin.ping().catch(() => '')) === 'PONG', 10_000, 'redis-server');
    api = await startTestApp({ APP_ROLE: 'api', REDIS_URL: `redis://127.0.0.1:${port}`, MAX_WAITING_BATCHES: '100000' });
  });
  afterAll(async () => {
    await worker?.close().catch(() => undefined);
    await api.close().catch(() => undefined);
    admin.disconnect();
    redisServer.kill('SIGKILL');
  });

  it('refuses what Redis cannot hold, loses nothing it acknowledged, and takes work again once Redis has room', async () => {
    const accepted = new Map<string, number>();
    let refused: { status: number; headers: Record<string, string> } | undefined;
    for (let b = 0; b < 200 && !refused; b++) {
      const res = await api.http.post('/v1/contacts').send({ events: contacts(`oom-${b}`, 1000) });
      if (res.status === 202) accepted.set(res.body.batchId, 1000);
      else refused = res;
    }
    expect(refused?.status).toBe(503);
    expect(refused?.headers['retry-after']).toBeDefined();
    expect(accepted.size).toBeGreaterThan(0);

    await admin.config('SET', 'maxmemory', '0');
    const { body } = await api.http.post('/v1/contacts').send({ events: contacts('oom-after', 1000) }).expect(202);
    accepted.set(body.batchId, 1000);
    worker = await startTestApp({ APP_ROLE: 'worker', REDIS_URL: `redis://127.0.0.1:${port}`, QUEUE_PREFIX: api.queuePrefix }, { name: api.dbName, url: api.databaseUrl });
    await api.drain(120_000);
    await expectCountedOnce(api, accepted);
  });
});
