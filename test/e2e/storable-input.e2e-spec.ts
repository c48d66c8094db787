import { startTestApp, TestApp } from '../support/test-app';

const contact = (id: string, extra: Record<string, unknown> = {}) => ({ id, occurredAt: '2021-06-01T10:00:00Z', channel: 'online', ...extra });
const conversation = (id: string, extra: Record<string, unknown> = {}) => ({
  id, caseRef: 'C-1', occurredAt: '2021-06-01T10:00:00Z', conversation: 1, completedBy: 'front_door', ...extra,
});
const STORABLE = 'must not contain control characters (U+0000–U+001F, U+007F) or lone surrogates';

/** Whatever is answered 202 must be storable: one bad string can never sink an accepted batch later. */
describe('strings that cannot be stored are refused at the door', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const counted = async (table: string) => (await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const problemsOf = (body: { details: Array<{ path: string; problem: string }> }) =>
    Object.fromEntries(body.details.map((d) => [d.path, d.problem]));

  it.each([
    ['a NUL', 'bad\u0000id'],
    ['a bell (U+0007)', 'bad\u0007id'],
    ['a tab', 'bad\tid'],
    ['DEL (U+007F)', 'bad\u007fid'],
    ['a lone high surrogate', 'bad\ud800id'],
    ['a lone low surrogate', 'bad\udc00'],
  ])('a contact id holding %s is a 400 naming its path, and the good events sent with it are not queued', async (_, id) => {
    const res = await t.http.post('/v1/contacts').send({ events: [contact('good-1'), contact(id)] }).expect(400);
    expect(res.body.details).toEqual([{ path: 'events[1].id', problem: STORABLE }]);
  });

  it('checks every free-text field of contacts, conversations, volumes and baselines', async () => {
    const contacts = await t.http
      .post('/v1/contacts')
      .send({ events: [contact('c1', { caseRef: 'C\u0000 1', centre: 'here\u00012help', handedOffTo: '\ud83d', outcome: 'handed_off', channel: 'on\u001fline' })] })
      .expect(400);
    expect(problemsOf(contacts.body)).toEqual({
      'events[0].caseRef': STORABLE, 'events[0].centre': STORABLE, 'events[0].handedOffTo': STORABLE, 'events[0].channel': STORABLE,
    });
    const conversations = await t.http.post('/v1/conversations').send({ events: [conversation('v\u00001', { caseRef: 'C\u0000' })] }).expect(400);
    expect(problemsOf(conversations.body)).toEqual({ 'events[0].id': STORABLE, 'events[0].caseRef': STORABLE });
    const volumes = await t.http
      .post('/v1/volumes')
      .send({ volumes: [{ date: '2021-06-01', channel: 'online\u0000', centre: '\udfff', count: 3 }] })
      .expect(400);
    expect(problemsOf(volumes.body)).toEqual({ 'volumes[0].channel': STORABLE, 'volumes[0].centre': STORABLE });
    const baseline = await t.http.post('/v1/baselines').send({ name: 'b1', period: '2021', description: 'nul\u0000' }).expect(400);
    expect(problemsOf(baseline.body)).toEqual({ description: STORABLE });
  });

  it('accepts what is storable: other scripts, emoji as surrogate pairs, spaces', async () => {
    await t.http
      .post('/v1/contacts')
      .send({ events: [contact('ok-ünïcödé-😀 ق', { caseRef: 'Ref 😀 ß' })] })
      .expect(202);
    await t.drain();
    expect(await t.db.query(`SELECT source_id FROM contact_event`)).toEqual([{ source_id: 'ok-ünïcödé-😀 ق' }]);
  });

  it.each([5, true, {}, [], 1.5])('caseRef %j is a type error (400), never a 500', async (caseRef) => {
    const typeErrorOnly = (body: { details: Array<{ path: string; problem: string }> }) => {
      expect(new Set(body.details.map((d) => d.path))).toEqual(new Set(['events[0].caseRef']));
      expect(body.details.map((d) => d.problem)).toContain('must be a string');
    };
    typeErrorOnly((await t.http.post('/v1/contacts').send({ events: [contact('t1', { caseRef, service: 'blue_badge' })] }).expect(400)).body);
    typeErrorOnly((await t.http.post('/v1/conversations').send({ events: [conversation('t1', { caseRef })] }).expect(400)).body);
  });

  it('domain rules see only values that passed their type checks', async () => {
    const res = await t.http
      .post('/v1/contacts')
      .send({ events: [contact('d1', { channel: 7, centre: ['x'], handedOffTo: {}, outcome: 'handed_off', handling: 5 })] })
      .expect(400);
    expect(Object.keys(problemsOf(res.body)).sort()).toEqual(['events[0].centre', 'events[0].channel', 'events[0].handedOffTo', 'events[0].handling']);
  });

  it('caps the answer at 1,000 problems and says how many more, however many unknown fields are sent', async () => {
    const junk: Record<string, number> = {};
    for (let i = 0; i < 50_000; i++) junk[`k${i}`] = i;
    const res = await t.http.post('/v1/contacts').send({ events: [contact('u1', junk), contact('u2', junk)], ...junk }).expect(400);
    expect(res.body.details).toHaveLength(1001);
    expect(res.body.details[1000]).toEqual({ path: '', problem: '149,000 more problems not listed' });
    expect(res.body.message).toBe('150000 validation problems');
    expect(JSON.stringify(res.body).length).toBeLessThan(100_000);
  });

  it('counted nothing from any refused request', async () => {
    await t.drain();
    expect(await counted('contact_event')).toBe(1);
    expect(await counted('conversation_event')).toBe(0);
    expect(await counted('contact_volume')).toBe(0);
  });
});
