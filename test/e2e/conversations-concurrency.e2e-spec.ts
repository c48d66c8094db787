import IORedis from 'ioredis';
import { expectAggregatesExact } from '../support/tier-oracle';
import { startTestApp, TEST_REDIS_URL, TestApp } from '../support/test-app';
import { prng } from '../support/random';

type Event = Record<string, unknown>;


const PAIRINGS: Array<[number, string, string?]> = [
  [0, 'self_service'], [0, 'front_door'], [1, 'front_door'], [1, 'social_work_team'], [2, 'social_work_team', 'reablement'],
  [3, 'social_work_team', 'long_term_community'], [3, 'social_work_team', 'long_term_nursing'],
];

/** Cases with 1–6 events each over 2021 (some at the same instant), as raw caseRefs. */
function journeys(cases: number, seed: number): Event[] {
  const rnd = prng(seed);
  const events: Event[] = [];
  for (let c = 0; c < cases; c++) {
    const n = 1 + Math.floor(rnd() * 6);
    const start = Date.UTC(2021, 0, 1) + Math.floor(rnd() * 300) * 86_400_000;
    for (let k = 0; k < n; k++) {
      const [conversation, completedBy, outcome] = PAIRINGS[Math.floor(rnd() * PAIRINGS.length)];
      const at = start + (rnd() < 0.2 ? 0 : Math.floor(rnd() * 40 * 86_400_000));
      events.push({
        id: `c${c}-${k}`, caseRef: `RAW-CASE-${seed}-${c}`, occurredAt: new Date(at).toISOString(), conversation, completedBy,
        ...(outcome ? { outcome } : {}), ...(rnd() < 0.05 ? { safeguarding: true } : {}),
      });
    }
  }
  return events;
}

function shuffle<T>(items: T[], rnd: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Every value stored under a Redis key prefix, as text. */
async function redisDump(prefix: string): Promise<string> {
  const redis = new IORedis(TEST_REDIS_URL);
  const parts: string[] = [];
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      for (const key of keys) {
        parts.push(key);
        const type = await redis.type(key);
        if (type === 'string') parts.push((await redis.get(key)) ?? '');
        else if (type === 'hash') parts.push(JSON.stringify(await redis.hgetall(key)));
        else if (type === 'list') parts.push(JSON.stringify(await redis.lrange(key, 0, -1)));
        else if (type === 'set') parts.push(JSON.stringify(await redis.smembers(key)));
        else if (type === 'zset') parts.push(JSON.stringify(await redis.zrange(key, 0, -1)));
        else if (type === 'stream') parts.push(JSON.stringify(await redis.xrange(key, '-', '+')));
      }
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return parts.join('\n');
}

describe('conversation batches processed concurrently, and case references kept private', () => {
  let t: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ WORKER_CONCURRENCY: '4' });
    // A second worker process on the same database and queue.
    second = await startTestApp(
      { APP_ROLE: 'worker', QUEUE_PREFIX: t.queuePrefix, WORKER_CONCURRENCY: '4' },
      { name: t.dbName, url: t.databaseUrl },
    );
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('counts journeys exactly when batches touching the same cases run at once, with re-sends', async () => {
    const rnd = prng(7);
    const events = journeys(400, 7);
    // 24 batches: every event once in random order, plus a fifth of them re-sent in other batches.
    const batches: Event[][] = Array.from({ length: 24 }, () => []);
    for (const e of shuffle(events, rnd)) batches[Math.floor(rnd() * batches.length)].push(e);
    for (const e of events) if (rnd() < 0.2) batches[Math.floor(rnd() * batches.length)].push(e);
    const accepted = await Promise.all(
      batches.filter((b) => b.length).map((b) => t.http.post('/v1/conversations').send({ events: b }).expect(202)),
    );
    await t.drain();
    let inserted = 0;
    for (const res of accepted) {
      const status = await t.http.get(`/v1/ingestion/batches/${res.body.batchId}`).expect(200);
      expect(status.body.state).toBe('completed');
      inserted += status.body.inserted;
    }
    expect(inserted).toBe(events.length);
    expect((await t.http.get('/v1/ingestion/status').expect(200)).body.failed).toBe(0);
    await expectAggregatesExact(t.db);
    const year = (await t.http.get('/v1/stats/tiers?period=2021').expect(200)).body;
    expect(year.cases).toBe(400);
    const flows = (await t.http.get('/v1/stats/tiers/flows?period=2021').expect(200)).body;
    expect(flows.journeys.reduce((s: number, j: { cases: number }) => s + j.cases, 0)).toBe(400);
  });

  it('stores no raw case reference in any table, nor in Redis', async () => {
    const raw = 'RAW-CASE-7-12';
    // Queued but not yet processed: an API-only app has no worker.
    const api = await startTestApp({ APP_ROLE: 'api' }, { name: t.dbName, url: t.databaseUrl });
    try {
      await api.http
        .post('/v1/conversations')
        .send({ events: [{ id: 'p1', caseRef: raw, occurredAt: '2021-02-01T10:00:00Z', conversation: 0, completedBy: 'front_door' }] })
        .expect(202);
      const queued = await redisDump(api.queuePrefix);
      expect(queued).toContain('p1');
      expect(queued).not.toContain('RAW-CASE');
    } finally {
      await api.close();
    }
    // Processed batches leave Redis at once (their outcome is in Postgres): neither payloads nor raw references remain.
    const processed = await redisDump(t.queuePrefix);
    expect(processed).toContain('completed'); // the queue's event log is there
    expect(processed).not.toContain('c12-0');
    expect(processed).not.toContain('RAW-CASE');
    // Every column of every table, as text (bytea as hex), for the reference and its UTF-8 bytes in hex.
    const tables: Array<{ name: string }> = await t.db.query(
      `SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((r) => r.name)).toEqual(expect.arrayContaining(['conversation_event', 'case_journey', 'baseline']));
    for (const { name } of tables) {
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM ${name} r
         WHERE strpos(upper(r::text), 'RAW-CASE') > 0 OR strpos(r::text, encode(convert_to('RAW-CASE', 'UTF8'), 'hex')) > 0`,
      );
      expect({ table: name, rows: n }).toEqual({ table: name, rows: 0 });
    }
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM conversation_event');
    expect(n).toBeGreaterThan(1000);
  });
});
