import { startTestApp, TestApp } from '../support/test-app';
import { TIER_PAIRINGS } from '../support/tier-oracle';

const KEYS = {
  ingest: 'ingest-key-0123456789abcdef',
  read: 'read-key-0123456789abcdef0',
  admin: 'admin-key-0123456789abcdef',
};
const bearer = (scope: keyof typeof KEYS) => ({ Authorization: `Bearer ${KEYS[scope]}` });

/**
 * erfc computed independently of src/tiers/z-test.ts: the Maclaurin series of erf for small x and
 * the Lentz continued fraction of erfc for larger x (both far more accurate than the test needs).
 */
function erfcIndependent(x: number): number {
  if (x < 0) return 2 - erfcIndependent(-x);
  if (x < 2.5) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (-x * x) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(x) = exp(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = 1 / d;
    c = x + a / c;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** Two-sided pooled two-proportion z-test, written out from the definition. */
function pValue(x1: number, n1: number, x2: number, n2: number): number | null {
  if (n1 === 0 || n2 === 0) return null;
  const p = (x1 + x2) / (n1 + n2);
  if (p === 0 || p === 1) return 1;
  const z = (x1 / n1 - x2 / n2) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  return erfcIndependent(Math.abs(z) / Math.SQRT2);
}

/** n single-event cases of each tier on a day (one pairing per tier). */
function casesOfTiers(prefix: string, day: string, counts: number[]): object[] {
  return counts.flatMap((n, tier) =>
    Array.from({ length: n }, (_, i) => ({
      id: `${prefix}-${tier}-${i}`, caseRef: `${prefix}-CASE-${tier}-${i}`, occurredAt: `${day}T10:00:00Z`, ...TIER_PAIRINGS[tier],
    })),
  );
}

const RATES = { web: 0.15, telephone: 2.83, f2f: 8.62 };

describe('baselines: frozen tier figures and channel mix, and later periods against them', () => {
  let t: TestApp;
  const BASE = [20, 40, 10, 20, 5, 5];
  const FEB = [35, 45, 8, 8, 2, 2];

  const post = (path: string, body: object, scope: keyof typeof KEYS = 'ingest') => t.http.post(path).set(bearer(scope)).send(body);
  const get = (path: string, scope: keyof typeof KEYS = 'read') => t.http.get(path).set(bearer(scope));

  beforeAll(async () => {
    t = await startTestApp({ API_KEYS: `ingest:${KEYS.ingest},read:${KEYS.read},admin:${KEYS.admin}` });
    await post('/v1/conversations', { events: casesOfTiers('JAN', '2021-01-15', BASE) }).expect(202);
    await post('/v1/conversations', { events: casesOfTiers('FEB', '2021-02-10', FEB) }).expect(202);
    await post('/v1/volumes', {
      volumes: [
        { date: '2021-01-10', channel: 'telephony', count: 300 },
        { date: '2021-01-11', channel: 'online', count: 600 },
        { date: '2021-01-12', channel: 'paper', count: 100 },
        { date: '2021-02-10', channel: 'telephony', count: 200 },
        { date: '2021-02-11', channel: 'online', count: 750 },
        { date: '2021-02-12', channel: 'paper', count: 50 },
      ],
    }).expect(202);
    await t.drain();
  });
  afterAll(() => t.close());

  let frozen: Record<string, unknown>;

  it('freezes a period (admin only) and answers 201 with the snapshot', async () => {
    await post('/v1/baselines', { name: 'jan_2021', period: '2021-01' }, 'read').expect(403);
    await post('/v1/baselines', { name: 'jan_2021', period: '2021-01' }, 'ingest').expect(403);
    const res = await post('/v1/baselines', { name: 'jan_2021', period: '2021-01', description: 'Before Here2Help' }, 'admin').expect(201);
    frozen = res.body;
    expect(res.body).toMatchObject({
      name: 'jan_2021',
      description: 'Before Here2Help',
      period: { from: '2021-01-01', to: '2021-01-31' },
      createdAt: expect.any(String),
      tiers: {
        cases: 100,
        final: BASE.map((cases, tier) => ({ tier, cases })),
        peak: BASE.map((cases, tier) => ({ tier, cases })),
        entry: BASE.map((cases, tier) => ({ tier, cases })),
      },
      channels: { total: 1000, selfService: 600, assisted: 400 },
    });
    expect(res.body.channels.channels).toEqual([
      { channel: 'online', handling: 'self_service', count: 600 },
      { channel: 'telephony', handling: 'assisted', count: 300 },
      { channel: 'paper', handling: 'assisted', count: 100 },
    ]);
  });

  it('refuses a taken name (409), a bad name or period (400), and answers 404 for an unknown one', async () => {
    await post('/v1/baselines', { name: 'jan_2021', from: '2021-01-01', to: '2021-01-07' }, 'admin').expect(409);
    const bad = await post('/v1/baselines', { name: 'Jan 2021', period: '2021-01' }, 'admin').expect(400);
    expect(bad.body.details[0].path).toBe('name');
    await post('/v1/baselines', { name: 'both', period: '2021-01', from: '2021-01-01', to: '2021-01-31' }, 'admin').expect(400);
    await post('/v1/baselines', { name: 'none' }, 'admin').expect(400);
    await post('/v1/baselines', { name: 'extra', period: '2021-01', colour: 'red' }, 'admin').expect(400);
    await get('/v1/baselines/unknown').expect(404);
    await get('/v1/baselines/unknown/comparison?period=2021-02').expect(404);
  });

  it('never moves a frozen baseline when late data arrives', async () => {
    // Ten more January cases, an escalation of a January case in March, and a late January volume.
    await post('/v1/conversations', {
      events: [
        ...casesOfTiers('LATE', '2021-01-20', [10, 0, 0, 0, 0, 0]),
        { id: 'esc', caseRef: 'JAN-CASE-1-0', occurredAt: '2021-03-01T10:00:00Z', conversation: 2, completedBy: 'social_work_team' },
      ],
    }).expect(202);
    await post('/v1/volumes', { volumes: [{ date: '2021-01-13', channel: 'chatbot', count: 50 }] }).expect(202);
    await t.drain();
    expect((await get('/v1/baselines/jan_2021').expect(200)).body).toEqual(frozen);
    expect((await get('/v1/baselines').expect(200)).body).toEqual({ baselines: [frozen] });
    // The live figures did move.
    const live = (await get('/v1/stats/tiers?period=2021-01').expect(200)).body;
    expect(live.tiers.map((r: { cases: number }) => r.cases)).toEqual([30, 39, 10, 21, 5, 5]);
  });

  it('compares a later period: tiers with independent z-tests, self-service share and cost avoided', async () => {
    const body = (await get('/v1/baselines/jan_2021/comparison?period=2021-02').expect(200)).body;
    expect(body.baseline).toEqual({ name: 'jan_2021', period: { from: '2021-01-01', to: '2021-01-31' } });
    expect(body.period).toEqual({ from: '2021-02-01', to: '2021-02-28' });
    expect(body.tiers).toHaveLength(6);
    body.tiers.forEach((row: Record<string, number | boolean>, tier: number) => {
      const p = pValue(FEB[tier], 100, BASE[tier], 100)!;
      expect(row).toMatchObject({ tier, baselineCases: BASE[tier], baselineShare: BASE[tier] / 100, cases: FEB[tier], share: FEB[tier] / 100 });
      expect(row.changePp).toBeCloseTo(FEB[tier] - BASE[tier], 10);
      expect(Math.abs((row.pValue as number) - p) / p).toBeLessThan(1e-9);
      expect(row.significant).toBe(p < 0.05);
    });
    // Tier 0: 35/100 against 20/100 — z = 0.15 ÷ √(0.275 · 0.725 · 0.02) = 2.37542, p = 0.0175289
    // (tabulated normal: 2·(1 − Φ(2.37)) = 0.0178 and 2·(1 − Φ(2.38)) = 0.0173 bracket it).
    expect(body.tiers[0].pValue).toBeCloseTo(0.0175289, 6);
    expect(body.tiers[0].pValue).toBeGreaterThan(0.0173);
    expect(body.tiers[0].pValue).toBeLessThan(0.0178);
    expect(body.tiers[0].significant).toBe(true);
    expect(body.tiers[1].significant).toBe(false);

    const ss = pValue(750, 1000, 600, 1000)!;
    expect(body.selfService.baselineShare).toBe(0.6);
    expect(body.selfService.share).toBe(0.75);
    expect(body.selfService.changePp).toBeCloseTo(15, 10);
    expect(Math.abs(body.selfService.pValue - ss) / ss).toBeLessThan(1e-9);
    expect(body.selfService.significant).toBe(true);

    const atBaselineMix = ((300 * RATES.telephone + 600 * RATES.web + 100 * RATES.f2f) / 1000) * 1000;
    const actual = 200 * RATES.telephone + 750 * RATES.web + 50 * RATES.f2f;
    expect(body.costAvoided).toBeCloseTo(atBaselineMix - actual, 9);
    expect(body.costAvoided).toBeCloseTo(691.5, 9);
  });

  it('reflects late data in a comparison of the baseline period itself', async () => {
    const body = (await get('/v1/baselines/jan_2021/comparison?period=2021-01').expect(200)).body;
    expect(body.tiers.map((r: { baselineCases: number }) => r.baselineCases)).toEqual(BASE);
    expect(body.tiers.map((r: { cases: number }) => r.cases)).toEqual([30, 39, 10, 21, 5, 5]);
    expect(body.tiers[0].share).toBe(30 / 110);
    expect(body.selfService.share).toBe(650 / 1050);
    const [tier0] = body.tiers;
    const p = pValue(30, 110, 20, 100)!;
    expect(Math.abs(tier0.pValue - p) / p).toBeLessThan(1e-9);
  });

  it('answers null p-values and cost avoided where a side has nothing, and CSV', async () => {
    await post('/v1/baselines', { name: 'empty', from: '2020-01-01', to: '2020-01-31' }, 'admin').expect(201);
    const body = (await get('/v1/baselines/empty/comparison?period=2021-02').expect(200)).body;
    expect(body.tiers[0]).toEqual({
      tier: 0, baselineCases: 0, baselineShare: null, cases: 35, share: 0.35, changePp: null, pValue: null, significant: false,
    });
    expect(body.selfService).toEqual({ baselineShare: null, share: 0.75, changePp: null, pValue: null, significant: false });
    expect(body.costAvoided).toBeNull();
    const csv = await get('/v1/baselines/jan_2021/comparison?period=2021-02&format=csv').expect(200);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('measure,tier,baselineCases,baselineShare,cases,share,changePp,pValue,significant,value');
    expect(lines).toHaveLength(1 + 6 + 2);
    expect(lines[8]).toMatch(/^cost_avoided,,,,,,,,,691\.5/);
    const list = await get('/v1/baselines?format=csv').expect(200);
    expect(list.text.split('\r\n')[0]).toBe('name,description,from,to,cases,contacts,createdAt');
    await get('/v1/baselines?period=2021').expect(400);
  });
});
