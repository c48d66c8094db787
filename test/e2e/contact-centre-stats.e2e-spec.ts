import { loadReferenceConfig } from '../../src/config/reference-config';
import { StatsCoarserGrains1764300000000 } from '../../migrations/1764300000000-StatsCoarserGrains';
import { HandoffTotals1764400000000 } from '../../migrations/1764400000000-HandoffTotals';
import { reaggregate } from '../../src/pipeline/reaggregate';
import { generate, shuffle } from '../support/contact-generator';
import { prng } from '../support/random';
import {
  buildRecords, expectedCentres, expectedChannelShift, expectedChatbot, expectedCosts, expectedServices, Filters, Range, Rec,
} from '../support/contact-model';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A seeded year of varied contacts goes in through the HTTP API (several batches, out of order,
 * some re-sent); every figure of every statistics endpoint is compared exactly with an
 * independent model computed from the raw events.
 */
const PERIODS: { query: string; range: Range }[] = [
  { query: 'period=2021-12', range: { from: '2021-12-01', to: '2021-12-31' } },
  { query: 'period=FY2021-22-Q3', range: { from: '2021-10-01', to: '2021-12-31' } },
  { query: 'from=2021-03-15&to=2021-05-10', range: { from: '2021-03-15', to: '2021-05-10' } },
  { query: 'period=FY2021-22', range: { from: '2021-04-01', to: '2022-03-31' } },
  { query: 'period=2021-03', range: { from: '2021-03-01', to: '2021-03-31' } },
  { query: 'period=2021', range: { from: '2021-01-01', to: '2021-12-31' } },
  { query: 'from=2021-06-02&to=2021-06-29', range: { from: '2021-06-02', to: '2021-06-29' } },
  { query: 'from=2021-11-17&to=2022-02-03', range: { from: '2021-11-17', to: '2022-02-03' } },
  { query: 'from=2021-12-27&to=2021-12-28', range: { from: '2021-12-27', to: '2021-12-28' } },
];
const FILTERS: Filters[] = [
  {},
  { centre: 'customer_services' },
  { service: 'blue_badge' },
  { source: 'civica' },
  { channel: 'telephony' },
  { centre: 'adult_social_care', channel: 'webchat' },
];
const qs = (f: Filters) => Object.entries(f).map(([k, v]) => `&${k}=${v}`).join('');

describe('contact-centre statistics, exact against an independent model', () => {
  let t: TestApp;
  let recs: Rec[];
  const data = generate(20211231, 3000);

  beforeAll(async () => {
    t = await startTestApp();
    const rnd = prng(7);
    const events = shuffle(data.events, rnd);
    const size = Math.ceil(events.length / 6);
    const batches = Array.from({ length: 6 }, (_, i) => events.slice(i * size, (i + 1) * size));
    // In parallel, so batches are written concurrently and out of time order.
    await Promise.all(batches.map((events) => t.http.post('/v1/contacts').send({ events }).expect(202)));
    await t.http.post('/v1/volumes').send({ volumes: data.volumes }).expect(202);
    await t.drain();
    await t.http.post('/v1/volumes').send({ volumes: data.replacements }).expect(202);
    await t.http.post('/v1/contacts').send({ events: batches[2] }).expect(202); // re-sent: counts once
    await t.drain();
    recs = buildRecords(data.events, [...data.volumes, ...data.replacements]);
  }, 60_000);
  afterAll(() => t.close());

  it('stored every contact once and flagged the planned repeats', async () => {
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM contact_event');
    expect(n).toBe(data.events.length);
    const flagged = await t.db.query(
      `SELECT source_id, is_repeat FROM contact_event WHERE source_id LIKE 'rep-%' ORDER BY source_id`,
    );
    expect(Object.fromEntries(flagged.map((r: { source_id: string; is_repeat: boolean }) => [r.source_id, r.is_repeat]))).toEqual({
      'rep-a1': false, 'rep-a2': true, 'rep-b1': false, 'rep-b2': false, 'rep-c1': false, 'rep-c2': true,
      'rep-d1': false, 'rep-d2': false, 'rep-e1': false, 'rep-e2': false, 'rep-f1': false, 'rep-f2': false,
      'rep-f3': false, 'rep-g1': false, 'rep-g2': true,
    });
    // The random cases make repeats too, and the model agrees with every stored flag.
    const all = await t.db.query(`SELECT count(*) FILTER (WHERE is_repeat)::int AS repeats FROM contact_event`);
    expect(all[0].repeats).toBe(recs.filter((r) => r.repeat).length);
    expect(all[0].repeats).toBeGreaterThan(20);
  });

  describe.each(PERIODS)('$query', ({ query, range }) => {
    it.each(FILTERS)('matches the model with filters %j', async (f) => {
      const get = async (path: string, extra = '') =>
        (await t.http.get(`/v1/stats/${path}?${query}${qs(f)}${extra}`).expect(200)).body;
      const costs = expectedCosts(recs, range, f);
      expect(await get('centres')).toEqual(expectedCentres(recs, range, f));
      expect(await get('services')).toEqual(expectedServices(recs, range, f));
      expect(await get('chatbot')).toEqual(expectedChatbot(recs, range, f));
      expect(await get('costs')).toEqual({ ...costs, pence: undefined });
      for (const interval of ['month', 'fy_quarter', 'fy', 'year'] as const) {
        expect(await get('channel-shift', `&interval=${interval}`)).toEqual(expectedChannelShift(recs, range, f, interval));
      }
      expect(await get('channel-shift')).toEqual(expectedChannelShift(recs, range, f, 'month'));
    });
  });

  it('has totals that equal the sum of rows, across endpoints', async () => {
    const get = async (path: string) => (await t.http.get(`/v1/stats/${path}`).expect(200)).body;
    const q = 'period=FY2021-22';
    const channels = await get(`channels?${q}`);
    const shift = await get(`channel-shift?${q}`);
    const centres = await get(`centres?${q}`);
    const services = await get(`services?${q}`);
    const costs = await get(`costs?${q}`);
    const chatbot = await get(`chatbot?${q}`);
    const total = channels.total;
    expect(total).toBeGreaterThan(3000);
    const sum = (xs: { [k: string]: number }[], k: string) => xs.reduce((s, x) => s + x[k], 0);
    expect(sum(shift.series, 'total')).toBe(total);
    expect(sum(shift.series, 'selfService')).toBe(channels.selfService.count);
    expect(sum(centres.centres, 'contacts')).toBe(total);
    expect(sum(services.services, 'contacts')).toBe(total);
    expect(sum(services.services, 'assisted')).toBe(channels.assisted.count);
    for (const s of services.services) expect(sum(s.channels, 'count')).toBe(s.contacts);
    expect(sum(costs.channels, 'count')).toBe(total);
    const pence = costs.channels.reduce((s: number, c: { cost: number }) => s + Math.round(c.cost * 100), 0);
    expect(costs.total).toBe(pence / 100);
    expect(sum(chatbot.series, 'chatbot')).toBe(chatbot.chatbot);
    expect(sum(chatbot.series, 'webchat')).toBe(chatbot.webchat);
    expect(sum(chatbot.series, 'escalated')).toBe(chatbot.escalated);
    const quarters = await get(`channel-shift?${q}&interval=fy_quarter`);
    expect(quarters.series).toHaveLength(4);
    expect(sum(quarters.series, 'total')).toBe(total);
  });

  it('answers CSV with the same figures: one header row, one row per item, money to the penny', async () => {
    const csv = async (path: string) => {
      const res = await t.http.get(`/v1/stats/${path}`).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const [header, ...lines] = res.text.trimEnd().split('\r\n');
      return { header: header.split(','), rows: lines.map((l) => l.split(',')) };
    };
    const range = { from: '2021-10-01', to: '2021-12-31' };
    const costs = await csv('costs?period=FY2021-22-Q3&format=csv');
    const model = expectedCosts(recs, range, {});
    expect(costs.header).toEqual(['channel', 'handling', 'count', 'unitCost', 'cost']);
    expect(costs.rows).toEqual(
      model.channels.map((c, i) => [c.channel, c.handling, String(c.count), String(c.unitCost), (model.pence[i] / 100).toFixed(2)]),
    );
    const centres = await csv('centres?period=FY2021-22-Q3&format=csv');
    const centreModel = expectedCentres(recs, range, {});
    expect(centres.header[0]).toBe('centre');
    expect(centres.rows).toHaveLength(centreModel.centres.length);
    centres.rows.forEach((row, i) => {
      const c = centreModel.centres[i];
      const cell = (v: number | null) => (v === null ? '' : String(v));
      expect(row).toEqual([
        c.centre ?? '', String(c.contacts), cell(c.selfServiceShare), cell(c.firstContactResolution), cell(c.abandonmentRate),
        cell(c.averageSpeedOfAnswerSeconds), cell(c.serviceLevel), cell(c.averageHandlingSeconds), cell(c.outOfHoursShare),
        String(c.satisfaction.responses), cell(c.satisfaction.mean),
      ]);
    });
    const shift = await t.http.get('/v1/stats/channel-shift?period=FY2021-22&interval=fy_quarter').set('Accept', 'text/csv').expect(200);
    const lines = shift.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('from,to,total,assisted,selfService,selfServiceShare,changePp');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^2021-04-01,2021-06-30,\d+,\d+,\d+,0\.\d+,$/); // first item: no change
    const services = await csv('services?period=2021-12&format=csv&service=blue_badge');
    expect(services.rows).toHaveLength(1);
    expect(services.rows[0][0]).toBe('blue_badge');
  });

  it('gives null metrics where nothing is measured in a populated period', async () => {
    // Volumes only: chatbot contacts counted, nothing escalated, no time of day, no outcome.
    const body = (await t.http.get('/v1/stats/centres?from=2021-12-31&to=2021-12-31&source=website&channel=chatbot').expect(200)).body;
    const none = body.centres.find((c: { centre: string | null }) => c.centre === null);
    const model = expectedCentres(recs, { from: '2021-12-31', to: '2021-12-31' }, { source: 'website', channel: 'chatbot' });
    expect(body).toEqual(model);
    expect(none.contacts).toBeGreaterThanOrEqual(321);
  });

  it('rebuilds the aggregates exactly as the pipeline built them, and recounts with a new window', async () => {
    const snapshot = async () => ({
      stats: await t.db.query(
        `SELECT * FROM contact_stats WHERE NOT (contacts = 0 AND timed = 0 AND repeats = 0)
         ORDER BY grain, bucket, channel, handling, source, centre NULLS FIRST, service NULLS FIRST`,
      ),
      handoffs: await t.db.query(
        `SELECT * FROM handoff_stats WHERE count <> 0
         ORDER BY grain, bucket, centre NULLS FIRST, handed_off_to, channel, handling, source, service NULLS FIRST`,
      ),
      totals: await t.db.query(
        `SELECT * FROM handoff_totals WHERE count <> 0 ORDER BY grain, bucket, centre NULLS FIRST, handed_off_to`,
      ),
      halfHours: await t.db.query(`SELECT * FROM contact_half_hour ORDER BY channel, local_date, half_hour, centre NULLS FIRST`),
    });
    const config = loadReferenceConfig('config');
    const before = await snapshot();
    // Every event in exactly one half-hour, on its own local date, counted once however often it was sent.
    const [check] = await t.db.query(`
      SELECT (SELECT sum(contacts) FROM contact_half_hour)::int AS counted, (SELECT count(*) FROM contact_event)::int AS events,
             (SELECT count(*) FROM contact_half_hour h WHERE h.local_date <> (h.half_hour AT TIME ZONE 'Europe/London')::date)::int AS misdated`);
    expect(check).toEqual({ counted: data.events.length, events: data.events.length, misdated: 0 });
    const expected = new Map<string, number>();
    for (const e of data.events) {
      const key = `${e.channel}|${Math.floor(Date.parse(e.occurredAt) / 1_800_000) * 1_800_000}|${e.centre ?? ''}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const stored = new Map<string, number>(
      before.halfHours.map((h: { channel: string; half_hour: Date; centre: string | null; contacts: string }) => [
        `${h.channel}|${h.half_hour.getTime()}|${h.centre ?? ''}`, Number(h.contacts),
      ]),
    );
    expect(stored).toEqual(expected);
    expect(before.stats.length).toBeGreaterThan(1000);
    expect(before.totals.length).toBeGreaterThan(100);
    const shorter = await reaggregate(t.db, { ...config.metrics, repeatContactWindowDays: 1 });
    expect(shorter.repeatsChanged).toBeGreaterThan(0);
    const oneDay = (await t.http.get('/v1/stats/services?period=FY2021-22').expect(200)).body;
    const sevenDays = expectedServices(recs, { from: '2021-04-01', to: '2022-03-31' }, {});
    expect(oneDay).not.toEqual(sevenDays);
    const back = await reaggregate(t.db, config.metrics);
    expect(back.repeatsChanged).toBe(shorter.repeatsChanged);
    expect(await snapshot()).toEqual(before);
    expect((await t.http.get('/v1/stats/services?period=FY2021-22').expect(200)).body).toEqual(sevenDays);
  });

  it('fills the coarser grains and the hand-off totals when migrating, as the pipeline writes them', async () => {
    const coarse = (table: string) =>
      t.db.query(`SELECT * FROM ${table} WHERE grain IN ('f', 'h', 'q') ORDER BY ${
        table === 'contact_stats'
          ? 'grain, bucket, channel, handling, source, centre NULLS FIRST, service NULLS FIRST'
          : 'grain, bucket, centre NULLS FIRST, handed_off_to, channel, handling, source, service NULLS FIRST'
      }`);
    const totals = () => t.db.query(`SELECT * FROM handoff_totals ORDER BY grain, bucket, centre NULLS FIRST, handed_off_to`);
    const before = [await coarse('contact_stats'), await coarse('handoff_stats'), await totals()];
    expect(before[0].length).toBeGreaterThan(100);
    const runner = t.db.createQueryRunner();
    try {
      await runner.startTransaction();
      await new HandoffTotals1764400000000().down(runner);
      await new StatsCoarserGrains1764300000000().down(runner);
      await new StatsCoarserGrains1764300000000().up(runner);
      await new HandoffTotals1764400000000().up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    expect([await coarse('contact_stats'), await coarse('handoff_stats'), await totals()]).toEqual(before);
  });
});
