import { startTestApp, TestApp } from '../support/test-app';

const event = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  occurredAt: '2021-06-15T10:00:00+01:00',
  channel: 'telephony',
  centre: 'customer_services',
  ...extra,
});

describe('every contact is counted once, however often it is sent', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const total = async () => (await t.http.get('/v1/stats/channels?period=2021-06').expect(200)).body.total as number;
  const post = (events: unknown[]) => t.http.post('/v1/contacts').send({ events }).expect(202);
  const batch = async (id: string) => (await t.http.get(`/v1/ingestion/batches/${id}`).expect(200)).body;

  it('a whole request sent again changes nothing and its batch reports duplicates', async () => {
    const events = Array.from({ length: 50 }, (_, i) => event(`whole-${i}`));
    const first = await post(events);
    await t.drain();
    const again = await post(events);
    await t.drain();
    expect(await total()).toBe(50);
    expect(await batch(first.body.batchId)).toMatchObject({ state: 'completed', accepted: 50, inserted: 50, duplicates: 0 });
    expect(await batch(again.body.batchId)).toMatchObject({ state: 'completed', accepted: 50, inserted: 0, duplicates: 50 });
    // Finished jobs leave Redis at once; the status still counts them, from Postgres.
    const { body: status } = await t.http.get('/v1/ingestion/status').expect(200);
    expect(status).toEqual({ waiting: 0, active: 0, failed: 0, completed: 2, oldestWaitingAgeSeconds: 0, deadLettered: 0 });
  });

  it('a partly overlapping request counts only the new events', async () => {
    const overlap = Array.from({ length: 30 }, (_, i) => event(`whole-${i + 40}`)); // 10 old, 20 new
    const res = await post(overlap);
    await t.drain();
    expect(await batch(res.body.batchId)).toMatchObject({ inserted: 20, duplicates: 10 });
    expect(await total()).toBe(70);
  });

  it('concurrent copies of the same request count once', async () => {
    const events = Array.from({ length: 2000 }, (_, i) => event(`concurrent-${i}`, { centre: i % 2 ? 'here2help' : 'customer_services' }));
    const replies = await Promise.all(Array.from({ length: 6 }, () => post(events)));
    await t.drain();
    expect(await total()).toBe(2070);
    const reports = await Promise.all(replies.map((r) => batch(r.body.batchId)));
    expect(reports.reduce((s, b) => s + b.inserted, 0)).toBe(2000);
    expect(reports.reduce((s, b) => s + b.duplicates, 0)).toBe(5 * 2000);
  });

  it('the first version of an event wins, also within one request', async () => {
    await post([event('v-1', { channel: 'email' }), event('v-1', { channel: 'paper' })]);
    await t.drain();
    await post([event('v-1', { channel: 'post' })]);
    await t.drain();
    const { body } = await t.http.get('/v1/stats/channels?period=2021-06&channel=email').expect(200);
    expect(body.total).toBe(1);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM contact_event WHERE source_id = 'v-1'`);
    expect(n).toBe(1);
  });

  it('the same id from another source is another contact', async () => {
    await post([event('shared-id', { source: 'netcall' }), event('shared-id', { source: 'civica', channel: 'webchat' })]);
    await t.drain();
    expect(await total()).toBe(2073);
  });

  it('a volume sent again replaces its count instead of adding to it', async () => {
    const volume = (count: number) => ({ volumes: [{ date: '2021-06-30', channel: 'webchat', source: 'civica', count }] });
    const first = await t.http.post('/v1/volumes').send(volume(100)).expect(202);
    await t.drain();
    await t.http.post('/v1/volumes').send(volume(40)).expect(202);
    await t.drain();
    expect(await total()).toBe(2073 + 40);
    expect(await batch(first.body.batchId)).toMatchObject({ state: 'completed', inserted: 1, duplicates: 0 });
    const { body } = await t.http.get('/v1/stats/channels?period=2021-06&by=source&channel=webchat').expect(200);
    expect(body.channels).toEqual([expect.objectContaining({ source: 'civica', label: 'Web Chat (Civica)', count: 41 })]);
  });

  it('aggregates at both grains equal the stored events and volumes', async () => {
    const [{ events }] = await t.db.query('SELECT count(*)::int AS events FROM contact_event');
    const [{ volumes }] = await t.db.query('SELECT coalesce(sum(count), 0)::int AS volumes FROM contact_volume');
    const [{ d, m }] = await t.db.query(
      `SELECT sum(contacts) FILTER (WHERE grain = 'd')::int AS d, sum(contacts) FILTER (WHERE grain = 'm')::int AS m FROM contact_stats`,
    );
    expect([d, m]).toEqual([events + volumes, events + volumes]);
  });
});
