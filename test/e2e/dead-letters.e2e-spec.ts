import { randomUUID } from 'node:crypto';
import { Job, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { ReferenceConfig } from '../../src/config/reference-config';
import { renderContactRows } from '../../src/ingestion/contact-rows';
import { ContactEventDto } from '../../src/ingestion/dto/contact-event.dto';
import { Pseudonymiser } from '../../src/privacy/pseudonymiser';
import { IngestionQueue } from '../../src/queue/ingestion-queue';
import { INGESTION_QUEUE, IngestionJob } from '../../src/queue/queue-registry';
import { startTestApp, TEST_REDIS_URL, TestApp } from '../support/test-app';
import { until } from '../support/worker-process';

const keys = { ingest: 'ingest-key-0123456789abcdef', admin: 'admin-key-0123456789abcdef' };
const API_KEYS = `ingest:${keys.ingest},admin:${keys.admin}`;
const admin = { Authorization: `Bearer ${keys.admin}` };

const event = (id: string): ContactEventDto =>
  Object.assign(new ContactEventDto(), { id, occurredAt: '2021-06-15T10:00:00+01:00', channel: 'telephony', centre: 'customer_services', caseRef: `CASE-${id}` });
const events = (tag: string, n: number) => Array.from({ length: n }, (_, i) => event(`${tag}-${i}`));

/** A contacts job put on the queue as the API would, but with a NUL byte in one row: Postgres refuses it. */
async function enqueuePoisoned(t: TestApp, tag: string): Promise<string> {
  const rows = renderContactRows(t.app.get(ReferenceConfig), t.app.get(Pseudonymiser), events(tag, 3));
  const batchId = randomUUID();
  await t.app.get(IngestionQueue).enqueue(IngestionJob.Contacts, { batchId, ...rows, rows: rows.rows.replace(`${tag}-1`, `${tag}\u0000-1`) });
  return batchId;
}

const storedEvents = async (t: TestApp, like: string) =>
  (await t.db.query('SELECT count(*)::int AS n FROM contact_event WHERE source_id LIKE $1', [like]))[0].n as number;

describe('a batch that cannot be written is kept as a dead letter, never lost', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ API_KEYS });
  });
  afterAll(() => t.close());

  const post = (tag: string, n: number) =>
    t.http.post('/v1/contacts').set(admin).send({ events: events(tag, n) }).expect(202);
  const status = async () => (await t.http.get('/v1/ingestion/status').set(admin).expect(200)).body;
  const deadLetters = async () => (await t.http.get('/v1/ingestion/dead-letters').set(admin).expect(200)).body;
  const total = async () => (await t.http.get('/v1/stats/channels?period=2021-06').set(admin).expect(200)).body.total as number;

  let poisoned: string;
  let discarded: string;

  it('counts every batch around a poisoned one exactly and keeps the poisoned one with its reason', async () => {
    const before = await post('before', 500);
    poisoned = await enqueuePoisoned(t, 'poison');
    const between = await post('between', 700);
    discarded = await enqueuePoisoned(t, 'discard');
    const after = await post('after', 300);
    await t.drain();

    expect(await total()).toBe(1500);
    for (const [res, n] of [[before, 500], [between, 700], [after, 300]] as const) {
      const { body } = await t.http.get(`/v1/ingestion/batches/${res.body.batchId}`).set(admin).expect(200);
      expect(body).toMatchObject({ state: 'completed', accepted: n, inserted: n, duplicates: 0 });
    }
    expect(await storedEvents(t, 'poison-%')).toBe(0); // all or nothing: its good rows wait with it

    const list = await deadLetters();
    expect(list.total).toBe(2);
    expect(list.deadLetters.map((d: { batchId: string }) => d.batchId)).toEqual(expect.arrayContaining([poisoned, discarded]));
    const letter = list.deadLetters.find((d: { batchId: string }) => d.batchId === poisoned);
    expect(letter).toMatchObject({ batchId: poisoned, kind: 'contacts', items: 3, attempts: 1 });
    expect(letter.reason).toMatch(/invalid byte sequence.*SQLSTATE 22021/);
    expect(letter.reason).not.toContain('poison'); // no row text
    expect(new Date(letter.firstFailedAt).getTime()).toBeGreaterThan(Date.now() - 120_000);

    // Out of Redis, counted in the status, and its batch answers failed with the reason.
    expect(await t.app.get(IngestionQueue).jobState(poisoned)).toBe('unknown');
    expect(await status()).toMatchObject({ waiting: 0, active: 0, failed: 0, completed: 3, deadLettered: 2 });
    const { body: batch } = await t.http.get(`/v1/ingestion/batches/${poisoned}`).set(admin).expect(200);
    expect(batch).toEqual({ batchId: poisoned, state: 'failed', accepted: 3, inserted: 0, duplicates: 0, error: letter.reason });
  });

  it('stores the payload as queued, case references already pseudonymised', async () => {
    const [{ payload }] = await t.db.query('SELECT payload FROM ingestion_dead_letter WHERE batch_id = $1', [poisoned]);
    expect(payload).not.toContain('CASE-poison');
    expect(JSON.parse(payload)).toMatchObject({ batchId: poisoned, count: 3 });
  });

  it('a repaired dead letter is queued again under its batch id and counted once', async () => {
    // An admin's repair: the NUL taken out of the stored payload.
    await t.db.query(`UPDATE ingestion_dead_letter SET payload = replace(payload, $2, '') WHERE batch_id = $1`, [poisoned, '\\u0000']);
    const { body } = await t.http.post(`/v1/ingestion/dead-letters/${poisoned}/retry`).set(admin).expect(202);
    expect(body).toEqual({ batchId: poisoned, accepted: 3 });
    await t.drain();
    expect(await storedEvents(t, 'poison-%')).toBe(3);
    expect(await total()).toBe(1503);
    const { body: batch } = await t.http.get(`/v1/ingestion/batches/${poisoned}`).set(admin).expect(200);
    expect(batch).toMatchObject({ state: 'completed', accepted: 3, inserted: 3 });
    expect((await deadLetters()).deadLetters.map((d: { batchId: string }) => d.batchId)).toEqual([discarded]);
    await t.http.post(`/v1/ingestion/dead-letters/${poisoned}/retry`).set(admin).expect(404);
  });

  it('an unrepaired retry fails again and is kept again; discarding drops it for good', async () => {
    await t.http.post(`/v1/ingestion/dead-letters/${discarded}/retry`).set(admin).expect(202);
    await t.drain();
    await until(async () => (await status()).deadLettered === 1, 10_000, 'the batch to be dead-lettered again');
    await t.http.delete(`/v1/ingestion/dead-letters/${discarded}`).set(admin).expect(204);
    await t.http.delete(`/v1/ingestion/dead-letters/${discarded}`).set(admin).expect(404);
    await t.http.post(`/v1/ingestion/dead-letters/${discarded}/retry`).set(admin).expect(404);
    expect(await status()).toMatchObject({ deadLettered: 0, failed: 0, completed: 4 });
    expect(await storedEvents(t, 'discard-%')).toBe(0);
    await t.http.get(`/v1/ingestion/batches/${discarded}`).set(admin).expect(404);
  });

  it('is for admins only, bounds its list and names a bad limit', async () => {
    const ingest = { Authorization: `Bearer ${keys.ingest}` };
    await t.http.get('/v1/ingestion/dead-letters').set(ingest).expect(403);
    await t.http.post(`/v1/ingestion/dead-letters/${randomUUID()}/retry`).set(ingest).expect(403);
    await t.http.delete(`/v1/ingestion/dead-letters/${randomUUID()}`).set(ingest).expect(403);
    await t.http.delete('/v1/ingestion/dead-letters/not-a-uuid').set(admin).expect(404);
    for (const limit of ['0', '1001', 'x']) {
      const { body } = await t.http.get(`/v1/ingestion/dead-letters?limit=${limit}`).set(admin).expect(400);
      expect(body.details[0].path).toBe('limit');
    }
    await t.http.get('/v1/ingestion/dead-letters?limit=1000').set(admin).expect(200);
  });

  it('documents the endpoints in the OpenAPI document', async () => {
    const { paths } = (await t.http.get('/docs/json').expect(200)).body;
    expect(Object.keys(paths['/v1/ingestion/dead-letters'])).toEqual(['get']);
    expect(Object.keys(paths['/v1/ingestion/dead-letters/{batchId}/retry'])).toEqual(['post']);
    expect(Object.keys(paths['/v1/ingestion/dead-letters/{batchId}'])).toEqual(['delete']);
    expect(Object.keys(paths['/v1/ingestion/dead-letters/{batchId}'].delete.responses)).toEqual(expect.arrayContaining(['204', '404']));
  });
});

describe('a batch that exhausted the stalled limit is dead-lettered, not dropped', () => {
  let api: TestApp;
  let worker: TestApp | undefined;
  const raw: Worker[] = [];
  const connections: IORedis[] = [];
  beforeAll(async () => {
    api = await startTestApp({ APP_ROLE: 'api' });
  });
  afterAll(async () => {
    for (const w of raw) await w.close(true).catch(() => undefined);
    for (const c of connections) c.disconnect();
    await worker?.close();
    await api.close();
  });

  it('moves it from the failed set to the store when a worker starts, and it can be retried', async () => {
    const { body } = await api.http.post('/v1/contacts').send({ events: events('stalled', 40) }).expect(202);
    const batchId = body.batchId as string;
    const rawWorker = (processor: (job: Job) => Promise<unknown>) => {
      const connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
      connections.push(connection);
      const w = new Worker(INGESTION_QUEUE, processor, {
        connection,
        prefix: api.queuePrefix, lockDuration: 1000, stalledInterval: 300, maxStalledCount: 0,
      });
      raw.push(w);
      return w;
    };
    // A worker that dies mid-batch (its lock lapses), then a stall check with no stalls to spare.
    const dying = rawWorker(() => new Promise(() => undefined));
    await until(async () => (await api.app.get(IngestionQueue).jobState(batchId)) === 'active', 10_000, 'the batch to start');
    await dying.close(true);
    rawWorker(() => Promise.reject(new Error('not reached: the stalled batch fails before it runs')));
    await until(async () => (await api.app.get(IngestionQueue).jobState(batchId)) === 'failed', 20_000, 'BullMQ to fail the batch');
    for (const w of raw.splice(0)) await w.close(true);
    expect((await api.http.get('/v1/ingestion/status').expect(200)).body).toMatchObject({ failed: 1, deadLettered: 0 });

    worker = await startTestApp({ APP_ROLE: 'worker', QUEUE_PREFIX: api.queuePrefix }, { name: api.dbName, url: api.databaseUrl });
    await until(async () => (await api.http.get('/v1/ingestion/status').expect(200)).body.deadLettered === 1, 20_000, 'the dead letter');
    const { body: list } = await api.http.get('/v1/ingestion/dead-letters').expect(200);
    expect(list.deadLetters).toEqual([expect.objectContaining({ batchId, kind: 'contacts', items: 40, reason: 'job stalled more than allowable limit' })]);
    expect((await api.http.get('/v1/ingestion/status').expect(200)).body).toMatchObject({ failed: 0, deadLettered: 1 });

    await api.http.post(`/v1/ingestion/dead-letters/${batchId}/retry`).expect(202);
    await api.drain();
    expect((await api.http.get(`/v1/ingestion/batches/${batchId}`).expect(200)).body).toMatchObject({ state: 'completed', inserted: 40 });
    expect((await api.http.get('/v1/ingestion/status').expect(200)).body).toMatchObject({ failed: 0, deadLettered: 0, completed: 1 });
  });
});
