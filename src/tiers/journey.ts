/**
 * A case's journey through the tiers (docs/definitions.md "Journeys"): its events in
 * time order; entry tier = first event's, final tier = last event's, peak tier = the highest.
 *
 * Order: by `occurredAt`, then — for events of a case at the same instant — by `id` compared
 * as strings of Unicode code points (compareCodePoints). That is the order of PostgreSQL's
 * `COLLATE "C"` on UTF-8 text (byte order = code-point order), so SQL can reproduce it; it is
 * NOT JavaScript's default `<` / sort order, which compares UTF-16 code units and puts
 * characters above U+FFFF (surrogate pairs) before U+E000–U+FFFF. Should two events share both
 * instant and id (possible only across sources), the lower tier goes first, so the summary never
 * depends on the order in which events arrived.
 *
 * `occurredAt` is a Date, so instants are compared to the millisecond.
 */
import type { Tier } from './tier-rules';

export interface JourneyEvent {
  id: string;
  occurredAt: Date;
  tier: Tier;
}

export interface TierTransition {
  from: Tier;
  to: Tier;
}

export interface JourneySummary {
  entry: Tier;
  final: Tier;
  peak: Tier;
  /** One per change of tier between consecutive events (escalations and step-downs), in order. */
  transitions: TierTransition[];
}

/** Compares two strings by Unicode code point (negative, 0, positive), like `COLLATE "C"`. */
export function compareCodePoints(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(j)!;
    if (ca !== cb) return ca - cb;
    i += ca > 0xffff ? 2 : 1;
    j += cb > 0xffff ? 2 : 1;
  }
  return (a.length - i) - (b.length - j);
}

/** The journey order: time, then id by code point, then tier. */
export function compareJourneyEvents(a: JourneyEvent, b: JourneyEvent): number {
  return a.occurredAt.getTime() - b.occurredAt.getTime() || compareCodePoints(a.id, b.id) || a.tier - b.tier;
}

/**
 * Summarises a case's events, given in any order (the input is not modified). Throws a
 * RangeError for no events or an invalid date: a journey has at least one event.
 */
export function summariseJourney(events: readonly JourneyEvent[]): JourneySummary {
  if (events.length === 0) throw new RangeError('a journey needs at least one event');
  for (const e of events) {
    if (!(e.occurredAt instanceof Date) || Number.isNaN(e.occurredAt.getTime())) {
      throw new RangeError(`event ${JSON.stringify(e.id)} has an invalid occurredAt`);
    }
  }
  const ordered = [...events].sort(compareJourneyEvents);
  const transitions: TierTransition[] = [];
  let peak = ordered[0].tier;
  for (let k = 1; k < ordered.length; k++) {
    const from = ordered[k - 1].tier;
    const to = ordered[k].tier;
    if (from !== to) transitions.push({ from, to });
    if (to > peak) peak = to;
  }
  return { entry: ordered[0].tier, final: ordered[ordered.length - 1].tier, peak, transitions };
}
