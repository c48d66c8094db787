import type { DataSource } from 'typeorm';
import { compareJourneyEvents, JourneyEvent, summariseJourney } from '../../src/tiers/journey';
import type { Tier } from '../../src/tiers/tier-rules';

/** One conversation event per tier 0–5: the pairings of the 3 Conversations rules (docs/definitions.md), indexed by tier. */
export const TIER_PAIRINGS = [
  { conversation: 0, completedBy: 'self_service' },
  { conversation: 1, completedBy: 'front_door' },
  { conversation: 1, completedBy: 'social_work_team' },
  { conversation: 2, completedBy: 'social_work_team' },
  { conversation: 3, completedBy: 'social_work_team', outcome: 'long_term_community' },
  { conversation: 3, completedBy: 'social_work_team', outcome: 'long_term_residential' },
] as const;

/**
 * The tier aggregates recomputed from the stored events by SQL window functions alone, as a
 * check independent of the writer: journeys ordered by time, then id by code point, then tier.
 */
const JOURNEYS = `
  WITH ordered AS (
    SELECT case_ref, tier, local_date,
           row_number() OVER w AS rn,
           count(*) OVER (PARTITION BY case_ref) AS n,
           lag(tier) OVER w AS prev
    FROM conversation_event
    WINDOW w AS (PARTITION BY case_ref ORDER BY occurred_at, source_id COLLATE "C", tier)
  ),
  journeys AS (
    SELECT case_ref,
           max(local_date) FILTER (WHERE rn = 1) AS first_date,
           max(tier) FILTER (WHERE rn = 1) AS entry_tier,
           max(tier) FILTER (WHERE rn = n) AS final_tier,
           max(tier) AS peak_tier
    FROM ordered GROUP BY case_ref
  )`;

/** (first_date, entry_tier, final_tier, peak_tier, cases) as tier_daily should hold them. */
export const ORACLE_TIER_DAILY_SQL = `${JOURNEYS}
  SELECT first_date, entry_tier, final_tier, peak_tier, count(*)::int AS cases
  FROM journeys GROUP BY first_date, entry_tier, final_tier, peak_tier`;

/** (first_date, from_tier, to_tier, count) as transition_daily should hold them. */
export const ORACLE_TRANSITION_DAILY_SQL = `${JOURNEYS}
  SELECT j.first_date, o.prev AS from_tier, o.tier AS to_tier, count(*)::int AS count
  FROM ordered o JOIN journeys j USING (case_ref)
  WHERE o.prev IS NOT NULL AND o.prev <> o.tier
  GROUP BY j.first_date, o.prev, o.tier`;

export async function expectedTierDaily(db: DataSource): Promise<string[]> {
  const found: Array<{ k: string }> = await db.query(`SELECT concat_ws('|', first_date, entry_tier, final_tier, peak_tier, cases) AS k
    FROM (${ORACLE_TIER_DAILY_SQL}) x ORDER BY 1`);
  return found.map((r) => r.k);
}

export async function expectedTransitionDaily(db: DataSource): Promise<string[]> {
  const found: Array<{ k: string }> = await db.query(`SELECT concat_ws('|', first_date, from_tier, to_tier, count) AS k
    FROM (${ORACLE_TRANSITION_DAILY_SQL}) x ORDER BY 1`);
  return found.map((r) => r.k);
}

export async function storedTierDaily(db: DataSource): Promise<string[]> {
  const found: Array<{ k: string }> = await db.query(`SELECT concat_ws('|', first_date, entry_tier, final_tier, peak_tier, cases) AS k
    FROM tier_daily WHERE cases > 0 ORDER BY 1`);
  return found.map((r) => r.k);
}

export async function storedTransitionDaily(db: DataSource): Promise<string[]> {
  const found: Array<{ k: string }> = await db.query(`SELECT concat_ws('|', first_date, from_tier, to_tier, count) AS k
    FROM transition_daily WHERE count > 0 ORDER BY 1`);
  return found.map((r) => r.k);
}

/**
 * Every stored journey, as the pure definition (journey.ts) gives it from the case's events: a
 * check of the writer's SQL that shares none of its code.
 */
export async function expectJourneysAsDefined(db: DataSource): Promise<void> {
  const events: Array<{ case_ref: string; id: string; occurred_at: Date; local_date: string; tier: number }> = await db.query(
    `SELECT encode(case_ref, 'hex') AS case_ref, source_id AS id, occurred_at, local_date::text AS local_date, tier FROM conversation_event`,
  );
  const byCase = new Map<string, Array<JourneyEvent & { localDate: string }>>();
  for (const e of events) {
    const list = byCase.get(e.case_ref) ?? byCase.set(e.case_ref, []).get(e.case_ref)!;
    list.push({ id: e.id, occurredAt: e.occurred_at, tier: e.tier as Tier, localDate: e.local_date });
  }
  const expected = [...byCase].map(([caseRef, list]) => {
    const first = [...list].sort(compareJourneyEvents)[0];
    const j = summariseJourney(list);
    return [caseRef, first.occurredAt.toISOString(), first.localDate, j.entry, j.final, j.peak, list.length, j.transitions.length].join('|');
  });
  const stored: Array<{ k: string }> = await db.query(
    `SELECT concat_ws('|', encode(case_ref, 'hex'), to_char(first_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
       first_date, entry_tier, final_tier, peak_tier, events, transitions) AS k FROM case_journey`,
  );
  expect(stored.map((r) => r.k).sort()).toEqual(expected.sort());
}

/** The aggregates the writer kept equal those recomputed from scratch, and every journey is as defined. */
export async function expectAggregatesExact(db: DataSource): Promise<void> {
  await expectJourneysAsDefined(db);
  expect(await storedTierDaily(db)).toEqual(await expectedTierDaily(db));
  expect(await storedTransitionDaily(db)).toEqual(await expectedTransitionDaily(db));
  const [{ journeys, cases }] = await db.query(
    `SELECT (SELECT count(*) FROM case_journey)::int AS journeys, (SELECT count(DISTINCT case_ref) FROM conversation_event)::int AS cases`,
  );
  expect(journeys).toBe(cases);
}
