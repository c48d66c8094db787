import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, shuffle } from '../support/contact-generator';
import { prng } from '../support/random';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Every statistics answer, byte for byte, against answers recorded from the code before the read
 * side was gathered into one module: a seeded dataset goes in through HTTP, and each endpoint ×
 * JSON/CSV × periods × filters must answer exactly as recorded. `GOLDEN_RECORD=1 npx jest
 * test/e2e/stats-golden` records them again (only on purpose: an answer that changes is a
 * contract change, see docs/http-contract.md).
 */
const GOLDEN = join(__dirname, '..', 'golden', 'stats-answers.json');

const PERIODS = ['period=FY2021-22', 'period=2021-12', 'from=2021-03-15&to=2021-05-10', 'from=2021-11-17&to=2022-02-03'];
const FILTERS = ['', '&centre=customer_services', '&channel=telephony', '&source=civica&service=blue_badge'];
const CONTACT_ENDPOINTS = ['channels', 'channels?by=source', 'channel-shift', 'channel-shift?interval=fy_quarter',
  'chatbot', 'centres', 'services', 'costs'];
const TIER_ENDPOINTS = ['tiers', 'tiers?by=peak', 'tiers?by=entry', 'tiers/flows'];

function urls(): string[] {
  const out: string[] = [];
  const join = (endpoint: string, query: string) => `/v1/stats/${endpoint}${endpoint.includes('?') ? '&' : '?'}${query}`;
  for (const endpoint of CONTACT_ENDPOINTS) {
    for (const period of PERIODS) for (const filter of FILTERS) out.push(join(endpoint, period + filter));
  }
  for (const endpoint of TIER_ENDPOINTS) for (const period of PERIODS) out.push(join(endpoint, period));
  out.push('/v1/baselines/golden/comparison?period=FY2021-22-Q3');
  // Refusals keep their wording too.
  out.push('/v1/stats/centres?period=FY2021-23', '/v1/stats/costs?period=2021&centre=nowhere&channel=pigeon',
    '/v1/stats/channels?period=2021&by=centre', '/v1/stats/tiers?period=2021&centre=here2help');
  return out;
}

/** Deterministic 3 Conversations events: cases opening through 2021, one to three events each. */
function conversations(): Record<string, unknown>[] {
  const rnd = prng(11);
  const by = ['self_service', 'front_door', 'social_work_team', 'social_work_team'];
  const out: Record<string, unknown>[] = [];
  for (let c = 0; c < 120; c++) {
    const start = Date.parse('2021-01-01T10:00:00Z') + Math.floor(rnd() * 400) * 86_400_000;
    const events = 1 + Math.floor(rnd() * 3);
    for (let e = 0; e < events; e++) {
      const conversation = Math.min(3, e + Math.floor(rnd() * 2));
      out.push({
        id: `g${c}-${e}`, caseRef: `GOLD-${c}`, occurredAt: new Date(start + e * 3 * 86_400_000).toISOString(), conversation,
        completedBy: conversation === 1 && rnd() < 0.5 ? 'social_work_team' : by[conversation],
        ...(rnd() < 0.1 ? { safeguarding: true } : {}),
      });
    }
  }
  return out;
}

interface Answer { status: number; type: string | undefined; disposition: string | undefined; body: string }

describe('statistics answers are unchanged (golden answers)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const data = generate(20211231, 2000);
    const events = shuffle(data.events, prng(3));
    const half = Math.ceil(events.length / 2);
    await t.http.post('/v1/contacts').send({ events: events.slice(0, half) }).expect(202);
    await t.http.post('/v1/contacts').send({ events: events.slice(half) }).expect(202);
    await t.http.post('/v1/volumes').send({ volumes: data.volumes }).expect(202);
    await t.http.post('/v1/conversations').send({ events: conversations() }).expect(202);
    await t.drain();
    await t.http.post('/v1/baselines').send({ name: 'golden', period: 'FY2020-21' }).expect(201);
  }, 120_000);
  afterAll(() => t.close());

  async function answer(url: string, csv: boolean): Promise<Answer> {
    const res = await t.http.get(csv ? `${url}&format=csv` : url).set('X-Request-Id', 'golden').buffer(true);
    return { status: res.status, type: res.headers['content-type'], disposition: res.headers['content-disposition'], body: res.text };
  }

  it('answers every endpoint × JSON/CSV × period × filter exactly as recorded', async () => {
    const answers: Record<string, Answer> = {};
    for (const url of urls()) {
      answers[url] = await answer(url, false);
      answers[`${url} csv`] = await answer(url, true);
    }
    if (process.env.GOLDEN_RECORD === '1') writeFileSync(GOLDEN, `${JSON.stringify(answers, null, 1)}\n`);
    const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, Answer>;
    expect(Object.keys(answers)).toEqual(Object.keys(golden));
    for (const key of Object.keys(golden)) expect({ key, ...answers[key] }).toEqual({ key, ...golden[key] });
  });

  it.each(['period=FY2021-22', 'from=2021-11-17&to=2022-02-03'])('summary of %s is each endpoint\'s own answer', async (period) => {
    const { body } = await t.http.get(`/v1/stats/summary?${period}`).expect(200);
    const get = async (path: string) => (await t.http.get(`/v1/stats/${path}${path.includes('?') ? '&' : '?'}${period}`).expect(200)).body;
    expect(body).toEqual({
      period: body.channels.period,
      channels: await get('channels'),
      channelShift: await get('channel-shift'),
      chatbot: await get('chatbot'),
      centres: await get('centres'),
      allCentres: body.allCentres,
      services: await get('services'),
      costs: await get('costs'),
      tiers: await get('tiers'),
    });
    expect(body.channels.total).toBeGreaterThan(0);
    // The contact centre as a whole: every centre's contacts, and a rate between the centres' own.
    expect(body.allCentres.centre).toBeNull();
    expect(body.allCentres.contacts).toBe(body.centres.centres.reduce((s: number, c: { contacts: number }) => s + c.contacts, 0));
    const fcr = body.centres.centres.map((c: { firstContactResolution: number | null }) => c.firstContactResolution).filter((v: number | null) => v !== null);
    expect(body.allCentres.firstContactResolution).toBeGreaterThanOrEqual(Math.min(...fcr));
    expect(body.allCentres.firstContactResolution).toBeLessThanOrEqual(Math.max(...fcr));
    expect(body.tiers.cases).toBeGreaterThan(0);
  });

  it('summary takes a period only, and answers JSON', async () => {
    await t.http.get('/v1/stats/summary').expect(400);
    await t.http.get('/v1/stats/summary?period=2021&centre=here2help').expect(400);
    await t.http.get('/v1/stats/summary?period=2021&format=csv').expect(400);
  });
});
