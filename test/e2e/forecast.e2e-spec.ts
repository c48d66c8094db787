import { datesOf, expectedDay, generateDemand, GeneratedEvent, DemandSpec, INTRADAY_SHAPE } from '../support/demand-model';
import { loadReferenceConfig } from '../../src/config/reference-config';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Twenty weeks of telephony with a known weekly and intraday shape, trend, noise and bank
 * holidays go in through the HTTP API; the service forecasts the eight weeks after them, which
 * it has not seen, and is scored against what then happens. Then the contract: 400s, history
 * before `from` only, the cache following new contacts, staffing and CSV.
 */
const START = '2025-03-17'; // a Monday; the spring clock change and four bank holidays follow
const FROM = '2025-08-04'; // 20 weeks later
const TO = '2025-09-28'; // 8 weeks, with the August bank holiday
const config = loadReferenceConfig('config');
const spec: DemandSpec = {
  channel: 'telephony',
  centre: 'customer_services',
  base: 320,
  weeklyGrowth: 0.006,
  noise: 0.05,
  bankHolidays: config.bankHolidays,
  seed: 4242,
};
const Q = `channel=telephony&centre=customer_services`;

async function post(t: TestApp, events: GeneratedEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 10_000) {
    await t.http.post('/v1/contacts').send({ events: events.slice(i, i + 10_000) }).expect(202);
  }
  await t.drain();
}

const wape = (pairs: [number, number][]) => pairs.reduce((a, [x, f]) => a + Math.abs(x - f), 0) / pairs.reduce((a, [x]) => a + x, 0);

describe('forecast and staffing', () => {
  let t: TestApp;
  const history = generateDemand(spec, START, START, '2025-08-03');
  const future = generateDemand(spec, START, FROM, TO);
  let before: { body: Record<string, unknown> };
  let beforeHalfHours: { body: { series: { from: string; contacts: number; low: number; high: number }[] } };

  beforeAll(async () => {
    t = await startTestApp();
    await post(t, history);
    before = await t.http.get(`/v1/forecast?${Q}&from=${FROM}&to=${TO}`).expect(200);
    beforeHalfHours = await t.http.get(`/v1/forecast?${Q}&from=${FROM}&to=${TO}&interval=half_hour`).expect(200);
    await post(t, future); // the weeks forecast now happen
  }, 180_000);
  afterAll(() => t.close());

  it('answers the contract: basis before `from`, one item per day, backtest against seasonal naive', () => {
    const body = before.body as {
      basis: { from: string; to: string }; method: string; backtest: { weeks: number; wape: number; seasonalNaiveWape: number };
      series: { from: string; to: string; contacts: number; low: number; high: number }[];
    };
    expect(body.basis).toEqual({ from: START, to: '2025-08-03' });
    expect(body.method).toBe('holt-winters-damped-weekly');
    expect(body.backtest.weeks).toBe(4);
    expect(body.backtest.wape).toBeLessThan(body.backtest.seasonalNaiveWape);
    expect(body.series.map((s) => s.from)).toEqual(datesOf(FROM, TO));
    for (const s of body.series) {
      expect(s.to).toBe(s.from);
      expect(s.low).toBeLessThanOrEqual(s.contacts);
      expect(s.high).toBeGreaterThanOrEqual(s.contacts);
    }
  });

  it('is accurate on the eight weeks it never saw (daily and half-hourly WAPE, 80 % coverage), and beats seasonal naive', () => {
    const series = (before.body as { series: { from: string; contacts: number; low: number; high: number }[] }).series;
    const actualByDay = new Map<string, number>();
    for (const e of future) {
      const day = new Date(e.occurredAt).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
      actualByDay.set(day, (actualByDay.get(day) ?? 0) + 1);
    }
    const historyByDay = new Map<string, number>();
    for (const e of history) {
      const day = new Date(e.occurredAt).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
      historyByDay.set(day, (historyByDay.get(day) ?? 0) + 1);
    }
    const daily = series.map((s) => [actualByDay.get(s.from) ?? 0, s.contacts] as [number, number]);
    // Seasonal naive, computed here: each day as the same weekday in the last week of history.
    const lastWeek = datesOf('2025-07-28', '2025-08-03').map((d) => historyByDay.get(d) ?? 0);
    const naive = series.map((s, i) => [actualByDay.get(s.from) ?? 0, lastWeek[i % 7]] as [number, number]);
    const dailyCoverage = series.filter((s) => {
      const a = actualByDay.get(s.from) ?? 0;
      return a >= s.low && a <= s.high;
    }).length / series.length;

    const actualByHalfHour = new Map<string, number>();
    for (const e of future) {
      const at = Math.floor(Date.parse(e.occurredAt) / 1_800_000) * 1_800_000;
      const key = new Date(at).toISOString();
      actualByHalfHour.set(key, (actualByHalfHour.get(key) ?? 0) + 1);
    }
    const hh = beforeHalfHours.body.series;
    const halfHourly = hh.map((s) => [actualByHalfHour.get(s.from) ?? 0, s.contacts] as [number, number]);
    const open = hh.filter((s) => (actualByHalfHour.get(s.from) ?? 0) > 0);
    const hhCoverage = open.filter((s) => {
      const a = actualByHalfHour.get(s.from)!;
      return a >= s.low && a <= s.high;
    }).length / open.length;
    // The floor: the WAPE of the true expected values (known here), which noise alone gives.
    const shapeTotal = INTRADAY_SHAPE.reduce((a, b) => a + b, 0);
    const oracleDaily = series.map((s) => [actualByDay.get(s.from) ?? 0, expectedDay(spec, START, s.from)] as [number, number]);
    const oracleHalfHourly = hh.map((s) => {
      const day = new Date(s.from).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
      const local = new Date(s.from).toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour12: false });
      const slot = Number(local.slice(0, 2)) * 2 + (Number(local.slice(3, 5)) >= 30 ? 1 : 0);
      return [actualByHalfHour.get(s.from) ?? 0, (expectedDay(spec, START, day) * INTRADAY_SHAPE[slot]) / shapeTotal] as [number, number];
    });
    const figures = {
      dailyWape: wape(daily), seasonalNaiveDailyWape: wape(naive), oracleDailyWape: wape(oracleDaily),
      halfHourlyWape: wape(halfHourly), oracleHalfHourlyWape: wape(oracleHalfHourly),
      dailyCoverage80: dailyCoverage, halfHourlyCoverage80: hhCoverage,
    };
    console.log(`forecast accuracy on 8 unseen weeks: ${JSON.stringify(figures)}`);
    expect(figures.dailyWape).toBeLessThan(0.1);
    expect(figures.dailyWape).toBeLessThan(figures.seasonalNaiveDailyWape);
    expect(figures.dailyWape).toBeLessThan(figures.oracleDailyWape * 2);
    expect(figures.halfHourlyWape).toBeLessThan(figures.oracleHalfHourlyWape * 1.3);
    expect(figures.dailyCoverage80).toBeGreaterThan(0.65);
    expect(figures.dailyCoverage80).toBeLessThan(0.97);
    expect(figures.halfHourlyCoverage80).toBeGreaterThan(0.65);
    expect(figures.halfHourlyCoverage80).toBeLessThan(0.97);
    // The bank holiday is forecast like a Sunday, far below the Mondays around it.
    const holiday = series.find((s) => s.from === '2025-08-25')!;
    expect(holiday.contacts).toBeLessThan(expectedDay(spec, START, '2025-08-25') * 3);
    expect(holiday.contacts).toBeLessThan(series.find((s) => s.from === '2025-08-18')!.contacts / 5);
  });

  it('half-hour items: 48 a day, the 10:00 peak, and each day adds up to its daily forecast', () => {
    const hh = beforeHalfHours.body.series;
    const days = (before.body as { series: { from: string; contacts: number }[] }).series;
    expect(hh).toHaveLength(days.length * 48); // no clock change in August–September
    const monday = hh.slice(0, 48);
    const peak = monday.reduce((best, s) => (s.contacts > best.contacts ? s : best));
    expect(peak.from).toBe('2025-08-04T09:00:00.000Z'); // 10:00 BST
    const firstDay = monday.reduce((a, s) => a + s.contacts, 0);
    expect(firstDay).toBeCloseTo(days[0].contacts, 6);
  });

  it('a clock-change day has 46 or 50 half-hours', async () => {
    const spring = await t.http.get(`/v1/forecast?${Q}&from=2025-10-20&to=2025-10-27&interval=half_hour`).expect(200);
    const perDay = new Map<string, number>();
    for (const s of spring.body.series as { from: string }[]) {
      const day = new Date(s.from).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    expect(perDay.get('2025-10-26')).toBe(50);
    expect(perDay.get('2025-10-25')).toBe(48);
    const { body } = await t.http.get(`/v1/forecast?${Q}&from=2026-03-29&to=2026-03-29&interval=half_hour`).expect(200);
    expect(body.series).toHaveLength(46);
    expect(body.series[2].from).toBe('2026-03-29T01:00:00.000Z'); // 02:00 BST follows 00:30–01:00 GMT
  });

  it('is made from history before `from` only: the weeks that then happened do not change it', async () => {
    const again = await t.http.get(`/v1/forecast?${Q}&from=${FROM}&to=${TO}`).expect(200);
    expect(again.body).toEqual(before.body);
  });

  it('new contacts in the history change the answer at once (the cache follows them)', async () => {
    const first = await t.http.get(`/v1/forecast?${Q}&from=2025-09-01&to=2025-09-07`).expect(200);
    const cached = await t.http.get(`/v1/forecast?${Q}&from=2025-09-01&to=2025-09-07`).expect(200);
    expect(cached.body).toEqual(first.body);
    const extra = Array.from({ length: 400 }, (_, i) => ({
      id: `extra-${i}`, source: 'netcall', occurredAt: '2025-08-29T10:15:00.000Z', channel: 'telephony', centre: 'customer_services', durationSeconds: 200,
    }));
    await post(t, extra);
    const after = await t.http.get(`/v1/forecast?${Q}&from=2025-09-01&to=2025-09-07`).expect(200);
    expect(after.body).not.toEqual(first.body);
    expect(after.body.basis).toEqual(first.body.basis);
  });

  it('staffs each open half-hour of a day by Erlang C, with the measured handling time', async () => {
    const { body } = await t.http.get(`/v1/staffing?${Q}&date=${FROM}`).expect(200);
    // Customer Services keeps the default hours: Monday–Friday 09:00–17:00.
    expect(body.intervals).toHaveLength(16);
    expect(body.intervals[0].from).toBe('2025-08-04T08:00:00.000Z');
    const durations = history.map((e) => e.durationSeconds);
    const meanAht = durations.reduce((a, b) => a + b, 0) / durations.length;
    expect(body.basis).toEqual({ from: START, to: '2025-08-03' });
    for (const i of body.intervals) {
      expect(i.ahtSeconds).toBeCloseTo(meanAht, 6);
      expect(i.trafficErlangs).toBeCloseTo((i.contacts * i.ahtSeconds) / 1800, 9);
      expect(i.agents).toBeGreaterThan(i.trafficErlangs);
      expect(i.serviceLevel).toBeGreaterThanOrEqual(0.8);
      expect(i.occupancy).toBeLessThanOrEqual(0.85);
      expect(i.staff).toBe(Math.ceil((i.agents * 10) / 7)); // 30 % shrinkage, in integers
      const calc = await t.http.get(`/v1/staffing/erlang?contacts=${i.contacts}&ahtSeconds=${i.ahtSeconds}`).expect(200);
      expect(calc.body.agents).toBe(i.agents);
    }
    expect(body.total.agentHours).toBe(body.intervals.reduce((a: number, i: { agents: number }) => a + i.agents, 0) / 2);
    expect(body.total.staffHours).toBe(body.intervals.reduce((a: number, i: { staff: number }) => a + i.staff, 0) / 2);
    const closed = await t.http.get(`/v1/staffing?${Q}&date=2025-08-25&ahtSeconds=300`).expect(200); // bank holiday
    expect(closed.body.intervals).toEqual([]);
    expect(closed.body.total).toEqual({ contacts: 0, agentHours: 0, staffHours: 0 });
  });

  it('calculates one interval from given numbers', async () => {
    const { body } = await t.http.get('/v1/staffing/erlang?contacts=100&intervalMinutes=30&ahtSeconds=180&maxOccupancy=1').expect(200);
    expect(body).toMatchObject({ contacts: 100, ahtSeconds: 180, trafficErlangs: 10, agents: 14, staff: 20 });
    expect(body.serviceLevel).toBeCloseTo(0.888, 3);
    const none = await t.http.get('/v1/staffing/erlang?contacts=0&ahtSeconds=180').expect(200);
    expect(none.body).toMatchObject({ agents: 0, staff: 0 });
  });

  it('answers CSV for ?format=csv and Accept: text/csv', async () => {
    const csv = await t.http.get(`/v1/forecast?${Q}&from=${FROM}&to=2025-08-10&format=csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('from,to,contacts,low,high');
    expect(lines).toHaveLength(8);
    const staffing = await t.http.get(`/v1/staffing?${Q}&date=${FROM}`).set('Accept', 'text/csv').expect(200);
    expect(staffing.text.split('\r\n')[0]).toBe('from,to,contacts,ahtSeconds,trafficErlangs,agents,serviceLevel,asaSeconds,occupancy,staff');
  });

  it('puts the forecast after its period into the report, in every format', async () => {
    // config/report.json forecasts telephony; all of this test's telephony is Customer Services'.
    const period = `from=${START}&to=2025-08-03`;
    const report = (await t.http.get(`/v1/reports/customer-experience?${period}`).expect(200)).body;
    const section = report.sections.find((s: { id: string }) => s.id === 'forecast');
    const { body: days } = await t.http.get(`/v1/forecast?channel=telephony&from=${FROM}&to=2025-11-02`).expect(200);
    const week1 = days.series.slice(0, 7).reduce((a: number, d: { contacts: number }) => a + d.contacts, 0);
    expect(section.tables[0].rows).toHaveLength(13);
    expect(section.tables[0].rows[0]).toEqual([FROM, Math.round(week1), expect.any(Number), expect.any(Number)]);
    expect(section.tables[1].rows).toHaveLength(16); // Monday 4 August, 09:00–17:00
    expect(section.tables[1].rows[0][0]).toBe('09:00');
    const chart = section.charts[0];
    expect(chart.categories).toHaveLength(26);
    expect(chart.band.low.slice(13).every((v: number) => v > 0)).toBe(true);
    const html = (await t.http.get(`/v1/reports/customer-experience?${period}&format=html`).expect(200)).text;
    expect(html).toMatch(/<svg role="img" aria-label="Contacts per week: the last 13 and the forecast"/);
    const csv = (await t.http.get(`/v1/reports/customer-experience?${period}&format=csv`).expect(200)).text;
    expect(csv).toContain(`forecast,${FROM}: Forecast,${Math.round(week1)},`);
    // Without enough history the section says why instead.
    const early = (await t.http.get('/v1/reports/customer-experience?from=2025-03-17&to=2025-03-30').expect(200)).body;
    expect(early.sections.find((s: { id: string }) => s.id === 'forecast').paragraphs[0]).toMatch(/^No forecast: needs at least 8 weeks/);
  });

  it('documents the three endpoints in /docs', async () => {
    const { paths } = (await t.http.get('/docs/json').expect(200)).body;
    for (const path of ['/v1/forecast', '/v1/staffing', '/v1/staffing/erlang']) {
      expect(paths[path]?.get?.security).toEqual([{ bearer: [] }]);
      expect(paths[path].get.responses['200']).toBeDefined();
    }
    expect(Object.keys(paths['/v1/forecast'].get.responses['200'].content)).toEqual(['application/json', 'text/csv']);
  });

  it.each([
    ['/v1/forecast?from=2025-08-04&to=2025-08-10', 'channel', /required/],
    ['/v1/forecast?channel=pigeon&from=2025-08-04&to=2025-08-10', 'channel', /unknown channel/],
    ['/v1/forecast?channel=telephony&centre=nowhere&from=2025-08-04&to=2025-08-10', 'centre', /unknown centre/],
    ['/v1/forecast?channel=telephony&from=2025-02-30&to=2025-08-10', 'from', /date/],
    ['/v1/forecast?channel=telephony&from=2025-08-04&to=2025-11-04', 'to', /13 weeks/],
    ['/v1/forecast?channel=telephony&from=2025-08-04&to=2025-08-01', 'to', /before from/],
    ['/v1/forecast?channel=telephony&from=2025-04-14&to=2025-04-20', 'from', /8 weeks of contacts before 2025-04-14.*found 4 weeks/],
    ['/v1/forecast?channel=webchat&from=2025-08-04&to=2025-08-10', 'from', /8 weeks of contacts.*channel webchat/],
    ['/v1/staffing?channel=telephony&date=2025-08-04&serviceLevel=1', 'serviceLevel', /< 1/],
    ['/v1/staffing?channel=telephony&date=2025-08-04&shrinkage=1', 'shrinkage', /< 1/],
    ['/v1/staffing?channel=telephony&date=2025-08-04&maxOccupancy=0', 'maxOccupancy', /> 0/],
    ['/v1/staffing?channel=telephony&date=2025-08-04&ahtSeconds=abc', 'ahtSeconds', /number/],
    ['/v1/staffing?channel=telephony', 'date', /required/],
    ['/v1/staffing/erlang?contacts=100', 'ahtSeconds', /required/],
    ['/v1/staffing/erlang?contacts=-1&ahtSeconds=180', 'contacts', /≥ 0/],
    ['/v1/staffing/erlang?contacts=10&ahtSeconds=180&channel=telephony', 'channel', /unknown field/],
    ['/v1/forecast?channel=telephony&from=2025-08-04&to=2025-08-10&interval=hour', 'interval', /must be one of/],
  ])('400 for %s naming %s', async (url, path, problem) => {
    const { body } = await t.http.get(url).expect(400);
    const detail = (body.details as { path: string; problem: string }[]).find((d) => d.path === path);
    expect(detail?.problem).toMatch(problem);
  });
});
