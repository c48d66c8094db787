import { LiveService } from '../../src/live/live.service';
import { openLive, LiveStream } from '../support/live-stream';
import { authHeader, startTestApp, TestApp } from '../support/test-app';
import { exited, spawnWorker, until } from '../support/worker-process';

/** Today's local date in Europe/London, worked out by Intl (not the service's own code). */
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

const CHANNELS = [
  { channel: 'telephony', handling: 'assisted' },
  { channel: 'online', handling: 'self_service' },
  { channel: 'chatbot', handling: 'self_service' },
  { channel: 'email', handling: 'assisted' },
];

/** n contacts made a minute ago, spread over CHANNELS; answers them and their expected counts by channel. */
function batchOfToday(prefix: string, n: number) {
  const at = new Date(Date.now() - 60_000).toISOString();
  const events = Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, occurredAt: at, ...CHANNELS[(i * 7) % CHANNELS.length] }));
  return events;
}

function expectedToday(events: Array<{ channel: string; handling: string }>) {
  const by = new Map<string, number>();
  for (const e of events) by.set(`${e.channel}/${e.handling}`, (by.get(`${e.channel}/${e.handling}`) ?? 0) + 1);
  const channels = [...by].map(([k, count]) => ({ channel: k.split('/')[0], handling: k.split('/')[1], count }));
  return {
    total: events.length,
    assisted: events.filter((e) => e.handling === 'assisted').length,
    selfService: events.filter((e) => e.handling === 'self_service').length,
    channels: expect.arrayContaining(channels.map((c) => expect.objectContaining(c))),
  };
}

describe('GET /v1/live: today so far, once per change for every open stream', () => {
  let t: TestApp;
  let live: LiveService;
  const streams: LiveStream[] = [];
  const sent: Array<{ channel: string; handling: string }> = [];
  const KEYS = 'read:live-read-key-0123456789,ingest:live-ingest-key-0123456789,admin:live-admin-key-0123456789';
  const read = { authorization: 'Bearer live-read-key-0123456789' };

  beforeAll(async () => {
    t = await startTestApp({ API_KEYS: KEYS });
    live = t.app.get(LiveService);
  });
  afterAll(async () => {
    streams.forEach((s) => s.close());
    await t.close();
  });

  /** Posts a batch and answers when it was counted (batch status completed). */
  async function postAndCount(events: ReturnType<typeof batchOfToday>): Promise<number> {
    const { body } = await t.http.post('/v1/contacts').set(authHeader(t.env)).send({ events }).expect(202);
    sent.push(...events);
    for (;;) {
      const status = await t.http.get(`/v1/ingestion/batches/${body.batchId}`).set(authHeader(t.env));
      if (status.body.state === 'completed') return Date.now();
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('needs a read key and answers an event stream', async () => {
    await t.http.get('/v1/live').expect(401);
    await t.http.get('/v1/live').set({ authorization: 'Bearer live-ingest-key-0123456789' }).expect(403);
    const one = await openLive(t.baseUrl, read);
    streams.push(one);
    const first = await one.next(() => true, 5_000);
    expect(first.data).toMatchObject({ date: londonToday(), total: 0, assisted: 0, selfService: 0, channels: [], waiting: 0 });
    expect(Date.parse(first.data.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('one stream: the figures move within 2 s of a batch for today being counted', async () => {
    const [one] = streams;
    const events = batchOfToday('one', 37);
    const total = sent.length + events.length;
    const moved = one.next((e) => e.data.total === total);
    const counted = await postAndCount(events);
    const event = await moved;
    expect(event.at - counted).toBeLessThan(2_000);
    expect(event.data).toMatchObject(expectedToday(sent));
  });

  it('100 streams: every one gets the update within 2 s, for the database cost of one', async () => {
    // The cost of one stream's update, measured on its own first.
    const beforeOne = live.todayQueries;
    const single = batchOfToday('single', 11);
    const singleTotal = sent.length + single.length;
    const singleMoved = streams[0].next((e) => e.data.total === singleTotal);
    await postAndCount(single);
    await singleMoved;
    await new Promise((r) => setTimeout(r, 500)); // let any follow-up read finish
    const costOfOne = live.todayQueries - beforeOne;

    for (let i = 0; i < 99; i++) streams.push(await openLive(t.baseUrl, read));
    await Promise.all(streams.map((s) => (s.events.length ? Promise.resolve() : s.next(() => true))));
    expect(live.streams).toBe(100);

    const beforeHundred = live.todayQueries;
    const events = batchOfToday('hundred', 250);
    const total = sent.length + events.length;
    const moved = Promise.all(streams.map((s) => s.next((e) => e.data.total === total)));
    const counted = await postAndCount(events);
    const received = await moved;
    await new Promise((r) => setTimeout(r, 500));
    for (const e of received) {
      expect(e.at - counted).toBeLessThan(2_000);
      expect(e.data).toMatchObject(expectedToday(sent));
    }
    expect(costOfOne).toBeGreaterThanOrEqual(1);
    expect(live.todayQueries - beforeHundred).toBe(costOfOne);
  });

  it('sends the figures again at least every 15 s when nothing changes, without reading them again', async () => {
    const [one] = streams;
    const since = Date.now();
    const reads = live.todayQueries;
    const again = await one.next((e) => e.at > since, 15_000);
    expect(again.data.total).toBe(sent.length);
    expect(Date.parse(again.data.updatedAt)).toBeGreaterThanOrEqual(since - 1_000);
    expect(live.todayQueries).toBe(reads);
  });

  it('keeps following when Postgres cuts its listening connection', async () => {
    const [one] = streams;
    const cut = await t.db.query(
      `SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN contacts_counted'`,
    );
    expect(cut).toHaveLength(1);
    const events = batchOfToday('after-cut', 5);
    const total = sent.length + events.length;
    const moved = one.next((e) => e.data.total === total, 15_000);
    const counted = await postAndCount(events);
    const event = await moved;
    // Reconnecting takes a second, then one read catches up (or the next tick does).
    expect(event.at - counted).toBeLessThan(12_000);
    expect(event.data).toMatchObject(expectedToday(sent));
  });

  it('a closed stream stops costing anything', async () => {
    streams.splice(1).forEach((s) => s.close());
    for (let i = 0; i < 50 && live.streams > 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(live.streams).toBe(1);
  });
});

describe('GET /v1/live with the API and the worker in different processes', () => {
  let t: TestApp;
  let worker: ReturnType<typeof spawnWorker>;
  let stream: LiveStream;

  beforeAll(async () => {
    t = await startTestApp({ APP_ROLE: 'api' });
    worker = spawnWorker(t.env);
  });
  afterAll(async () => {
    stream?.close();
    worker.kill('SIGTERM');
    await exited(worker);
    await t.close();
  });

  it("moves within 2 s of the worker process counting a batch for today (Postgres NOTIFY crosses processes)", async () => {
    stream = await openLive(t.baseUrl);
    await stream.next(() => true, 5_000);
    const events = batchOfToday('apart', 23);
    const moved = stream.next((e) => e.data.total === 23, 60_000);
    const { body } = await t.http.post('/v1/contacts').send({ events }).expect(202);
    let counted = 0;
    await until(async () => {
      const status = await t.http.get(`/v1/ingestion/batches/${body.batchId}`);
      counted = Date.now();
      return status.body.state === 'completed';
    }, 60_000, 'the worker process to count the batch');
    const event = await moved;
    expect(event.at - counted).toBeLessThan(2_000);
    expect(event.data).toMatchObject(expectedToday(events));
  });
});
