/**
 * `npm run bench:tiers` — 3 Conversations at scale: ingestion through the real pipeline beside a
 * raw COPY of the same rows, then tiers and flows for a year.
 *
 * Its own database (ca_bench_tiers_*) and Redis prefix, dropped at the end unless BENCH_KEEP=1.
 * BENCH_CASES (default 1,000,000) cases with 1–6 conversations each over 2021; the first
 * BENCH_HTTP_CASES (default all) go through HTTP POST /v1/conversations in batches of 10,000 →
 * BullMQ → worker (an API process and a worker process; BENCH_TOPOLOGY=all: one in-process app;
 * BENCH_TOPOLOGY=writer: no HTTP or queue, the worker's ConversationWriter alone, one batch at a time,
 * the cost of the database work without other processes competing for the two cores);
 * the rest, if any, are loaded with COPY and SQL.
 * Needs psql on the PATH (COPY FROM STDIN). BENCH_DATABASE_URL names the server (default local).
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { createApp } from '../../src/app.factory';
import { loadEnv } from '../../src/config/env';
import { loadReferenceConfig } from '../../src/config/reference-config';
import { renderConversationRows } from '../../src/ingestion/conversation-rows';
import type { ConversationEventDto } from '../../src/ingestion/dto/conversation-event.dto';
import { ConversationWriter } from '../../src/pipeline/conversation.writer';
import type { QueuedConversations } from '../../src/queue/queue-registry';
import { createDataSource } from '../../src/database/data-source';
import { runMigrations } from '../../src/database/migrator';
import { Pseudonymiser } from '../../src/privacy/pseudonymiser';
import { CompletedBy, Conversation, ConversationOutcome, tierOf } from '../../src/tiers/tier-rules';
import { deleteQueueKeys } from '../support/test-app';
import { adminQuery, postJson, productionNodeOptions, serverUrl, startService } from './bench-support';
import { ORACLE_TIER_DAILY_SQL, ORACLE_TRANSITION_DAILY_SQL } from '../support/tier-oracle';
import { prng } from '../support/random';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const HTTP_CASES = Math.min(CASES, Number(process.env.BENCH_HTTP_CASES ?? CASES));
const QUERY_CALLS = Number(process.env.BENCH_QUERY_CALLS ?? 200);
/** `split` (default): API and worker processes, as in production; `all`: one in-process app with both roles; `writer`: the writer alone. */
const TOPOLOGY = process.env.BENCH_TOPOLOGY === 'all' || process.env.BENCH_TOPOLOGY === 'writer' ? process.env.BENCH_TOPOLOGY : 'split';
const BATCH = 10_000;
/** Batches posted ahead of the workers (the queue's back-pressure would answer 503 far later). */
const AHEAD = 4;
const PSEUDONYM_KEY = 'bench-pseudonym-key-0123456789abcdef0123456789';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface BenchEvent {
  id: string;
  caseRef: string;
  occurredAt: string;
  conversation: Conversation;
  completedBy: CompletedBy;
  outcome?: ConversationOutcome;
  safeguarding?: boolean;
}


/** A plausible front door: most cases end at tiers 0–1, some escalate. [weight, conversation, completedBy, outcome] */
const PAIRINGS: Array<[number, Conversation, CompletedBy, ConversationOutcome?]> = [
  [20, 0, 'self_service', 'advice_information'],
  [22, 0, 'front_door', 'community_support'],
  [18, 1, 'front_door', 'no_further_action'],
  [6, 0, 'social_work_team'],
  [7, 1, 'social_work_team', 'community_support'],
  [14, 2, 'social_work_team', 'reablement'],
  [8, 3, 'social_work_team', 'long_term_community'],
  [5, 3, 'social_work_team', 'long_term_residential'],
];
const WEIGHT = PAIRINGS.reduce((s, p) => s + p[0], 0);
const YEAR_START = Date.UTC(2021, 0, 1);
const DAY = 86_400_000;

/** Case c's events, the same on every run: first within 2021, the rest up to 90 days later. */
function caseEvents(c: number): BenchEvent[] {
  const rnd = prng(c + 1);
  const n = 1 + Math.floor(rnd() * 6);
  const start = YEAR_START + Math.floor(rnd() * 365 * DAY);
  const events: BenchEvent[] = [];
  for (let k = 0; k < n; k++) {
    let w = rnd() * WEIGHT;
    const [, conversation, completedBy, outcome] = PAIRINGS.find((p) => (w -= p[0]) < 0) ?? PAIRINGS[0];
    const at = k === 0 ? start : start + Math.floor(rnd() * 90 * DAY);
    events.push({
      id: `${c}-${k}`, caseRef: `CASE-${c}`, occurredAt: new Date(at).toISOString(), conversation, completedBy,
      ...(outcome ? { outcome } : {}), ...(rnd() < 0.03 ? { safeguarding: true } : {}),
    });
  }
  return events;
}

/** Events of cases [from, to) in a sending order: shuffled within windows of three batches, so journeys span batches. */
function* sendingOrder(from: number, to: number): Generator<BenchEvent[]> {
  const rnd = prng(424242);
  let window: BenchEvent[] = [];
  const flush = function* (): Generator<BenchEvent[]> {
    for (let i = window.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [window[i], window[j]] = [window[j], window[i]];
    }
    for (let i = 0; i < window.length; i += BATCH) yield window.slice(i, i + BATCH);
    window = [];
  };
  for (let c = from; c < to; c++) {
    window.push(...caseEvents(c));
    if (window.length >= 3 * BATCH) yield* flush();
  }
  if (window.length) yield* flush();
}


/** BENCH_TOPOLOGY=writer: the worker's ConversationWriter alone, one batch after another on one connection. */
async function writeAlone(url: string, payloads: QueuedConversations[]) {
  const ds = await createDataSource(url, 1).initialize();
  try {
    const writer = new ConversationWriter(ds);
    let events = 0;
    for (const payload of payloads) events += (await writer.write(payload)).inserted;
    return { posted: payloads.length, events };
  } finally {
    await ds.destroy();
  }
}


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** COPY … FROM STDIN through psql, fed line by line; resolves when psql has committed. */
async function copyInto(url: string, table: string, lines: Iterable<string>): Promise<void> {
  const psql = spawn('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `\\copy ${table} FROM STDIN WITH (FORMAT csv)`], {
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  const done = new Promise<void>((resolve, reject) =>
    psql.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql COPY into ${table} exited with ${code}`)))),
  );
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length > 1 << 20) {
      if (!psql.stdin.write(chunk)) await new Promise((r) => psql.stdin.once('drain', r));
      chunk = '';
    }
  }
  psql.stdin.end(chunk);
  await done;
}

function* csvRows(from: number, to: number, pseudonymiser: Pseudonymiser, rules: ReturnType<typeof loadReferenceConfig>['tiers']): Generator<string> {
  for (const batch of sendingOrder(from, to)) {
    for (const e of batch) {
      const safeguarding = e.safeguarding ?? false;
      const tier = tierOf(rules, { conversation: e.conversation, completedBy: e.completedBy, outcome: e.outcome, safeguarding });
      yield `api,${e.id},\\x${pseudonymiser.pseudonymise(e.caseRef)},${e.occurredAt},${e.conversation},${e.completedBy},${e.outcome ?? ''},${safeguarding},${tier}\n`;
    }
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timeCalls(base: string, path: string, calls: number): Promise<{ p50: number; p95: number; max: number }> {
  for (let i = 0; i < 10; i++) await (await fetch(base + path)).arrayBuffer();
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    const res = await fetch(base + path);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const stamp = `${Date.now().toString(36)}`;
  const dbName = `ca_bench_tiers_${stamp}`;
  const url = serverUrl(dbName);
  const prefix = `ca_bench_tiers_${stamp}`;
  const config = loadReferenceConfig('config');
  const pseudonymiser = new Pseudonymiser(PSEUDONYM_KEY);
  const out: string[] = [];
  const log = (line: string) => {
    out.push(line);
    console.log(line);
  };
  await adminQuery(`CREATE DATABASE ${dbName}`);
  let app: INestApplication | undefined;
  const services: ChildProcess[] = [];
  const db = new Client({ connectionString: url });
  try {
    const ds = await createDataSource(url, 2).initialize();
    await runMigrations(ds).finally(() => ds.destroy());
    await db.connect();
    const serviceEnv = {
      DATABASE_URL: url, REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn', MIGRATIONS_RUN: 'false', RATE_LIMIT_PER_MINUTE: '0',
      PSEUDONYM_KEY, WORKER_CONCURRENCY: process.env.BENCH_WORKER_CONCURRENCY ?? '2', JOB_LOCK_SECONDS: '120',
    };
    let base: string;
    if (TOPOLOGY !== 'split') {
      app = await createApp(loadEnv({ ...serviceEnv, APP_ROLE: TOPOLOGY === 'writer' ? 'api' : 'all' }), config);
      await app.listen(0, '127.0.0.1');
      base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    } else {
      // As in production and in bench:ingest: an API process and a worker process.
      const port = 3600 + Math.floor(Math.random() * 300);
      const heap = { NODE_OPTIONS: productionNodeOptions() };
      services.push(await startService({ ...serviceEnv, ...heap, APP_ROLE: 'api', PORT: String(port) }));
      services.push(await startService({ ...serviceEnv, ...heap, APP_ROLE: 'worker', PORT: String(port + 1) }));
      base = `http://127.0.0.1:${port}`;
    }

    // 1. Ingestion through HTTP → queue → worker.
    const completed = async () =>
      Number((await db.query(`SELECT count(*) AS n FROM ingestion_batch WHERE completed_at IS NOT NULL`)).rows[0].n);
    // Request bodies are built (and encoded, as the bytes a client sends) before the clock starts,
    // as in bench:ingest: the figure is the service's, not the event generator's. With
    // BENCH_TOPOLOGY=writer, the batches as the API would queue them instead.
    const bodies: Array<{ body: Buffer; events: number }> = [];
    const queued: QueuedConversations[] = [];
    for (const batch of sendingOrder(0, HTTP_CASES)) {
      if (TOPOLOGY === 'writer') {
        queued.push({ batchId: randomUUID(), ...renderConversationRows(config.tiers, pseudonymiser, batch as ConversationEventDto[]) });
      } else {
        bodies.push({ body: Buffer.from(JSON.stringify({ events: batch })), events: batch.length });
      }
    }
    let posted = 0;
    let events = 0;
    let postMs = 0;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const t0 = performance.now();
    if (TOPOLOGY === 'writer') ({ posted, events } = await writeAlone(url, queued));
    for (const { body, events: count } of bodies) {
      while (posted - (await completed()) >= AHEAD) await sleep(10);
      const p0 = performance.now();
      const res = await postJson(agent, `${base}/v1/conversations`, body);
      if (res.status !== 202) throw new Error(`POST /v1/conversations answered ${res.status}: ${res.text}`);
      postMs += performance.now() - p0;
      posted++;
      events += count;
      if (posted % 20 === 0) console.error(`  posted ${posted} batches (${fmt(events)} events), ${fmt((performance.now() - t0) / 1000, 0)} s`);
    }
    agent.destroy();
    while ((await completed()) < posted) await sleep(20);
    const ingestSeconds = (performance.now() - t0) / 1000;
    const [{ n: storedEvents }] = (await db.query('SELECT count(*)::int AS n FROM conversation_event')).rows;
    if (storedEvents !== events) throw new Error(`stored ${storedEvents} events, sent ${events}`);

    // The pipeline's aggregates against a recomputation from the stored events.
    const v0 = performance.now();
    const diff = async () => (await db.query(`SELECT
      (SELECT count(*) FROM ((${ORACLE_TIER_DAILY_SQL}) EXCEPT SELECT first_date, entry_tier, final_tier, peak_tier, cases FROM tier_daily WHERE cases > 0) a)
    + (SELECT count(*) FROM (SELECT first_date, entry_tier, final_tier, peak_tier, cases FROM tier_daily WHERE cases > 0 EXCEPT (${ORACLE_TIER_DAILY_SQL})) b)
    + (SELECT count(*) FROM ((${ORACLE_TRANSITION_DAILY_SQL}) EXCEPT SELECT first_date, from_tier, to_tier, count FROM transition_daily WHERE count > 0) c)
    + (SELECT count(*) FROM (SELECT first_date, from_tier, to_tier, count FROM transition_daily WHERE count > 0 EXCEPT (${ORACLE_TRANSITION_DAILY_SQL})) d)
      AS n`)).rows[0].n as string;
    const mismatches = await diff();
    if (mismatches !== '0') throw new Error(`pipeline aggregates differ from the recomputation in ${mismatches} rows`);
    const verifySeconds = (performance.now() - v0) / 1000;

    // 2. Raw COPY of the same rows into a table with the same unique key.
    await db.query(`CREATE TABLE bench_raw_copy (source text, source_id text COLLATE "C", case_ref bytea, occurred_at timestamptz,
      conversation smallint, completed_by text, outcome text, safeguarding boolean, tier smallint, PRIMARY KEY (source, source_id))`);
    const c0 = performance.now();
    await copyInto(url, 'bench_raw_copy', csvRows(0, HTTP_CASES, pseudonymiser, config.tiers));
    const copySeconds = (performance.now() - c0) / 1000;
    await db.query('DROP TABLE bench_raw_copy');

    // 3. The rest of the cases, if any, with COPY and SQL (same journeys rule), so queries see them all.
    let bulkNote = 'none';
    if (HTTP_CASES < CASES) {
      const b0 = performance.now();
      await db.query(`CREATE UNLOGGED TABLE bench_stage (source text, source_id text COLLATE "C", case_ref bytea, occurred_at timestamptz,
        conversation smallint, completed_by text, outcome text, safeguarding boolean, tier smallint)`);
      await copyInto(url, 'bench_stage', csvRows(HTTP_CASES, CASES, pseudonymiser, config.tiers));
      await db.query(`INSERT INTO conversation_event (source, source_id, case_ref, occurred_at, local_date, conversation,
          completed_by, outcome, safeguarding, tier, batch_id)
        SELECT source, source_id, case_ref, occurred_at, (occurred_at AT TIME ZONE 'Europe/London')::date, conversation,
          completed_by, outcome, safeguarding, tier, '00000000-0000-0000-0000-000000000000' FROM bench_stage`);
      await db.query(`
        WITH ordered AS (
          SELECT case_ref, tier, occurred_at, (occurred_at AT TIME ZONE 'Europe/London')::date AS local_date,
                 row_number() OVER w AS rn, count(*) OVER (PARTITION BY case_ref) AS n, lag(tier) OVER w AS prev
          FROM bench_stage WINDOW w AS (PARTITION BY case_ref ORDER BY occurred_at, source_id, tier))
        INSERT INTO case_journey (case_ref, first_at, first_date, entry_tier, final_tier, peak_tier, events, transitions)
        SELECT case_ref, min(occurred_at), max(local_date) FILTER (WHERE rn = 1), max(tier) FILTER (WHERE rn = 1),
               max(tier) FILTER (WHERE rn = n), max(tier), count(*), count(*) FILTER (WHERE prev IS NOT NULL AND prev <> tier)
        FROM ordered GROUP BY case_ref`);
      // The pipeline's part was just proved equal to the recomputation: recompute the aggregates whole.
      await db.query('TRUNCATE tier_daily, transition_daily');
      await db.query(`INSERT INTO tier_daily (first_date, entry_tier, final_tier, peak_tier, cases) ${ORACLE_TIER_DAILY_SQL}`);
      await db.query(`INSERT INTO transition_daily (first_date, from_tier, to_tier, count) ${ORACLE_TRANSITION_DAILY_SQL}`);
      await db.query('DROP TABLE bench_stage');
      await db.query('VACUUM ANALYZE conversation_event, case_journey, tier_daily, transition_daily');
      bulkNote = `${fmt(CASES - HTTP_CASES)} cases loaded with COPY + SQL in ${fmt((performance.now() - b0) / 1000, 0)} s`;
    } else {
      await db.query('VACUUM ANALYZE tier_daily, transition_daily');
    }
    const totals = (await db.query(`SELECT (SELECT count(*) FROM case_journey)::int AS cases, (SELECT count(*) FROM conversation_event)::int AS events,
      (SELECT count(*) FROM tier_daily)::int AS tier_rows, (SELECT count(*) FROM transition_daily)::int AS transition_rows`)).rows[0];

    // 4. Queries for a year.
    const queries: Array<[string, string]> = [
      ['GET /v1/stats/tiers?period=2021 (by final)', '/v1/stats/tiers?period=2021'],
      ['GET /v1/stats/tiers?period=2021&by=peak', '/v1/stats/tiers?period=2021&by=peak'],
      ['GET /v1/stats/tiers?period=2021&by=entry', '/v1/stats/tiers?period=2021&by=entry'],
      ['GET /v1/stats/tiers/flows?period=2021', '/v1/stats/tiers/flows?period=2021'],
      ['GET /v1/stats/tiers?period=FY2021-22', '/v1/stats/tiers?period=FY2021-22'],
    ];
    const year = await (await fetch(`${base}/v1/stats/tiers?period=2021`)).json() as { cases: number };

    log('');
    log(`Tiers benchmark — ${new Date().toISOString().slice(0, 10)}, ${fmt(totals.cases)} cases, ${fmt(totals.events)} conversation events`);
    log(`(${fmt(year.cases)} cases with a first event in 2021; aggregates: ${fmt(totals.tier_rows)} tier_daily rows, ${fmt(totals.transition_rows)} transition_daily rows)`);
    log('');
    log('| ingestion | events | seconds | events/s |');
    log('|---|---:|---:|---:|');
    const route = {
      split: 'HTTP POST /v1/conversations → BullMQ → worker (API + worker processes)',
      all: 'HTTP POST /v1/conversations → BullMQ → worker (one process)',
      writer: 'the worker\'s ConversationWriter alone, one batch at a time (no HTTP, no queue)',
    }[TOPOLOGY];
    log(`| ${route}, ${fmt(posted)} batches of ≤ 10,000, ${fmt(HTTP_CASES)} cases | ${fmt(events)} | ${fmt(ingestSeconds, 1)} | ${fmt(events / ingestSeconds)} |`);
    log(`| raw COPY of the same rows (psql \\copy, PRIMARY KEY (source, source_id)) | ${fmt(events)} | ${fmt(copySeconds, 1)} | ${fmt(events / copySeconds)} |`);
    log('');
    const latency = TOPOLOGY === 'writer' ? '' : `Mean POST latency ${fmt(postMs / posted, 0)} ms per 10,000-event batch. `;
    log(`${latency}Pipeline aggregates checked equal to a SQL recomputation from the events (${fmt(verifySeconds, 1)} s). Rest of the cases: ${bulkNote}.`);
    log('');
    log(`| query (year, ${fmt(QUERY_CALLS)} calls each, HTTP round trip) | p50 ms | p95 ms | max ms |`);
    log('|---|---:|---:|---:|');
    for (const [label, path] of queries) {
      const r = await timeCalls(base, path, QUERY_CALLS);
      log(`| ${label} | ${fmt(r.p50, 1)} | ${fmt(r.p95, 1)} | ${fmt(r.max, 1)} |`);
    }
  } finally {
    await app?.close();
    for (const service of services) service.kill('SIGTERM');
    await db.end().catch(() => undefined);
    await deleteQueueKeys(prefix).catch(() => undefined);
    if (process.env.BENCH_KEEP !== '1') await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    else console.log(`kept database ${dbName}`);
  }
}

main().catch((e: Error) => {
  console.error(`bench failed: ${e.stack ?? e.message}`);
  process.exit(1);
});
