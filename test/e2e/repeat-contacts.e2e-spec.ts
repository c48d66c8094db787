import { startTestApp, TestApp } from '../support/test-app';

/** Repeat contacts are flagged incrementally, whatever order the contacts arrive in. */
describe('repeat contacts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const send = async (events: object[]) => {
    await t.http.post('/v1/contacts').send({ events }).expect(202);
    await t.drain();
  };
  const flags = async () =>
    Object.fromEntries(
      (await t.db.query(`SELECT source_id, is_repeat FROM contact_event ORDER BY source_id`)).map(
        (r: { source_id: string; is_repeat: boolean }) => [r.source_id, r.is_repeat],
      ),
    );
  const rate = async (period: string) =>
    (await t.http.get(`/v1/stats/services?period=${period}&service=bins`).expect(200)).body.services[0]?.repeatContactRate;

  it('flags a stored later contact when its earlier one arrives afterwards, at the window edge exactly', async () => {
    const c = (id: string, occurredAt: string, extra: object = {}) => ({
      id, occurredAt, channel: 'telephony', service: 'bins', caseRef: 'CASE-9', ...extra,
    });
    // The later contacts first: 168 h after x1 (repeat), 168 h + 1 s after x1 (not, unless x2 is before it).
    await send([c('x2', '2021-06-08T10:00:00Z'), c('y2', '2021-07-08T10:00:01Z', { caseRef: 'CASE-8' })]);
    expect(await flags()).toEqual({ x2: false, y2: false });
    expect(await rate('2021-06')).toBe(0);
    await send([c('x1', '2021-06-01T10:00:00Z', { channel: 'chatbot', source: 'website' }), c('y1', '2021-07-01T10:00:00Z', { caseRef: 'CASE-8' })]);
    expect(await flags()).toEqual({ x1: false, x2: true, y1: false, y2: false });
    expect(await rate('2021-06')).toBe(1 / 2);
    expect(await rate('2021-07')).toBe(0);
    // A contact in between makes y2 a repeat (1 s inside its window); re-sending x1 changes nothing.
    await send([c('y15', '2021-07-01T10:00:01Z', { caseRef: 'CASE-8' }), c('x1', '2021-06-01T10:00:00Z', { source: 'website' })]);
    expect(await flags()).toEqual({ x1: false, x2: true, y1: false, y15: true, y2: true });
    expect(await rate('2021-07')).toBe(2 / 3);
    expect(await rate('2021-06')).toBe(1 / 2);
  });

  it('looks for the earlier contact outside the selected period and filters', async () => {
    await send([
      { id: 'z1', occurredAt: '2021-08-31T22:30:00Z', channel: 'chatbot', service: 'parking', caseRef: 'CASE-7', centre: 'here2help' },
      { id: 'z2', occurredAt: '2021-08-31T23:30:00Z', channel: 'telephony', service: 'parking', caseRef: 'CASE-7', centre: 'customer_services' },
    ]);
    const sept = (await t.http.get('/v1/stats/services?period=2021-09&service=parking&centre=customer_services&channel=telephony').expect(200)).body;
    expect(sept.services).toEqual([
      expect.objectContaining({ service: 'parking', contacts: 1, repeatContactRate: 1 }),
    ]);
  });
});
