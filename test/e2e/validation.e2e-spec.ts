import { startTestApp, TestApp } from '../support/test-app';

const good = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  occurredAt: '2021-10-31T01:30:00Z',
  channel: 'online',
  ...extra,
});

describe('bad input is refused whole, with every problem named', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: String(256 * 1024) });
  });
  afterAll(() => t.close());

  const counted = async () => {
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM contact_event');
    return n as number;
  };

  it('one bad item rejects the request, lists each problem by path, and counts nothing', async () => {
    const res = await t.http
      .post('/v1/contacts')
      .send({
        events: [
          good('ok-1'),
          good('bad-1', { channel: 'pigeon' }),
          good('bad-2', { channel: 'telephony', handling: 'self_service' }),
          good('bad-3', { occurredAt: '2021-02-30T10:00:00Z', waitSeconds: -1, satisfaction: 6, mood: 'sad' }),
          good('bad-4', { outcome: 'resolved', handedOffTo: 'here2help', centre: 'mars', category: 'whatever' }),
          good('', { source: 'Bad Source', occurredAt: '2021-06-01T10:00:00' }),
        ],
      })
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const paths = res.body.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(
      [
        'events[1].channel',
        'events[2].handling',
        'events[3].occurredAt',
        'events[3].waitSeconds',
        'events[3].satisfaction',
        'events[3].mood',
        'events[4].category',
        'events[4].centre',
        'events[4].handedOffTo',
        'events[5].id',
        'events[5].source',
        'events[5].occurredAt',
      ].sort(),
    );
    expect(res.body.details.find((d: { path: string }) => d.path === 'events[2].handling').problem).toBe(
      'channel telephony allows only assisted',
    );
    expect(res.body.details.find((d: { path: string }) => d.path === 'events[3].mood').problem).toBe('unknown field');
    await t.drain();
    expect(await counted()).toBe(0);
  });

  it('refuses unknown top-level fields, empty and oversized batches, and non-JSON bodies', async () => {
    const extra = await t.http.post('/v1/contacts').send({ events: [good('x')], note: 1 }).expect(400);
    expect(extra.body.details).toEqual([{ path: 'note', problem: 'unknown field' }]);
    const empty = await t.http.post('/v1/contacts').send({ events: [] }).expect(400);
    expect(empty.body.details[0].path).toBe('events');
    const tooMany = await t.http.post('/v1/contacts').send({ events: Array.from({ length: 10_001 }, () => ({})) });
    expect([400, 413]).toContain(tooMany.status);
    const garbled = await t.http.post('/v1/contacts').set('Content-Type', 'application/json').send('{"events": [').expect(400);
    expect(garbled.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/JSON/) });
  });

  it('answers 413 in the error shape for a body over the limit', async () => {
    const big = { events: Array.from({ length: 3000 }, (_, i) => good(`big-${i}`, { service: 'x'.repeat(60) })) };
    const res = await t.http.post('/v1/contacts').send(big).expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('treats an optional field sent as null as absent', async () => {
    await t.http.post('/v1/contacts').send({ events: [good('nulls', { centre: null, outcome: null, caseRef: null })] }).expect(202);
    await t.drain();
    expect(await counted()).toBe(1);
  });

  it('validates volumes the same way', async () => {
    const res = await t.http
      .post('/v1/volumes')
      .send({ volumes: [{ date: '2021-13-01', channel: 'chatbot', handling: 'assisted', count: -5 }] })
      .expect(400);
    expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual(
      ['volumes[0].count', 'volumes[0].date', 'volumes[0].handling'].sort(),
    );
  });

  it('refuses bad periods and unknown parameters on statistics', async () => {
    const cases: Array<[string, string]> = [
      ['', 'period'],
      ['period=2021&from=2021-01-01&to=2021-01-31', 'period'],
      ['period=FY2021-23', 'period'],
      ['from=2021-02-01&to=2021-01-01', 'from'],
      ['period=2021&colour=red', 'colour'],
      ['period=2021&centre=mars', 'centre'],
    ];
    for (const [query, path] of cases) {
      const res = await t.http.get(`/v1/stats/channels?${query}`).expect(400);
      expect(res.body.details.map((d: { path: string }) => d.path)).toContain(path);
    }
  });
});

describe('periods are Europe/London local dates', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const at = (id: string, occurredAt: string) => ({ id, occurredAt, channel: 'telephony' });
    await t.http
      .post('/v1/contacts')
      .send({
        events: [
          at('fy-edge', '2021-03-31T23:30:00Z'), // 00:30 BST on 1 April: April, FY2021-22
          at('gmt-march', '2021-03-28T00:59:59Z'), // 00:59:59 GMT, 28 March (clocks go forward at 01:00Z)
          at('bst-before-back', '2021-10-31T00:30:00Z'), // 01:30 BST, 31 October
          at('gmt-after-back', '2021-10-31T01:30:00Z'), // 01:30 GMT, 31 October
          at('oct-last-second', '2021-10-31T23:59:59Z'), // 23:59:59 GMT, still 31 October
          at('nov-first', '2021-11-01T00:00:00Z'),
          at('late-sept', '2021-09-30T23:30:00Z'), // 00:30 BST on 1 October
        ],
      })
      .expect(202);
    await t.drain();
  });
  afterAll(() => t.close());

  const total = async (q: string) => (await t.http.get(`/v1/stats/channels?${q}`).expect(200)).body.total as number;

  it('counts 2021-03-31T23:30Z in April 2021 and FY2021-22', async () => {
    expect(await total('period=2021-04')).toBe(1);
    expect(await total('period=2021-03')).toBe(1); // only the 28 March contact
    expect(await total('period=FY2021-22')).toBe(6);
    expect(await total('period=FY2020-21')).toBe(1);
  });

  it('keeps both 01:30s of the October clock change on 31 October, with an inclusive `to`', async () => {
    expect(await total('from=2021-10-31&to=2021-10-31')).toBe(3);
    expect(await total('period=2021-10')).toBe(4);
    expect(await total('period=FY2021-22-Q3')).toBe(5);
    expect(await total('from=2021-10-01&to=2021-10-30')).toBe(1);
    expect(await total('period=2021-11')).toBe(1);
  });

  it('echoes the period as local dates', async () => {
    const { body } = await t.http.get('/v1/stats/channels?period=FY2021-22-Q3').expect(200);
    expect(body.period).toEqual({ from: '2021-10-01', to: '2021-12-31' });
  });

  it('has null shares and percents for an empty period', async () => {
    const { body } = await t.http.get('/v1/stats/channels?period=2019').expect(200);
    expect(body).toMatchObject({ total: 0, assisted: { count: 0, share: null, percent: null }, channels: [] });
  });
});

describe('API keys and scopes', () => {
  let t: TestApp;
  const keys = { ingest: 'ingest-key-0123456789abcdef', read: 'read-key-0123456789abcdef', admin: 'admin-key-0123456789abcdef' };
  beforeAll(async () => {
    t = await startTestApp({ API_KEYS: `ingest:${keys.ingest},read:${keys.read},admin:${keys.admin}` });
  });
  afterAll(() => t.close());

  const bearer = (k: string) => ({ Authorization: `Bearer ${k}` });
  const body = { events: [{ id: 'k1', occurredAt: '2021-05-05T12:00:00Z', channel: 'app' }] };

  it('needs a valid key (401) with a fitting scope (403)', async () => {
    const none = await t.http.post('/v1/contacts').send(body).expect(401);
    expect(none.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    await t.http.post('/v1/contacts').set(bearer('wrong-key-0123456789abcdef')).send(body).expect(401);
    await t.http.post('/v1/contacts').set(bearer(keys.read)).send(body).expect(403);
    await t.http.get('/v1/stats/channels?period=2021').set(bearer(keys.ingest)).expect(403);
    const ok = await t.http.post('/v1/contacts').set(bearer(keys.ingest)).send(body).expect(202);
    await t.http.get(`/v1/ingestion/batches/${ok.body.batchId}`).set(bearer(keys.read)).expect(200);
    await t.http.get('/v1/ingestion/status').set(bearer(keys.ingest)).expect(200);
    await t.http.get('/v1/stats/channels?period=2021').set(bearer(keys.read)).expect(200);
    await t.http.get('/v1/stats/channels?period=2021').set(bearer(keys.admin)).expect(200);
  });

  it('leaves health and the API document open', async () => {
    await t.http.get('/health/live').expect(200);
    await t.http.get('/health/ready').expect(200);
    const doc = await t.http.get('/docs/json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/v1/contacts', '/v1/volumes', '/v1/stats/channels']));
  });
});

describe('rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => t.close());

  it('answers 429 in the error shape with Retry-After once a client exceeds its requests per minute, never for health', async () => {
    for (let i = 0; i < 5; i++) await t.http.get('/v1/stats/channels?period=2021').expect(200);
    const res = await t.http.get('/v1/stats/channels?period=2021').expect(429);
    expect(res.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) await t.http.get('/health/live').expect(200);
  });
});
