/**
 * How newly stored events change the tier aggregates (pure; used by the conversation writer).
 *
 * A case is counted once, on the local date of its first event, under its (entry, final, peak)
 * tiers, and each change of tier in its journey is counted on the same date. When new events
 * arrive for a case, its old journey (the events stored before) is taken out of the aggregates
 * and its new journey (all events) is put in. A late event may change the tiers, the
 * transitions and the first date (moving the case to another day or period).
 */
import { compareJourneyEvents, JourneyEvent, JourneySummary, summariseJourney } from './journey';
import type { Tier } from './tier-rules';

export interface StoredJourneyEvent extends JourneyEvent {
  /** Local date (Europe/London) of occurredAt, YYYY-MM-DD. */
  localDate: string;
  /** True for an event stored by this batch. */
  isNew: boolean;
}

export interface CaseJourney extends JourneySummary {
  firstAt: Date;
  firstDate: string;
  events: number;
}

/** The journey of a case's events (any order); null for none. */
export function caseJourney(events: readonly (JourneyEvent & { localDate: string })[]): CaseJourney | null {
  if (events.length === 0) return null;
  const first = [...events].sort(compareJourneyEvents)[0];
  return { ...summariseJourney(events), firstAt: first.occurredAt, firstDate: first.localDate, events: events.length };
}

export interface TierKey { firstDate: string; entry: Tier; final: Tier; peak: Tier }
export interface TransitionKey { firstDate: string; from: Tier; to: Tier }

/** Net changes per aggregate key, zeros dropped; keys sorted so writers lock rows in one order. */
export class AggregateDeltas {
  private readonly tierDeltas = new Map<string, number>();
  private readonly transitionDeltas = new Map<string, number>();

  /** Takes out the case's old journey (if any) and puts in its new one. */
  replace(before: CaseJourney | null, after: CaseJourney): void {
    if (before) this.add(before, -1);
    this.add(after, +1);
  }

  private add(j: CaseJourney, sign: number): void {
    bump(this.tierDeltas, [j.firstDate, j.entry, j.final, j.peak].join('|'), sign);
    for (const t of j.transitions) bump(this.transitionDeltas, [j.firstDate, t.from, t.to].join('|'), sign);
  }

  tiers(): Array<TierKey & { delta: number }> {
    return entries(this.tierDeltas).map(([[firstDate, entry, final, peak], delta]) => ({
      firstDate, entry: Number(entry) as Tier, final: Number(final) as Tier, peak: Number(peak) as Tier, delta,
    }));
  }

  transitions(): Array<TransitionKey & { delta: number }> {
    return entries(this.transitionDeltas).map(([[firstDate, from, to], delta]) => ({
      firstDate, from: Number(from) as Tier, to: Number(to) as Tier, delta,
    }));
  }
}

function bump(map: Map<string, number>, key: string, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function entries(map: Map<string, number>): Array<[string[], number]> {
  return [...map.entries()]
    .filter(([, delta]) => delta !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, delta]) => [key.split('|'), delta]);
}

/**
 * For each case, its journey before this batch (events not new) and after (all events), with
 * the aggregate deltas of all cases together.
 */
export function journeyChanges(byCase: ReadonlyMap<string, readonly StoredJourneyEvent[]>): {
  journeys: Map<string, CaseJourney>;
  deltas: AggregateDeltas;
} {
  const journeys = new Map<string, CaseJourney>();
  const deltas = new AggregateDeltas();
  for (const [caseRef, events] of byCase) {
    const after = caseJourney(events);
    if (!after) continue;
    const before = caseJourney(events.filter((e) => !e.isNew));
    deltas.replace(before, after);
    journeys.set(caseRef, after);
  }
  return { journeys, deltas };
}
