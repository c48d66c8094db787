/** A seeded, varied year of contacts for the statistics tests (deterministic for a seed). */
import { CENTRES, CHANNELS, SentEvent, SentVolume } from './contact-model';
import { prng } from './random';

export const SERVICES = ['blue_badge', 'bins', 'council_tax', 'highways_defect', 'school_admissions', 'adult_care', 'libraries', 'parking'];
export const SOURCES = [undefined, 'netcall', 'civica', 'website'];
const OUTCOMES = ['resolved', 'handed_off', 'escalated', 'follow_up', 'callback', 'abandoned'];

const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
/** The same instant written with a +01:00 offset. */
const plusOne = (ms: number) => new Date(ms + H).toISOString().replace('Z', '+01:00');

/** Instants around local month and year edges, both 2021 clock changes, bank holidays and opening hours. */
export const EDGE_INSTANTS = [
  '2021-03-31T22:59:59Z', '2021-03-31T23:00:00Z', '2021-03-31T23:30:00Z', // FY2020-21 | FY2021-22
  '2021-03-28T00:59:59Z', '2021-03-28T01:00:00Z', '2021-03-27T23:59:59Z', '2021-03-28T23:00:00Z', // spring forward
  '2021-10-31T00:30:00Z', '2021-10-31T00:59:59Z', '2021-10-31T01:30:00Z', '2021-10-31T23:59:59Z', '2021-11-01T00:00:00Z', // fall back
  '2021-09-30T22:59:59Z', '2021-09-30T23:00:00Z', '2021-12-31T23:59:59Z', '2022-01-01T00:00:00Z',
  '2022-03-31T22:59:59Z', '2022-03-31T23:00:00Z', '2021-04-30T22:59:59Z', '2021-04-30T23:00:00Z',
  '2021-03-14T23:59:59Z', '2021-03-15T00:00:00Z', '2021-05-10T22:59:59Z', '2021-05-10T23:00:00Z', // from/to range edges
  '2021-12-27T10:00:00Z', '2021-12-28T14:00:00Z', '2021-12-29T10:00:00Z', '2021-12-24T16:59:59Z', // bank holidays
  '2021-12-01T08:59:00Z', '2021-12-01T09:00:00Z', '2021-12-01T16:59:00Z', '2021-12-01T17:00:00Z', // GMT weekday
  '2021-07-15T07:59:00Z', '2021-07-15T08:00:00Z', '2021-07-15T15:59:00Z', '2021-07-15T16:00:00Z', // BST weekday
  '2021-12-04T12:00:00Z', '2021-07-18T10:00:00Z', // weekend
];

export interface Generated { events: SentEvent[]; volumes: SentVolume[]; replacements: SentVolume[] }

export function generate(seed: number, n: number): Generated {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const maybe = <T>(p: number, f: () => T): T | undefined => (rnd() < p ? f() : undefined);
  const start = Date.parse('2021-03-01T00:00:00Z');
  const end = Date.parse('2022-04-20T00:00:00Z');
  const cases = Array.from({ length: 70 }, (_, i) => `CASE-${1000 + i}`);

  const event = (id: string, ms: number, over: Partial<SentEvent> = {}): SentEvent => {
    const c = pick(CHANNELS);
    const outcome = maybe(0.7, () => pick(OUTCOMES));
    const e: SentEvent = {
      id,
      source: pick(SOURCES),
      occurredAt: rnd() < 0.3 ? plusOne(ms) : iso(ms),
      channel: c.channel,
      handling: maybe(0.6, () => pick(c.handlings)),
      centre: maybe(0.8, () => pick(CENTRES)),
      service: maybe(0.8, () => pick(SERVICES)),
      outcome,
      handedOffTo: outcome === 'handed_off' ? maybe(0.8, () => pick(CENTRES)) : undefined,
      waitSeconds: maybe(0.6, () => (rnd() < 0.3 ? pick([0, 19, 20, 21]) : Math.floor(rnd() * 300))),
      durationSeconds: maybe(0.6, () => Math.floor(rnd() * 1200)),
      satisfaction: maybe(0.3, () => 1 + Math.floor(rnd() * 5)),
      caseRef: maybe(0.45, () => pick(cases)),
      ...over,
    };
    return Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as SentEvent;
  };

  const events: SentEvent[] = [];
  for (let i = 0; i < n; i++) events.push(event(`e${i}`, start + Math.floor((rnd() * (end - start)) / 1000) * 1000));
  EDGE_INSTANTS.forEach((at, i) => events.push(event(`edge${i}`, Date.parse(at))));
  // Same-instant twins of a few edges, with and without a centre.
  EDGE_INSTANTS.slice(0, 12).forEach((at, i) => events.push(event(`edge-nc${i}`, Date.parse(at), { centre: undefined })));

  // Repeats at the window's edge: exactly 168 h is a repeat, 168 h + 1 s is not, whatever the channel.
  const r = (id: string, at: string, caseRef: string, over: Partial<SentEvent> = {}) =>
    events.push(event(id, Date.parse(at), { caseRef, service: 'blue_badge', ...over }));
  r('rep-a1', '2021-06-01T10:00:00Z', 'EDGE-A', { channel: 'chatbot', handling: 'self_service' });
  r('rep-a2', '2021-06-08T10:00:00Z', 'EDGE-A', { channel: 'telephony', handling: 'assisted' });
  r('rep-b1', '2021-06-01T10:00:00Z', 'EDGE-B');
  r('rep-b2', '2021-06-08T10:00:01Z', 'EDGE-B');
  // 7 local days across the spring clock change is 167 h (a repeat); across the autumn one 169 h (not).
  r('rep-c1', '2021-03-25T12:00:00Z', 'EDGE-C');
  r('rep-c2', '2021-04-01T11:00:00Z', 'EDGE-C');
  r('rep-d1', '2021-10-27T12:00:00Z', 'EDGE-D');
  r('rep-d2', '2021-11-03T13:00:00Z', 'EDGE-D');
  // Same instant: neither is a repeat of the other; other service or no service: not a repeat.
  r('rep-e1', '2021-08-02T09:30:00Z', 'EDGE-E');
  r('rep-e2', '2021-08-02T09:30:00Z', 'EDGE-E', { source: 'netcall' });
  r('rep-f1', '2021-08-02T09:30:00Z', 'EDGE-F');
  r('rep-f2', '2021-08-03T09:30:00Z', 'EDGE-F', { service: 'bins' });
  r('rep-f3', '2021-08-04T09:30:00Z', 'EDGE-F', { service: undefined });
  // A chain inside and just outside months (the earlier contact is outside the selected period).
  r('rep-g1', '2021-11-28T10:00:00Z', 'EDGE-G');
  r('rep-g2', '2021-12-02T10:00:00Z', 'EDGE-G');

  const volumes: SentVolume[] = [];
  for (let i = 0; i < 40; i++) {
    const c = pick(CHANNELS);
    const d = new Date(start + rnd() * (end - start)).toISOString().slice(0, 10);
    volumes.push(Object.fromEntries(Object.entries({
      date: d, channel: c.channel, handling: maybe(0.5, () => pick(c.handlings)), source: pick(SOURCES),
      centre: maybe(0.5, () => pick(CENTRES)), service: maybe(0.5, () => pick(SERVICES)), count: 1 + Math.floor(rnd() * 500),
    }).filter(([, v]) => v !== undefined)) as unknown as SentVolume);
  }
  volumes.push({ date: '2021-12-31', channel: 'chatbot', source: 'website', count: 321 });
  volumes.push({ date: '2022-01-01', channel: 'webchat', source: 'civica', centre: 'customer_services', count: 77 });
  // Re-sent keys replace the count; one goes to zero.
  const replacements = [
    { ...volumes[0], count: volumes[0].count + 13 },
    { ...volumes[1], count: 0 },
    { ...volumes[2], count: 5 },
  ];
  return { events, volumes, replacements };
}

export function shuffle<T>(xs: T[], rnd: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
