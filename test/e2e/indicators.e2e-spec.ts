import { readWebsiteYears } from '../../src/seed/website';
import { startTestApp, TestApp } from '../support/test-app';

const KEYS = { ingest: 'ingest-key-0123456789abcdef', read: 'read-key-0123456789abcdef0' };
const bearer = (scope: keyof typeof KEYS) => ({ Authorization: `Bearer ${KEYS[scope]}` });

describe('indicators, the scorecard and web analytics', () => {
  let t: TestApp;
  const put = (path: string, body: object, scope: keyof typeof KEYS = 'ingest') => t.http.put(path).set(bearer(scope)).send(body);
  const get = (path: string) => t.http.get(path).set(bearer('read'));
  const kpi = async (period: string, id: string) =>
    (await get(`/v1/kpis?period=${period}`).expect(200)).body.indicators.find((i: { id: string }) => i.id === id);

  beforeAll(async () => {
    t = await startTestApp({ API_KEYS: `ingest:${KEYS.ingest},read:${KEYS.read}` });
    await t.http.post('/v1/volumes').set(bearer('ingest')).send({
      volumes: [
        { date: '2021-11-01', channel: 'online', count: 80 },
        { date: '2021-11-01', channel: 'telephony', count: 20 },
        { date: '2021-08-01', channel: 'online', count: 70 },
        { date: '2021-08-01', channel: 'telephony', count: 30 },
      ],
    }).expect(202);
    await t.drain();
  });
  afterAll(() => t.close());

  it("gives a count indicator its previous quarter, same quarter last year and changes, as the seed's compliments", async () => {
    await put('/v1/indicators/compliments_received/values/FY2021-22-Q2', { value: 82 }).expect(200);
    await put('/v1/indicators/compliments_received/values/FY2020-21-Q3', { value: 98 }).expect(200);
    const stored = await put('/v1/indicators/compliments_received/values/FY2021-22-Q3', {
      value: 84, performance: 'More praise for individual advisers.', currentActivity: 'Sharing compliments with teams.',
    }).expect(200);
    expect(stored.body).toEqual({
      indicator: 'compliments_received', period: 'FY2021-22-Q3', value: 84, performance: 'More praise for individual advisers.',
      currentActivity: 'Sharing compliments with teams.', futureActivity: null,
    });
    expect(await kpi('FY2021-22-Q3', 'compliments_received')).toEqual({
      id: 'compliments_received', title: 'Compliments received', source: 'reported', unit: 'count', polarity: 'none',
      value: 84, target: null, rag: 'No Status', directionOfTravel: 'N/A', previous: 82, samePeriodLastYear: 98,
      changeFromPrevious: { absolute: 2, percent: (2 / 82) * 100 },
      changeFromLastYear: { absolute: -14, percent: (-14 / 98) * 100 },
      performance: 'More praise for individual advisers.', currentActivity: 'Sharing compliments with teams.', futureActivity: null,
    });
  });

  it('replaces a value and its commentary on a second PUT', async () => {
    await put('/v1/indicators/complaints_completed_in_time/values/2021-12', { value: 0.8, performance: 'first' }).expect(200);
    await put('/v1/indicators/complaints_completed_in_time/values/2021-12', { value: 0.87 }).expect(200);
    expect(await kpi('2021-12', 'complaints_completed_in_time')).toMatchObject({
      value: 0.87, target: 0.9, rag: 'Amber', performance: null, previous: null, directionOfTravel: 'N/A', changeFromPrevious: null,
    });
  });

  it('derives indicators from the contacts: RAG against the target and direction against the previous quarter', async () => {
    expect(await kpi('FY2021-22-Q3', 'self_service_share')).toMatchObject({
      source: 'derived', value: 0.8, target: 0.8, rag: 'Green', previous: 0.7, directionOfTravel: 'Improving',
      samePeriodLastYear: null, changeFromLastYear: null,
    });
    expect((await kpi('FY2021-22-Q3', 'self_service_share')).changeFromPrevious.absolute).toBeCloseTo(0.1, 12);
    expect(await kpi('FY2021-22-Q1', 'self_service_share')).toMatchObject({ value: null, rag: 'No Status', directionOfTravel: 'N/A' });
  });

  it('refuses an unknown indicator (404), a derived one, a bad value, period or text (400), and a read key (403)', async () => {
    await put('/v1/indicators/no_such/values/2021', { value: 1 }).expect(404);
    const derived = await put('/v1/indicators/self_service_share/values/2021', { value: 0.5 }).expect(400);
    expect(derived.body.details[0].path).toBe('id');
    const cases: [string, object, string][] = [
      ['2021', { value: 'many' }, 'value'],
      ['2021', {}, 'value'],
      ['2021', { value: 1, performance: 'x'.repeat(4001) }, 'performance'],
      ['2021', { value: 1, futureActivity: 'bad\u0000text' }, 'futureActivity'],
      ['2021', { value: 1, colour: 'red' }, 'colour'],
      ['FY2021-2', { value: 1 }, 'period'],
    ];
    for (const [period, body, path] of cases) {
      const res = await put(`/v1/indicators/compliments_received/values/${period}`, body).expect(400);
      expect(res.body.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    await put('/v1/indicators/compliments_received/values/2021', { value: null, performance: 'x'.repeat(4000) }).expect(200);
    await put('/v1/indicators/compliments_received/values/2021', { value: 1 }, 'read').expect(403);
    await get('/v1/kpis').expect(400);
  });

  it("answers the seed's website table with year-on-year change to two decimals", async () => {
    for (const { year, ...counts } of readWebsiteYears()) await put(`/v1/web-analytics/${year}`, counts).expect(200);
    const { body } = await get('/v1/web-analytics').expect(200);
    expect(body.years.map((y: Record<string, number>) => [y.year, y.usersChangePercent, y.sessionsChangePercent, y.pageViewsChangePercent]))
      .toEqual([[2019, null, null, null], [2020, 36.58, 33.17, 20.63], [2021, 42.91, 31.16, 16.37]]);
    expect(body.years[2]).toMatchObject({ users: 2757610, sessions: 5022330, pageViews: 28151029 });
    await put('/v1/web-analytics/21', { users: 1, sessions: 1, pageViews: 1 }).expect(400);
    await put('/v1/web-analytics/2021', { users: -1, sessions: 1, pageViews: 1 }).expect(400);
    await put('/v1/web-analytics/2021', { users: 1, sessions: 1, pageViews: 1 }, 'read').expect(403);
  });
});
