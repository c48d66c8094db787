import { expectAggregatesExact } from '../support/tier-oracle';
import { startTestApp, TestApp } from '../support/test-app';

type Event = Record<string, unknown>;

let seq = 0;
/** A conversation event with a fresh id; `over` overrides any field. */
function ev(caseRef: string, occurredAt: string, conversation: number, completedBy: string, over: Event = {}): Event {
  return { id: `e${++seq}`, caseRef, occurredAt, conversation, completedBy, ...over };
}

describe('3 Conversations: events in, tiers and flows out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function send(events: Event[]): Promise<string> {
    const res = await t.http.post('/v1/conversations').send({ events }).expect(202);
    expect(res.body).toEqual({ batchId: expect.any(String), accepted: events.length });
    await t.drain();
    return res.body.batchId as string;
  }

  const tiersOf = async (query: string) => (await t.http.get(`/v1/stats/tiers?${query}`).expect(200)).body;
  const flowsOf = async (query: string) => (await t.http.get(`/v1/stats/tiers/flows?${query}`).expect(200)).body;
  const casesByTier = (body: { tiers: Array<{ tier: number; cases: number }> }) => body.tiers.map((r) => r.cases);

  describe('the tier table, one case per row, end to end', () => {
    // [conversation, completedBy, outcome, safeguarding, expected tier]
    const rows: Array<[number, string, string | undefined, boolean | undefined, number]> = [
      [3, 'social_work_team', 'long_term_residential', undefined, 5],
      [3, 'social_work_team', 'long_term_nursing', false, 5],
      [3, 'social_work_team', 'long_term_community', undefined, 4],
      [3, 'social_work_team', undefined, undefined, 4],
      [2, 'social_work_team', 'reablement', undefined, 3],
      [2, 'social_work_team', 'crisis_support', undefined, 3],
      [1, 'social_work_team', 'community_support', undefined, 2],
      [0, 'social_work_team', undefined, undefined, 2],
      [1, 'front_door', 'advice_information', undefined, 1],
      [0, 'front_door', 'no_further_action', undefined, 1],
      [0, 'self_service', 'advice_information', undefined, 0],
      // safeguarding raises to at least tier 3, never lowers
      [0, 'self_service', undefined, true, 3],
      [1, 'front_door', undefined, true, 3],
      [1, 'social_work_team', undefined, true, 3],
      [2, 'social_work_team', undefined, true, 3],
      [3, 'social_work_team', 'long_term_community', true, 4],
      [3, 'social_work_team', 'long_term_residential', true, 5],
    ];

    beforeAll(async () => {
      await send(
        rows.map(([conversation, completedBy, outcome, safeguarding], i) =>
          ev(`TABLE-${i}`, `2020-02-${String(i + 1).padStart(2, '0')}T12:00:00Z`, conversation, completedBy, {
            ...(outcome ? { outcome } : {}),
            ...(safeguarding !== undefined ? { safeguarding } : {}),
          }),
        ),
      );
    });

    it.each(rows.map((r, i) => [i, ...r]))(
      'row %i: conversation %i by %s, outcome %s, safeguarding %s → tier %i',
      async (i, _c, _by, _o, _s, tier) => {
        const day = `2020-02-${String(i + 1).padStart(2, '0')}`;
        for (const by of ['final', 'peak', 'entry']) {
          const body = await tiersOf(`from=${day}&to=${day}&by=${by}`);
          expect(body.cases).toBe(1);
          expect(body.tiers[tier]).toEqual({ tier, cases: 1, share: 1, percent: 100 });
        }
      },
    );

    it('answers the whole month with all six tiers, front-door resolution and demand', async () => {
      const body = await tiersOf('period=2020-02');
      const expected = [0, 0, 0, 0, 0, 0];
      for (const r of rows) expected[r[4]]++;
      expect(body.period).toEqual({ from: '2020-02-01', to: '2020-02-29' });
      expect(body.cases).toBe(rows.length);
      expect(casesByTier(body)).toEqual(expected);
      expect(body.tiers.map((r: { tier: number }) => r.tier)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(body.tiers.reduce((s: number, r: { percent: number }) => s + r.percent, 0)).toBe(100);
      expect(body.frontDoorResolution).toBe((expected[0] + expected[1]) / rows.length);
      expect(body.demandIntoAdultSocialCare).toBe(rows.length - expected[0] - expected[1]);
      const csv = await t.http.get('/v1/stats/tiers?period=2020-02&format=csv').expect(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.text.trim().split('\r\n')).toEqual([
        'tier,cases,share,percent',
        ...body.tiers.map((r: { tier: number; cases: number; share: number; percent: number }) => `${r.tier},${r.cases},${r.share},${r.percent}`),
      ]);
    });
  });

  describe('validation', () => {
    it('rejects bad pairings, a sent tier and other problems with a path each, storing nothing', async () => {
      const count = async () => (await t.db.query('SELECT count(*)::int AS n FROM conversation_event'))[0].n as number;
      const before = await count();
      const res = await t.http
        .post('/v1/conversations')
        .send({
          events: [
            ev('V1', '2020-05-01T10:00:00Z', 2, 'front_door'),
            ev('V2', '2020-05-01T10:00:00Z', 1, 'self_service'),
            ev('V3', '2020-05-01T10:00:00Z', 3, 'front_door'),
            ev('V4', '2020-05-01T10:00:00Z', 0, 'self_service', { tier: 0 }),
            ev('V5', '2020-05-01T10:00:00Z', 4, 'front_door'),
            ev('V6', 'yesterday', 0, 'front_door', { outcome: 'cured', safeguarding: 'yes' }),
            { id: 'e-no-case', occurredAt: '2020-05-01T10:00:00Z', conversation: 0, completedBy: 'front_door' },
            ev('  ', '2020-05-01T10:00:00Z', 0, 'front_door'),
            ev('V9', '2020-05-01T10:00:00Z', 0, 'front_door'),
          ],
        })
        .expect(400);
      const byPath = Object.fromEntries(res.body.details.map((d: { path: string; problem: string }) => [d.path, d.problem]));
      expect(byPath['events[0].completedBy']).toBe('conversation 2 must be completed by social_work_team');
      expect(byPath['events[1].completedBy']).toBe('conversation 1 must be completed by front_door or social_work_team');
      expect(byPath['events[2].completedBy']).toBe('conversation 3 must be completed by social_work_team');
      expect(byPath['events[3].tier']).toBe('unknown field');
      expect(byPath['events[4].conversation']).toBeDefined();
      expect(byPath['events[5].occurredAt']).toBeDefined();
      expect(byPath['events[5].outcome']).toBeDefined();
      expect(byPath['events[5].safeguarding']).toBeDefined();
      expect(byPath['events[6].caseRef']).toBeDefined();
      expect(byPath['events[7].caseRef']).toBe('must not be blank');
      expect(Object.keys(byPath).some((p) => p.startsWith('events[8]'))).toBe(false);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      await t.drain();
      expect(await count()).toBe(before);
    });

    it('refuses a request whose only fault is a tier, and empty or oversized batches', async () => {
      const one = await t.http
        .post('/v1/conversations')
        .send({ events: [ev('T1', '2020-05-01T10:00:00Z', 3, 'social_work_team', { tier: 5 })] })
        .expect(400);
      expect(one.body.details).toEqual([{ path: 'events[0].tier', problem: 'unknown field' }]);
      await t.http.post('/v1/conversations').send({ events: [] }).expect(400);
      const tooMany = Array.from({ length: 10_001 }, (_, i) => ({ id: `x${i}`, caseRef: 'X', occurredAt: '2020-05-01T10:00:00Z', conversation: 0, completedBy: 'front_door' }));
      const big = await t.http.post('/v1/conversations').send({ events: tooMany }).expect(400);
      expect(big.body.details).toEqual([{ path: 'events', problem: 'must hold 1 to 10000 items, got 10001' }]);
      await t.http.post('/v1/conversations').send({ events: [ev('T2', '2020-05-01T10:00:00Z', 0, 'front_door')], extra: 1 }).expect(400);
    });

    it('rejects contact filters and unknown parameters on the tier statistics', async () => {
      for (const q of ['centre=here2help', 'service=care', 'source=api', 'channel=telephony', 'colour=red']) {
        const res = await t.http.get(`/v1/stats/tiers?period=2020&${q}`).expect(400);
        expect(res.body.details[0]).toEqual({ path: q.split('=')[0], problem: 'unknown field' });
        await t.http.get(`/v1/stats/tiers/flows?period=2020&${q}`).expect(400);
      }
      await t.http.get('/v1/stats/tiers?period=2020&by=highest').expect(400);
      await t.http.get('/v1/stats/tiers').expect(400);
      await t.http.get('/v1/stats/tiers?period=2020&from=2020-01-01&to=2020-01-31').expect(400);
    });
  });

  describe('journeys', () => {
    it('orders events by time whatever order or batch they arrive in, and counts transitions', async () => {
      // J1: tier 1 → 3 → 4 → 1 over March 2019; sent newest first, over three batches.
      const a = ev('J1', '2019-03-01T09:00:00Z', 1, 'front_door');
      const b = ev('J1', '2019-03-05T09:00:00Z', 2, 'social_work_team');
      const c = ev('J1', '2019-03-09T09:00:00Z', 3, 'social_work_team');
      const d = ev('J1', '2019-04-20T09:00:00Z', 0, 'front_door');
      await send([d]);
      await send([c, a]);
      const batchId = await send([b]);
      expect((await t.http.get(`/v1/ingestion/batches/${batchId}`).expect(200)).body).toMatchObject({
        state: 'completed', accepted: 1, inserted: 1, duplicates: 0,
      });
      expect(casesByTier(await tiersOf('period=2019-03'))).toEqual([0, 1, 0, 0, 0, 0]);
      expect(casesByTier(await tiersOf('period=2019-03&by=peak'))).toEqual([0, 0, 0, 0, 1, 0]);
      expect(casesByTier(await tiersOf('period=2019-03&by=entry'))).toEqual([0, 1, 0, 0, 0, 0]);
      // Cohort view: the case belongs to March (its first event) and April has no case.
      expect((await tiersOf('period=2019-04')).cases).toBe(0);
      expect(await flowsOf('period=2019-03')).toEqual({
        period: { from: '2019-03-01', to: '2019-03-31' },
        cases: 1,
        transitions: [
          { from: 1, to: 3, count: 1 },
          { from: 3, to: 4, count: 1 },
          { from: 4, to: 1, count: 1 },
        ],
        journeys: [{ entry: 1, final: 1, cases: 1 }],
      });
      await expectAggregatesExact(t.db);
    });

    it('moves a case to an earlier period when a late event becomes its first', async () => {
      await send([ev('LATE', '2019-06-03T10:00:00Z', 2, 'social_work_team')]);
      expect(casesByTier(await tiersOf('period=2019-06'))).toEqual([0, 0, 0, 1, 0, 0]);
      // 2019-05-31T23:30Z is 1 June in London (BST): still June.
      await send([ev('LATE', '2019-05-31T23:30:00Z', 0, 'self_service')]);
      expect(casesByTier(await tiersOf('period=2019-06&by=entry'))).toEqual([1, 0, 0, 0, 0, 0]);
      expect((await tiersOf('period=2019-05')).cases).toBe(0);
      // An event on 31 May (London) moves the case to May, with entry tier 1.
      await send([ev('LATE', '2019-05-31T12:00:00Z', 1, 'front_door')]);
      expect((await tiersOf('period=2019-06')).cases).toBe(0);
      const may = await tiersOf('period=2019-05&by=entry');
      expect(casesByTier(may)).toEqual([0, 1, 0, 0, 0, 0]);
      expect(may.frontDoorResolution).toBe(0);
      expect(may.demandIntoAdultSocialCare).toBe(1);
      expect((await flowsOf('period=2019-05')).transitions).toEqual([
        { from: 0, to: 3, count: 1 },
        { from: 1, to: 0, count: 1 },
      ]);
      expect((await flowsOf('period=2019-06')).transitions).toEqual([]);
      await expectAggregatesExact(t.db);
    });

    it('orders events at the same instant by id (code points), not by arrival', async () => {
      const at = '2019-07-10T08:00:00Z';
      await send([ev('SAME', at, 3, 'social_work_team', { id: 'b', outcome: 'long_term_nursing' })]);
      await send([ev('SAME', at, 0, 'self_service', { id: 'a' })]);
      const body = await flowsOf('period=2019-07');
      expect(body.journeys).toEqual([{ entry: 0, final: 5, cases: 1 }]);
      expect(body.transitions).toEqual([{ from: 0, to: 5, count: 1 }]);
      // U+FFFD sorts before U+1F600 by code point (COLLATE "C"), though not by UTF-16 code unit.
      const at2 = '2019-07-20T08:00:00Z';
      await send([ev('SAME2', at2, 3, 'social_work_team', { id: '\u{1F600}', outcome: 'long_term_nursing' })]);
      await send([ev('SAME2', at2, 0, 'self_service', { id: '\uFFFD' })]);
      expect((await flowsOf('from=2019-07-20&to=2019-07-20')).journeys).toEqual([{ entry: 0, final: 5, cases: 1 }]);
      await expectAggregatesExact(t.db);
    });

    it('changes nothing when a journey is sent again; the first version of an id wins', async () => {
      const events = [
        ev('AGAIN', '2019-08-01T10:00:00Z', 1, 'front_door'),
        ev('AGAIN', '2019-08-02T10:00:00Z', 2, 'social_work_team'),
      ];
      await send(events);
      const before = [await tiersOf('period=2019'), await flowsOf('period=2019')];
      const resent = [...events, { ...events[1], conversation: 3, outcome: 'long_term_residential' }];
      const batchId = await send(resent);
      expect((await t.http.get(`/v1/ingestion/batches/${batchId}`).expect(200)).body).toMatchObject({
        state: 'completed', accepted: 3, inserted: 0, duplicates: 3,
      });
      expect([await tiersOf('period=2019'), await flowsOf('period=2019')]).toEqual(before);
      // The same id from another source is another event.
      await send([{ ...events[1], source: 'liquidlogic', occurredAt: '2019-08-03T10:00:00Z', conversation: 1, completedBy: 'front_door' }]);
      expect((await flowsOf('period=2019-08')).journeys).toEqual([{ entry: 1, final: 1, cases: 1 }]);
      await expectAggregatesExact(t.db);
    });

    it('answers a period without cases with zeros and nulls', async () => {
      expect(await tiersOf('period=FY2017-18-Q1')).toEqual({
        period: { from: '2017-04-01', to: '2017-06-30' },
        cases: 0,
        tiers: [0, 1, 2, 3, 4, 5].map((tier) => ({ tier, cases: 0, share: null, percent: null })),
        frontDoorResolution: null,
        demandIntoAdultSocialCare: 0,
      });
      expect(await flowsOf('period=2017')).toEqual({ period: { from: '2017-01-01', to: '2017-12-31' }, cases: 0, transitions: [], journeys: [] });
    });

    it('lists the new endpoints in the OpenAPI document', async () => {
      const doc = (await t.http.get('/docs/json').expect(200)).body;
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
        '/v1/conversations', '/v1/stats/tiers', '/v1/stats/tiers/flows', '/v1/baselines', '/v1/baselines/{name}',
        '/v1/baselines/{name}/comparison',
      ]));
    });

    it('answers flows as CSV', async () => {
      const csv = await t.http.get('/v1/stats/tiers/flows?period=2019-03').set('Accept', 'text/csv').expect(200);
      expect(csv.text.trim().split('\r\n')).toEqual(['kind,from,to,count', 'transition,1,3,1', 'transition,3,4,1', 'transition,4,1,1', 'journey,1,1,1']);
    });
  });
});
