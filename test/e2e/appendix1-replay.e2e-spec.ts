import { appendix1Contacts, inBatches, readAppendix1 } from '../../src/seed/appendix1';
import { replay } from '../../src/seed/http-replay';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The seed's Appendix 1 year (636,683 contacts) through the HTTP API, the queue and the worker
 * must give back the seed's own table, row for row, and its 18% / 82% split.
 */
describe('Appendix 1 replay', () => {
  let t: TestApp;
  const rows = readAppendix1();

  beforeAll(async () => {
    t = await startTestApp();
    await replay(inBatches(appendix1Contacts(rows), 10_000), { baseUrl: t.baseUrl, path: '/v1/contacts', concurrency: 2 });
    await t.drain(300_000);
  }, 600_000);
  afterAll(() => t.close());

  it('reproduces every row of the seed table exactly', async () => {
    const { body } = await t.http.get('/v1/stats/channels?period=2021&by=source').expect(200);
    const got = body.channels.map((c: { label: string; channel: string; handling: string; source: string; count: number }) => [
      c.label, c.channel, c.handling, c.source, c.count,
    ]);
    const expected = rows
      .map((r) => [r.label, r.channel, r.handling, r.source ?? 'api', r.contacts])
      .sort((a, b) => (b[4] as number) - (a[4] as number));
    expect(got).toEqual(expected);
  });

  it('gives 112,374 assisted = 18% and 524,309 self-service = 82%', async () => {
    const { body } = await t.http.get('/v1/stats/channels?period=2021').expect(200);
    expect(body.total).toBe(636_683);
    expect(body.assisted).toEqual({ count: 112_374, share: 112_374 / 636_683, percent: 18 });
    expect(body.selfService).toEqual({ count: 524_309, share: 524_309 / 636_683, percent: 82 });
    expect(body.channels.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(body.total);
    expect(body.channels.reduce((s: number, c: { percent: number }) => s + c.percent, 0)).toBe(100);
  });

  it('splits the year into financial periods that add up', async () => {
    const q4 = await t.http.get('/v1/stats/channels?period=FY2020-21-Q4').expect(200);
    const fy = await t.http.get('/v1/stats/channels?from=2021-04-01&to=2021-12-31').expect(200);
    expect(q4.body.total + fy.body.total).toBe(636_683);
    expect(q4.body.period).toEqual({ from: '2021-01-01', to: '2021-03-31' });
  });

  it('answers the same table as CSV', async () => {
    const res = await t.http.get('/v1/stats/channels?period=2021').set('Accept', 'text/csv').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('channel,handling,label,count,share,percent');
    expect(lines[1]).toBe(`online,self_service,Online Self Service,445735,${445735 / 636683},70`);
    expect(lines).toHaveLength(10);
  });

  it('kept every contact once', async () => {
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM contact_event');
    expect(n).toBe(636_683);
    const [{ d, m }] = await t.db.query(
      `SELECT sum(contacts) FILTER (WHERE grain = 'd')::int AS d, sum(contacts) FILTER (WHERE grain = 'm')::int AS m FROM contact_stats`,
    );
    expect([d, m]).toEqual([636_683, 636_683]);
  });
});
