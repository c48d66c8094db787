/**
 * SCALE-OUT SUITE (about 2–3 minutes): the queue on a private three-master Redis Cluster and
 * statistics on a private streaming replica, with two API and two worker processes, one worker
 * killed mid-run. Every engine is started by this file on spare ports and removed after it.
 */
import { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadEnv } from '../../src/config/env';
import { loadReferenceConfig } from '../../src/config/reference-config';
import { createDataSource } from '../../src/database/data-source';
import { runMigrations } from '../../src/database/migrator';
import { renderContactRows } from '../../src/ingestion/contact-rows';
import { ContactEventDto } from '../../src/ingestion/dto/contact-event.dto';
import { preflight } from '../../src/preflight';
import { Pseudonymiser } from '../../src/privacy/pseudonymiser';
import { IngestionQueue } from '../../src/queue/ingestion-queue';
import { IngestionJob } from '../../src/queue/queue-registry';
import { keySlot, shardOf, shardPrefixes } from '../../src/queue/queue-shards';
import { PrivateCluster, PrivatePostgres, spawnApi, startPostgresPair, startRedisCluster } from '../support/private-engines';
import { exited, spawnWorker, until } from '../support/worker-process';

const SHARDS = 8;
const PREFIX = 'cascale';
const DB = 'scaleout';
const BATCHES = 64;
const PER_BATCH = 250;
/** The first year of contacts: the statistics period below counts exactly these. */
const PERIOD = 'period=2021';

const contacts = (batch: number, n: number, year = 2021) =>
  Array.from({ length: n }, (_, i) => ({
    id: `b${batch}-${i}`,
    occurredAt: new Date(Date.UTC(year, i % 12, 1 + (i % 28), 10)).toISOString(),
    channel: i % 3 ? 'online' : 'telephony',
    centre: 'customer_services',
    service: 'council_tax',
  }));

type Api = ChildProcess & { baseUrl: string; output: () => string };
const post = (api: Api, body: unknown) =>
  fetch(`${api.baseUrl}/v1/contacts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const getJson = async (api: Api, path: string): Promise<any> => (await fetch(`${api.baseUrl}${path}`)).json();
const channelsTotal = async (api: Api) => (await getJson(api, `/v1/stats/channels?${PERIOD}`)).total as number;
const routing = async (api: Api) => (await getJson(api, '/health/ready')).details.replica;

describe('scale-out: Redis Cluster queue, streaming replica reads, many processes', () => {
  let cluster: PrivateCluster;
  let pg: PrivatePostgres;
  let env: Record<string, string>;
  const apis: Api[] = [];
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    [cluster, pg] = await Promise.all([startRedisCluster(3), startPostgresPair()]);
    await pg.sql(pg.primaryPort, `CREATE DATABASE ${DB}`);
    const ds = await createDataSource(pg.url(pg.primaryPort, DB), 2).initialize();
    await runMigrations(ds).finally(() => ds.destroy());
    await until(async () => (await pg.sql(pg.replicaPort, 'SELECT 1', DB).catch(() => [])).length === 1, 30_000, 'the replica to have the database');
    env = {
      DATABASE_URL: pg.url(pg.primaryPort, DB),
      DATABASE_READ_URL: pg.url(pg.replicaPort, DB),
      REDIS_CLUSTER_NODES: cluster.nodes,
      QUEUE_SHARDS: String(SHARDS),
      QUEUE_PREFIX: PREFIX,
      RATE_LIMIT_PER_MINUTE: '0',
      JOB_LOCK_SECONDS: '4',
      PSEUDONYM_KEY: 'test-pseudonym-key-0123456789abcdef0123456789',
      MAX_WAITING_BATCHES: '100000',
    };
    // One API reads from the replica whatever its lag; the other leaves it once 2 s behind.
    apis.push(...(await Promise.all([spawnApi({ ...env, READ_MAX_LAG_SECONDS: '86400' }), spawnApi({ ...env, READ_MAX_LAG_SECONDS: '2' })])));
  }, 150_000);

  afterAll(async () => {
    for (const p of [...apis, ...workers]) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    await Promise.all([...apis, ...workers].map((p) => exited(p)));
    await Promise.all([cluster?.stop(), pg?.stop()]);
  });

  it('puts each shard on one slot, spread over all three masters', async () => {
    const prefixes = shardPrefixes(PREFIX, SHARDS, true);
    const owners = new Set<string>();
    const admin = cluster.admin(cluster.ports[0]);
    const slots = await admin.cluster('SLOTS');
    for (const prefix of prefixes) {
      const slot = Number(await admin.cluster('KEYSLOT', `${prefix}:ingestion:wait`));
      expect(slot).toBe(keySlot(`${prefix}:ingestion:wait`));
      const [, , [, port]] = slots.find(([from, to]) => slot >= from && slot <= to)!;
      owners.add(String(port));
    }
    expect(owners.size).toBe(3);
  });

  it('counts every contact once across two APIs and two workers, after a worker killed holding batches', async () => {
    const batchIds: string[] = [];
    // Queue everything first (no worker yet), alternating APIs; every fourth batch is sent twice.
    for (let b = 0; b < BATCHES; b++) {
      const body = { events: contacts(b, PER_BATCH) };
      for (const api of b % 4 === 0 ? [apis[b % 2], apis[(b + 1) % 2]] : [apis[b % 2]]) {
        const res = await post(api, body);
        expect(res.status).toBe(202);
        batchIds.push(((await res.json()) as { batchId: string }).batchId);
      }
    }
    const queued = await getJson(apis[1], '/v1/ingestion/status');
    expect(queued.waiting).toBe(batchIds.length);
    // Back-pressure counts the batches waiting on every shard.
    const limited = new IngestionQueue(loadEnv({ ...env, MAX_WAITING_BATCHES: String(batchIds.length) }));
    await expect(limited.enqueue(IngestionJob.Volumes, { batchId: randomUUID(), items: [] })).rejects.toMatchObject({ status: 503 });
    await limited.onModuleDestroy();
    // Every shard has work and every master holds keys of the queue.
    expect(new Set(batchIds.map((id) => shardOf(id, SHARDS))).size).toBe(SHARDS);
    for (const port of cluster.ports) expect(await cluster.admin(port).dbsize()).toBeGreaterThan(0);

    // The first worker is killed while it holds batches: they run again elsewhere once their locks expire.
    const doomed = spawnWorker({ ...env, WORKER_CONCURRENCY: '8' });
    workers.push(doomed);
    await until(async () => (await getJson(apis[0], '/v1/ingestion/status')).active > 0, 90_000, 'the first worker to take batches');
    doomed.kill('SIGKILL');
    await exited(doomed);
    workers.push(spawnWorker({ ...env, WORKER_CONCURRENCY: '8' }), spawnWorker({ ...env, WORKER_CONCURRENCY: '8' }));

    await until(async () => {
      const s = await getJson(apis[0], '/v1/ingestion/status');
      return s.waiting === 0 && s.active === 0;
    }, 90_000, 'the queue to drain');
    const states = await Promise.all(batchIds.map((id) => getJson(apis[1], `/v1/ingestion/batches/${id}`)));
    expect(states.every((s) => s.state === 'completed')).toBe(true);
    const inserted = states.reduce((sum, s) => sum + s.inserted, 0);
    const expected = BATCHES * PER_BATCH; // ids are unique per batch; a resent batch inserts nothing more
    expect(inserted).toBe(expected);
    const [{ n }] = await pg.sql<{ n: string }>(pg.primaryPort, 'SELECT count(*) AS n FROM contact_event', DB);
    expect(Number(n)).toBe(expected);
    await until(async () => (await channelsTotal(apis[0])) === expected, 20_000, 'the replica to serve every contact');
    expect(await channelsTotal(apis[1])).toBe(expected);
  });

  it('keeps batches Postgres refuses as dead letters, from every shard, and queues one again on its shard', async () => {
    const queue = new IngestionQueue(loadEnv(env));
    const pseudonymiser = new Pseudonymiser(env.PSEUDONYM_KEY);
    const config = loadReferenceConfig('config');
    const poisoned: string[] = [];
    try {
      for (let i = 0; i < 6; i++) {
        const tag = `poison${i}`;
        const events = [0, 1].map((n) => Object.assign(new ContactEventDto(), { id: `${tag}-${n}`, occurredAt: '2022-06-15T10:00:00Z', channel: 'telephony' }));
        const rows = renderContactRows(config, pseudonymiser, events);
        const batchId = randomUUID();
        // A NUL byte in one row: Postgres refuses the batch every time.
        await queue.enqueue(IngestionJob.Contacts, { batchId, ...rows, rows: rows.rows.replace(`${tag}-1`, `${tag}\u0000-1`) });
        poisoned.push(batchId);
      }
      expect(new Set(poisoned.map((id) => shardOf(id, SHARDS))).size).toBeGreaterThan(1);
      await until(async () => (await getJson(apis[0], '/v1/ingestion/status')).deadLettered === poisoned.length, 60_000, 'the dead letters');
      const listed = (await getJson(apis[1], '/v1/ingestion/dead-letters')) as { total: number; deadLetters: { batchId: string }[] };
      expect(listed.total).toBe(poisoned.length);
      expect(listed.deadLetters.map((l) => l.batchId).sort()).toEqual([...poisoned].sort());
      expect(await getJson(apis[0], '/v1/ingestion/status')).toMatchObject({ waiting: 0, active: 0, failed: 0 });

      const again = await fetch(`${apis[0].baseUrl}/v1/ingestion/dead-letters/${poisoned[0]}/retry`, { method: 'POST' });
      expect(again.status).toBeLessThan(300);
      await until(async () => (await getJson(apis[0], '/v1/ingestion/status')).deadLettered === poisoned.length, 60_000, 'the retried batch to fail again');
      expect(await queue.jobState(poisoned[0])).toBe('unknown');
    } finally {
      await queue.onModuleDestroy();
    }
  });

  it('names the cluster in one line when it cannot be reached at start', async () => {
    const line = await preflight(loadEnv({ ...env, REDIS_CLUSTER_NODES: '127.0.0.1:1' }));
    expect(line).toMatch(/^The Redis Cluster is not reachable at 127\.0\.0\.1:1 \(REDIS_CLUSTER_NODES\)/);
  });

  it('serves statistics from the replica, and from the primary once it lags past the limit', async () => {
    // Caught up with the writes before (idle time is not lag: 0 bytes is 0 s).
    let caughtUp: unknown;
    await until(async () => (caughtUp = await routing(apis[0])).lagBytes === 0, 10_000, 'the replica to catch up');
    expect(caughtUp).toMatchObject({ state: 'up', serving: 'replica', lagBytes: 0, lagSeconds: 0 });
    const before = await channelsTotal(apis[0]);
    await pg.sql(pg.replicaPort, 'SELECT pg_wal_replay_pause()', DB);
    try {
      const res = await post(apis[0], { events: contacts(9999, 100) });
      expect(res.status).toBe(202);
      const { batchId } = (await res.json()) as { batchId: string };
      await until(async () => (await getJson(apis[0], `/v1/ingestion/batches/${batchId}`)).state === 'completed', 30_000, 'the marker batch');
      // The paused replica lacks the new contacts: the API that tolerates any lag still answers without them.
      expect(await channelsTotal(apis[0])).toBe(before);
      expect(await routing(apis[0])).toMatchObject({ state: 'up', serving: 'replica' });
      // The API with a 2 s limit moves to the primary within seconds and counts them.
      await until(async () => (await routing(apis[1])).serving === 'primary', 15_000, 'reads to move to the primary');
      const lagging = await routing(apis[1]);
      expect(lagging.state).toBe('lagging');
      expect(lagging.lagBytes).toBeGreaterThan(0);
      expect(lagging.lagSeconds).toBeGreaterThan(2);
      expect(await channelsTotal(apis[1])).toBe(before + 100);
    } finally {
      await pg.sql(pg.replicaPort, 'SELECT pg_wal_replay_resume()', DB);
    }
    await until(async () => (await routing(apis[1])).serving === 'replica', 15_000, 'reads to return to the replica');
    await until(async () => (await channelsTotal(apis[0])) === before + 100, 15_000, 'the replica to catch up');
  });

  it('serves statistics from the primary once the replica stops, and from the replica again once it is back', async () => {
    const total = await channelsTotal(apis[0]);
    await pg.stopReplica();
    // Asked before the next lag check has noticed: the replica's connections fail, the primary answers.
    expect(await channelsTotal(apis[0])).toBe(total);
    await until(async () => (await routing(apis[0])).state === 'down', 10_000, 'the replica to be seen down');
    expect(await routing(apis[0])).toMatchObject({ serving: 'primary', lagBytes: null });
    expect(await channelsTotal(apis[0])).toBe(total);
    const ready = await fetch(`${apis[0].baseUrl}/health/ready`);
    expect(ready.status).toBe(200);

    // Written while the replica is down: counted by the primary now, by the replica once it has replayed it.
    const res = await post(apis[1], { events: contacts(8888, 50) });
    const { batchId } = (await res.json()) as { batchId: string };
    await until(async () => (await getJson(apis[1], `/v1/ingestion/batches/${batchId}`)).state === 'completed', 30_000, 'the batch');
    expect(await channelsTotal(apis[0])).toBe(total + 50);
    await pg.startReplica();
    await until(async () => (await routing(apis[0])).serving === 'replica', 20_000, 'reads to return to the replica');
    // This API tolerates any lag, so it is on the replica while it replays what it missed.
    await until(async () => (await channelsTotal(apis[0])) === total + 50, 20_000, 'the replica to replay what it missed');
    expect(await routing(apis[0])).toMatchObject({ state: 'up', serving: 'replica' });
  });
});
