import 'reflect-metadata';
import { Queue } from 'bullmq';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { Client } from 'pg';
import { createDataSource } from '../../src/database/data-source';
import { runMigrations } from '../../src/database/migrator';
import { lsnBytes } from '../../src/database/replica-lag';
import { shardPrefixes } from '../../src/queue/queue-shards';
import { INGESTION_QUEUE } from '../../src/queue/queue-registry';
import { RedisConnection, workerConnection } from '../../src/queue/redis';
import { deleteQueueKeys } from '../support/test-app';
import { PrivateCluster, PrivatePostgres, sparePort, startPostgresPair, startRedisCluster } from '../support/private-engines';
import { postJson, saveResult, startService } from './bench-support';

/**
 * Scale-out throughput: BENCH_SCALE_EVENTS (default 400,000) contacts queued through one API
 * process, then taken by 1, 2 and 4 worker processes, once from one queue on one Redis server and
 * once from four shards on a private three-master Redis Cluster; Postgres is a private primary
 * with a streaming replica (fsync off, as in the tests), whose lag is sampled throughout.
 * Rate = contacts ÷ time from releasing the queue to ready workers until the last batch is counted.
 */
const EVENTS = Number(process.env.BENCH_SCALE_EVENTS ?? 400_000);
const BATCH = 10_000;
const WORKER_COUNTS = [1, 2, 4];
/** BENCH_SCALE_CASES=single:1,cluster:4 runs only those cases (queue:worker processes). */
const CASES = process.env.BENCH_SCALE_CASES?.split(',');
const CHANNELS = ['online', 'telephony', 'app', 'email', 'webchat', 'chatbot'];

const body = (from: number) =>
  Buffer.from(JSON.stringify({
    events: Array.from({ length: BATCH }, (_, i) => {
      const n = from + i;
      return {
        id: `scale-${n}`, source: 'netcall', channel: CHANNELS[n % CHANNELS.length],
        occurredAt: new Date(Date.UTC(2021, 3, 1) + ((n * 31_536) % (365 * 86_400_000))).toISOString(),
        centre: 'customer_services', service: `service_${n % 20}`, ...(n % 5 === 0 ? { caseRef: `C-${n % 50_000}` } : {}),
      };
    }),
  }));

interface CaseResult {
  queue: string; workers: number; seconds: number; rate: number; workerCpu: number; pgCpu: number; walBytes: number;
  maxLagBytes: number; maxLagSeconds: number; storage: TableSize[];
}
interface TableSize { table: string; heap: number; indexes: number; total: number }

/** Every table of the service with its heap (with TOAST) and index bytes, largest first. */
const TABLE_SIZES_SQL = `
  SELECT relname AS table, pg_table_size(oid)::float8 AS heap, pg_indexes_size(oid)::float8 AS indexes,
         pg_total_relation_size(oid)::float8 AS total
  FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND pg_total_relation_size(oid) > 16384
  ORDER BY total DESC`;

/** CPU seconds of a process (and, with children, of those it has waited for), from /proc. */
function cpuSeconds(pid: number, children = false): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]) + (children ? Number(fields[13]) + Number(fields[14]) : 0);
  return ticks / 100;
}

/** The primary's CPU: the postmaster, every backend it has reaped, and the ones alive. */
function postgresCpu(dataDir: string): number {
  const postmaster = Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
  let total = cpuSeconds(postmaster, true);
  for (const line of readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) {
    try {
      total += cpuSeconds(Number(line));
    } catch {
      /* exited meanwhile: counted in the postmaster's children */
    }
  }
  return total;
}

async function runCase(pg: PrivatePostgres, redis: Record<string, string>, label: string, workers: number): Promise<CaseResult> {
  const db = `bench_scale_${label.replace(/\W/g, '').toLowerCase()}_${workers}`;
  await pg.sql(pg.primaryPort, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await pg.sql(pg.primaryPort, `CREATE DATABASE ${db}`);
  const ds = await createDataSource(pg.url(pg.primaryPort, db), 2).initialize();
  await runMigrations(ds).finally(() => ds.destroy());
  await waitFor(async () => (await pg.sql(pg.replicaPort, 'SELECT 1', db).catch(() => [])).length === 1);
  const prefix = `bscale${Date.now().toString(36)}`;
  const env = {
    ...redis, QUEUE_PREFIX: prefix, DATABASE_URL: pg.url(pg.primaryPort, db), DATABASE_READ_URL: pg.url(pg.replicaPort, db),
    RATE_LIMIT_PER_MINUTE: '0', MAX_WAITING_BATCHES: '100000', WORKER_CONCURRENCY: '4', PSEUDONYM_KEY: 'bench-pseudonym-key-0123456789abcdef0123',
  };
  const apiPort = await sparePort();
  const api = await startService({ ...env, APP_ROLE: 'api', PORT: String(apiPort) });
  const base = `http://127.0.0.1:${apiPort}`;
  const agent = new Agent({ keepAlive: true });
  for (let from = 0; from < EVENTS; from += BATCH) {
    const res = await postJson(agent, `${base}/v1/contacts`, body(from));
    if (res.status !== 202) throw new Error(`POST answered ${res.status}: ${res.text}`);
  }
  const primary = new Client({ connectionString: pg.url(pg.primaryPort, db) });
  const replica = new Client({ connectionString: pg.url(pg.replicaPort, db) });
  await Promise.all([primary.connect(), replica.connect()]);
  const wal = async () => lsnBytes((await primary.query('SELECT pg_current_wal_lsn()::text AS l')).rows[0].l);
  const walBefore = await wal();
  // Workers start on a paused queue, so every one of them is ready when the clock starts.
  const shards = queuesOf(redis, prefix);
  await Promise.all(shards.map((q) => q.pause()));
  const procs = await Promise.all(
    Array.from({ length: workers }, async () => startService({ ...env, APP_ROLE: 'worker', PORT: String(await sparePort()) })),
  );
  const status = async () => (await (await fetch(`${base}/v1/ingestion/status`)).json()) as { waiting: number; active: number };
  let maxLagBytes = 0n;
  let maxLagSeconds = 0;
  const pgBefore = postgresCpu(pg.primaryDir);
  const cpuAtStart = procs.reduce((sum, w) => sum + cpuSeconds(w.pid!), 0); // start-up is not ingestion
  const started = Date.now();
  await Promise.all(shards.map((q) => q.resume()));
  for (;;) {
    const [s, health] = await Promise.all([status(), fetch(`${base}/health/ready`).then((r) => r.json() as Promise<{ details?: { replica?: { lagSeconds?: number } } }>)]);
    const [p, r] = await Promise.all([wal(), replica.query('SELECT pg_last_wal_replay_lsn()::text AS l')]);
    if (p - lsnBytes(r.rows[0].l) > maxLagBytes) maxLagBytes = p - lsnBytes(r.rows[0].l);
    maxLagSeconds = Math.max(maxLagSeconds, health.details?.replica?.lagSeconds ?? 0);
    if (s.waiting === 0 && s.active === 0) break;
    await new Promise((res) => setTimeout(res, 50));
  }
  const seconds = (Date.now() - started) / 1000;
  const { n } = (await primary.query('SELECT count(*)::int AS n FROM contact_event')).rows[0];
  if (n !== EVENTS) throw new Error(`${n} contacts counted, ${EVENTS} sent`);
  const storage = (await primary.query(TABLE_SIZES_SQL)).rows as TableSize[];
  const workerCpu = procs.reduce((sum, w) => sum + cpuSeconds(w.pid!), 0) - cpuAtStart;
  const walBytes = Number((await wal()) - walBefore);
  const pgCpu = postgresCpu(pg.primaryDir) - pgBefore;
  for (const w of [...procs, api]) w.kill('SIGTERM');
  await Promise.all([...procs, api].map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))));
  await Promise.all([primary.end(), replica.end(), ...shards.map((q) => q.close())]);
  shards.connection.disconnect();
  if (!redis.REDIS_CLUSTER_NODES) await deleteQueueKeys(prefix);
  await pg.sql(pg.primaryPort, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  return { queue: label, workers, seconds, rate: EVENTS / seconds, workerCpu, pgCpu, walBytes, maxLagBytes: Number(maxLagBytes), maxLagSeconds, storage };
}

/** BullMQ handles on the case's queue shards, as the service names them, to pause and resume. */
function queuesOf(redis: Record<string, string>, prefix: string): Queue[] & { connection: RedisConnection } {
  const target = { REDIS_URL: redis.REDIS_URL, REDIS_CLUSTER_NODES: redis.REDIS_CLUSTER_NODES };
  const prefixes = shardPrefixes(prefix, Number(redis.QUEUE_SHARDS ?? 1), !!redis.REDIS_CLUSTER_NODES);
  const connection = workerConnection(target);
  return Object.assign(prefixes.map((p) => new Queue(INGESTION_QUEUE, { connection, prefix: p })), { connection });
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300 && !(await check()); i++) await new Promise((r) => setTimeout(r, 100));
}

async function main(): Promise<void> {
  let cluster: PrivateCluster | undefined;
  let pg: PrivatePostgres | undefined;
  try {
    [cluster, pg] = await Promise.all([startRedisCluster(3), startPostgresPair()]);
    const single = { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' };
    const sharded = { REDIS_URL: single.REDIS_URL, REDIS_CLUSTER_NODES: cluster.nodes, QUEUE_SHARDS: '4' };
    const results: CaseResult[] = [];
    for (const [label, redis] of [['one Redis, one queue', single], ['cluster, 4 shards', sharded]] as const) {
      for (const workers of WORKER_COUNTS) {
        if (CASES && !CASES.includes(`${redis === single ? 'single' : 'cluster'}:${workers}`)) continue;
        results.push(await runCase(pg, redis, label, workers));
        console.log(JSON.stringify({ ...results[results.length - 1], storage: undefined }));
      }
    }
    const per = (x: number) => ((x / EVENTS) * 1_000_000).toFixed(1);
    const mb = (bytes: number) => `${((bytes / EVENTS) * 1_000_000 / 2 ** 20).toFixed(1)} MB`;
    const rows = results.map((r) =>
      `| ${r.queue} | ${r.workers} | ${Math.round(r.rate).toLocaleString('en-GB')} contacts/s (${r.seconds.toFixed(1)} s) | ${per(r.workerCpu)} | ${per(r.pgCpu)} | ${(r.walBytes / EVENTS * 1e6 / 2 ** 20).toFixed(0)} MB | ${(r.maxLagBytes / 2 ** 20).toFixed(1)} MB, ${r.maxLagSeconds.toFixed(1)} s |`);
    saveResult('scale', [
      `bench:scale, ${EVENTS.toLocaleString('en-GB')} contacts per case, batches of ${BATCH.toLocaleString('en-GB')}, WORKER_CONCURRENCY 4`,
      '',
      '| queue | worker processes | ingestion | worker CPU s / M | Postgres CPU s / M | WAL / M | replica lag, max |',
      '|---|---|---|---|---|---|---|',
      ...rows,
      '',
      `Storage after the first case, per million contacts (VACUUM not run):`,
      '',
      '| table | heap | indexes | total |',
      '|---|---|---|---|',
      ...results[0].storage.map((t) => `| ${t.table} | ${mb(t.heap)} | ${mb(t.indexes)} | ${mb(t.total)} |`),
    ].join('\n'));
  } finally {
    await Promise.all([cluster?.stop(), pg?.stop()]);
  }
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
