import { startTestApp, TestApp } from '../support/test-app';

const ENDPOINTS = ['channel-shift', 'chatbot', 'centres', 'services', 'costs'];

describe('statistics endpoints: contract', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers an empty period with zero counts and null metrics, never 0 or NaN', async () => {
    const shift = await t.http.get('/v1/stats/channel-shift?period=FY2021-22-Q3').expect(200);
    expect(shift.body).toEqual({
      period: { from: '2021-10-01', to: '2021-12-31' },
      interval: 'month',
      series: ['10', '11', '12'].map((m) => ({
        from: `2021-${m}-01`,
        to: `2021-${m}-${m === '11' ? '30' : '31'}`,
        total: 0, assisted: 0, selfService: 0, selfServiceShare: null, changePp: null,
      })),
    });
    const chatbot = await t.http.get('/v1/stats/chatbot?period=2021-12').expect(200);
    expect(chatbot.body).toEqual({
      period: { from: '2021-12-01', to: '2021-12-31' }, chatbot: 0, escalated: 0, containment: null, webchat: 0,
      series: [{ from: '2021-12-01', to: '2021-12-31', chatbot: 0, escalated: 0, webchat: 0 }],
    });
    const centres = await t.http.get('/v1/stats/centres?period=2021-12').expect(200);
    expect(centres.body.serviceLevelThresholdSeconds).toBe(20);
    expect(centres.body.handoffs).toEqual([]);
    expect(centres.body.centres.map((c: { centre: string }) => c.centre)).toEqual([
      'customer_services', 'highways_transport', 'family_front_door', 'adult_social_care', 'here2help',
    ]);
    expect(centres.body.centres[0]).toEqual({
      centre: 'customer_services', contacts: 0, selfServiceShare: null, firstContactResolution: null,
      abandonmentRate: null, averageSpeedOfAnswerSeconds: null, serviceLevel: null, averageHandlingSeconds: null,
      outOfHoursShare: null, satisfaction: { responses: 0, mean: null },
    });
    const services = await t.http.get('/v1/stats/services?period=2021-12').expect(200);
    expect(services.body).toEqual({ period: { from: '2021-12-01', to: '2021-12-31' }, services: [] });
    const costs = await t.http.get('/v1/stats/costs?period=2021-12').expect(200);
    expect(costs.body).toEqual({ period: { from: '2021-12-01', to: '2021-12-31' }, currency: 'GBP', total: 0, channels: [] });
  });

  it('gives CSV a header row even without items', async () => {
    const res = await t.http.get('/v1/stats/services?period=2021-12&format=csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.text).toBe(
      'service,contacts,assisted,selfService,selfServiceShare,firstContactResolution,repeatContactRate,channels\r\n',
    );
    const costs = await t.http.get('/v1/stats/costs?period=2021-12').set('Accept', 'text/csv').expect(200);
    expect(costs.text).toBe('channel,handling,count,unitCost,cost\r\n');
  });

  it.each(ENDPOINTS)('%s refuses unknown parameters, bad periods and unknown filters with 400', async (name) => {
    await t.http.get(`/v1/stats/${name}?period=2021&colour=red`).expect(400);
    await t.http.get(`/v1/stats/${name}`).expect(400);
    await t.http.get(`/v1/stats/${name}?period=2021&from=2021-01-01&to=2021-01-31`).expect(400);
    await t.http.get(`/v1/stats/${name}?period=FY2021-23`).expect(400);
    const centre = await t.http.get(`/v1/stats/${name}?period=2021&centre=nowhere`).expect(400);
    expect(centre.body.details).toEqual([{ path: 'centre', problem: expect.stringContaining('unknown centre') }]);
    await t.http.get(`/v1/stats/${name}?period=2021&channel=pigeon`).expect(400);
    await t.http.get(`/v1/stats/${name}?period=2021&service=Not%20A%20Slug`).expect(400);
    await t.http.get(`/v1/stats/${name}?period=2021&format=xml`).expect(400);
    await t.http.get(`/v1/stats/${name}?from=2021-01-01&to=2021-01-31&centre=here2help&service=x&source=api&channel=app`).expect(200);
  });

  it('channel-shift takes interval month, fy_quarter, fy and year only', async () => {
    for (const interval of ['month', 'fy_quarter', 'fy', 'year']) {
      await t.http.get(`/v1/stats/channel-shift?period=2021&interval=${interval}`).expect(200);
    }
    await t.http.get('/v1/stats/channel-shift?period=2021&interval=week').expect(400);
    const fy = await t.http.get('/v1/stats/channel-shift?period=2021&interval=fy').expect(200);
    expect(fy.body.series.map((s: { from: string; to: string }) => [s.from, s.to])).toEqual([
      ['2021-01-01', '2021-03-31'],
      ['2021-04-01', '2021-12-31'],
    ]);
    await t.http.get('/v1/stats/chatbot?period=2021&interval=month').expect(400);
  });
});
