import { generate } from './contact-generator';
import { buildRecords, Rec } from './contact-model';
import { prng } from './random';
import { authHeader, TestApp } from './test-app';
import { TIER_PAIRINGS } from './tier-oracle';

/** Cases through FY2021-22: most stay at their entry tier, some step up or down a tier a week later. */
function conversations(seed: number, n: number): object[] {
  const rnd = prng(seed);
  const start = Date.parse('2021-04-01T09:00:00Z');
  return Array.from({ length: n }, (_, i) => {
    const entry = Math.min(5, Math.floor(rnd() * rnd() * 6));
    const at = start + Math.floor(rnd() * 350) * 86_400_000;
    const first = { id: `cv-${i}-a`, caseRef: `DASH-CASE-${i}`, occurredAt: new Date(at).toISOString(), ...TIER_PAIRINGS[entry] };
    if (rnd() < 0.7) return [first];
    const next = Math.max(0, Math.min(5, entry + (rnd() < 0.75 ? 1 : -1)));
    return [first, { id: `cv-${i}-b`, caseRef: `DASH-CASE-${i}`, occurredAt: new Date(at + 7 * 86_400_000).toISOString(), ...TIER_PAIRINGS[next] }];
  }).flat();
}

/**
 * A varied, demo-like year (contacts and volumes from the statistics tests' generator, cases
 * with escalations, a baseline frozen on April 2021) sent through the API and counted; answers
 * the model of what was stored, for figures computed without the service.
 */
export async function seedDashboardYear(t: TestApp, contacts = 4_000): Promise<Rec[]> {
  const { events, volumes } = generate(11, contacts);
  const auth = authHeader(t.env);
  for (let i = 0; i < events.length; i += 5_000) {
    await t.http.post('/v1/contacts').set(auth).send({ events: events.slice(i, i + 5_000) }).expect(202);
  }
  await t.http.post('/v1/volumes').set(auth).send({ volumes }).expect(202);
  await t.http.post('/v1/conversations').set(auth).send({ events: conversations(5, 600) }).expect(202);
  await t.drain();
  await t.http.post('/v1/baselines').set(auth).send({ name: 'april_2021', period: '2021-04' }).expect(201);
  return buildRecords(events, volumes);
}
