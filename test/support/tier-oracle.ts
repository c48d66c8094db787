import type { DataSource } from 'typeorm';

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

/** The aggregates the writer kept equal those recomputed from scratch. */
export async function expectAggregatesExact(db: DataSource): Promise<void> {
  expect(await storedTierDaily(db)).toEqual(await expectedTierDaily(db));
  expect(await storedTransitionDaily(db)).toEqual(await expectedTransitionDaily(db));
  const [{ journeys, cases }] = await db.query(
    `SELECT (SELECT count(*) FROM case_journey)::int AS journeys, (SELECT count(DISTINCT case_ref) FROM conversation_event)::int AS cases`,
  );
  expect(journeys).toBe(cases);
}
