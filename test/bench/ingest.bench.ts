import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { Agent } from 'node:http';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { loadReferenceConfig } from '../../src/config/reference-config';
import type { ContactEventDto } from '../../src/ingestion/dto/contact-event.dto';
import { renderContactRows } from '../../src/ingestion/contact-rows';
import { Pseudonymiser } from '../../src/privacy/pseudonymiser';
import { CONTACT_ROW_COLUMNS } from '../../src/queue/queue-registry';
import { waitUntilCounted } from '../../src/seed/http-replay';
import { deleteQueueKeys } from '../support/test-app';
import { dropDatabase, freshDatabase, postJson, productionNodeOptions, quiesce, rssMb, startService } from './bench-support';

/**
 * End-to-end ingestion throughput — from the first HTTP request to every event counted in the
 * aggregates — beside a raw COPY of the same rows into a table with the same keys and indexes.
 * BENCH_EVENTS (default 1,000,000) contacts in requests of 10,000.
 */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
/**
 * BENCH_IDS=uuid: source ids as random-looking UUIDs (as webchat and chatbot platforms send them)
 * instead of a counter. Their primary-key inserts land all over the index, for the pipeline and
 * the raw COPY alike.
 */
const UUID_IDS = process.env.BENCH_IDS === 'uuid';
const BATCH = 10_000;
const CHANNELS: Array<[string, string]> = [
  ['online', 'self_service'], ['online', 'self_service'], ['online', 'assisted'], ['app', 'self_service'],
  ['switchboard', 'self_service'], ['switchboard', 'assisted'], ['chatbot', 'self_service'], ['telephony', 'assisted'],
  ['webchat', 'assisted'], ['email', 'assisted'], ['paper', 'assisted'], ['post', 'assisted'],
];
const CENTRES = ['customer_services', 'highways_transport', 'family_front_door', 'adult_social_care', 'here2help', undefined];
const OUTCOMES = ['resolved', 'resolved', 'resolved', 'handed_off', 'escalated', 'follow_up', 'abandoned', undefined];

function event(n: number) {
  const [channel, handling] = CHANNELS[n % CHANNELS.length];
  const centre = CENTRES[(n >> 2) % CENTRES.length];
  const outcome = OUTCOMES[(n >> 3) % OUTCOMES.length];
  return {
    id: UUID_IDS ? uuidOf(n) : `bench-${n}`,
    source: n % 10 === 0 ? 'civica' : 'netcall',
    occurredAt: new Date(Date.UTC(2021, 3, 1) + ((n * 31_536) % (365 * 86_400_000))).toISOString(),
    channel,
    handling,
    ...(centre ? { centre } : {}),
    service: `service_${n % 20}`,
    ...(outcome ? { outcome } : {}),
    ...(outcome === 'handed_off' ? { handedOffTo: 'adult_social_care' } : {}),
    ...(channel === 'telephony' ? { waitSeconds: n % 240, durationSeconds: 60 + (n % 600) } : {}),
    ...(n % 7 === 0 ? { satisfaction: 1 + (n % 5) } : {}),
    ...(n % 5 === 0 ? { caseRef: caseOf(n / 5) } : {}),
  };
}

/** A fixed UUID-shaped id for contact n: the raw COPY renders the same rows again. */
function uuidOf(n: number): string {
  const h = createHash('md5').update(String(n)).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The j-th contact with a case reference: 1 in 7 comes back about the case (and service) of the
 * one 3,000 before it, 5.5 days earlier, so ~14 % are repeats within the 7-day window; the
 * rest recur only after 91 days.
 */
function caseOf(j: number): string {
  return `CASE-${(j % 7 === 3 && j >= 3000 ? j - 3000 : j) % 50_000}`;
}

function expectedRepeats(): number {
  let repeats = 0;
  for (let j = 0; j * 5 < EVENTS; j++) if (j % 7 === 3 && j >= 3000) repeats++;
  return repeats;
}

/** WAL written and checkpoints taken by the whole server so far (they explain run-to-run spread). */
async function serverActivity(databaseUrl: string): Promise<{ walMb: number; checkpoints: number }> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows } = await db.query(`SELECT (SELECT wal_bytes FROM pg_stat_wal) AS wal,
    (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter) AS checkpoints`);
  await db.end();
  return { walMb: Number(rows[0].wal) / 1e6, checkpoints: Number(rows[0].checkpoints) };
}

/** The production topology: an API process and a worker process (BENCH_TOPOLOGY=all runs one process with both roles). */
async function endToEnd(databaseUrl: string, bodies: Buffer[]) {
  const port = 3400 + Math.floor(Math.random() * 500);
  const common = {
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: `bench${Date.now()}`,
    MAX_WAITING_BATCHES: '20',
    RATE_LIMIT_PER_MINUTE: '0',
    WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY ?? '2',
    // Heap settings of the service processes (the benchmark process itself holds every request body).
    NODE_OPTIONS: process.env.BENCH_SERVICE_NODE_OPTIONS ?? productionNodeOptions(),
  };
  const together = process.env.BENCH_TOPOLOGY === 'all';
  const services = [await startService({ ...common, APP_ROLE: together ? 'all' : 'api', PORT: String(port) })];
  if (!together) services.push(await startService({ ...common, APP_ROLE: 'worker', PORT: String(port + 1) }));
  const baseUrl = `http://127.0.0.1:${port}`;
  const rss = () => services.reduce((sum, s) => sum + rssMb(s.pid!), 0);
  let maxRss = rss();
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, rss())), 100);
  const housekeeping = await serverActivity(databaseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 2 });
  const started = process.hrtime.bigint();
  let next = 0;
  const lane = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      for (;;) {
        const res = await postJson(agent, `${baseUrl}/v1/contacts`, body);
        if (res.status === 202) break;
        if (res.status !== 503) throw new Error(`ingest answered ${res.status}: ${res.text}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  };
  await Promise.all([lane(), lane()]);
  agent.destroy();
  await waitUntilCounted(baseUrl);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  const after = await serverActivity(databaseUrl);
  const server = { walMb: after.walMb - housekeeping.walMb, checkpoints: after.checkpoints - housekeeping.checkpoints };
  const check = new Client({ connectionString: databaseUrl });
  await check.connect();
  const [totals] = (await check.query(`SELECT sum(contacts) AS n, sum(repeats) AS repeats FROM contact_stats WHERE grain = 'm'`)).rows;
  const counted = Number(totals.n);
  const repeats = Number(totals.repeats);
  await check.end();
  for (const s of services) s.kill('SIGTERM');
  await deleteQueueKeys(common.QUEUE_PREFIX);
  return { seconds, counted, repeats, maxRss, server, topology: together ? 'one process, APP_ROLE=all' : 'API process + worker process' };
}

/** The same rows, as the pipeline would store them, straight into a copy of contact_event by COPY. */
async function rawCopy(databaseUrl: string) {
  const config = loadReferenceConfig('config');
  const pseudonymiser = new Pseudonymiser('bench-key-0123456789abcdef0123456789');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('CREATE TABLE copy_target (LIKE contact_event INCLUDING ALL)');
  // Rendered by the API's own code, so these are exactly the rows the pipeline stores; prepared
  // before the clock starts: only the database's work is timed.
  const chunks: string[] = [];
  for (let b = 0; b < EVENTS; b += BATCH) {
    const events = Array.from({ length: Math.min(BATCH, EVENTS - b) }, (_, i) => event(b + i));
    chunks.push(renderContactRows(config, pseudonymiser, events as ContactEventDto[]).rows);
  }
  const started = process.hrtime.bigint();
  await pipeline(
    Readable.from(chunks),
    client.query(copyFrom(`COPY copy_target (${CONTACT_ROW_COLUMNS.join(', ')}) FROM STDIN`)),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await client.end();
  return { seconds };
}

async function main() {
  const db = `ca_bench_ingest_${Date.now().toString(36)}`;
  const url = await freshDatabase(db);
  const bodies: Buffer[] = []; // as the bytes a client sends: encoded before the clock starts
  for (let b = 0; b < EVENTS; b += BATCH) {
    bodies.push(Buffer.from(JSON.stringify({ events: Array.from({ length: Math.min(BATCH, EVENTS - b) }, (_, i) => event(b + i)) })));
  }
  console.log(
    `${EVENTS.toLocaleString('en-GB')} contacts in ${bodies.length} requests of ${BATCH.toLocaleString('en-GB')}, ` +
      `ids ${UUID_IDS ? 'random-looking UUIDs' : 'a counter (bench-n)'}`,
  );
  await quiesce(url);
  const e2e = await endToEnd(url, bodies);
  console.log(`end to end: ${e2e.seconds.toFixed(1)} s`);
  bodies.length = 0;
  await quiesce(url);
  const copy = await rawCopy(url);
  const e2eRate = EVENTS / e2e.seconds;
  const copyRate = EVENTS / copy.seconds;
  console.log('| measure | value |');
  console.log('|---|---|');
  console.log(`| end to end (HTTP → queue → worker → counted) | ${Math.round(e2eRate).toLocaleString('en-GB')} contacts/s (${e2e.seconds.toFixed(1)} s) |`);
  console.log(`| raw COPY of the same rows, same keys and indexes | ${Math.round(copyRate).toLocaleString('en-GB')} rows/s (${copy.seconds.toFixed(1)} s) |`);
  console.log(`| ratio end to end ÷ COPY | ${(e2eRate / copyRate).toFixed(3)} |`);
  console.log(`| counted in aggregates | ${e2e.counted.toLocaleString('en-GB')} of ${EVENTS.toLocaleString('en-GB')} |`);
  console.log(`| repeat contacts flagged | ${e2e.repeats.toLocaleString('en-GB')} of ${expectedRepeats().toLocaleString('en-GB')} |`);
  console.log(`| server work during end to end | ${Math.round(e2e.server.walMb)} MB of WAL, ${e2e.server.checkpoints} checkpoint(s) |`);
  console.log(`| peak RSS, API + worker (${e2e.topology}) | ${Math.round(e2e.maxRss)} MB |`);
  await dropDatabase(db);
  if (e2e.counted !== EVENTS) throw new Error('not every contact was counted');
  if (e2e.repeats !== expectedRepeats()) throw new Error('repeat contacts were not flagged exactly');
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
