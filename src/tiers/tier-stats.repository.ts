import { Injectable } from '@nestjs/common';
import { ReadDatabase } from '../database/read-database';
import { rows } from '../database/sql';
import type { DayRange } from '../stats/stats-filter';
import type { Tier } from './tier-rules';

export interface TierKeyCount { entry: Tier; final: Tier; peak: Tier; cases: number }
export interface TransitionCount { from: Tier; to: Tier; count: number }

/** Cases by entry, final and peak tier, of cases whose first event falls in $1–$2 (local dates). */
export const TIER_KEYS_SQL = `
  SELECT entry_tier AS entry, final_tier AS final, peak_tier AS peak, sum(cases)::text AS cases
  FROM tier_daily WHERE first_date BETWEEN $1 AND $2
  GROUP BY 1, 2, 3 HAVING sum(cases) > 0`;

/** Changes of tier, of cases whose first event falls in $1–$2. */
export const TIER_TRANSITIONS_SQL = `
  SELECT from_tier AS "from", to_tier AS "to", sum(count)::text AS count
  FROM transition_daily WHERE first_date BETWEEN $1 AND $2
  GROUP BY 1, 2 HAVING sum(count) > 0 ORDER BY 1, 2`;

/** Reads the tier aggregates of the cases whose first event falls in a range of local dates. */
@Injectable()
export class TierStatsRepository {
  constructor(private readonly read: ReadDatabase) {}

  async tierKeys(range: DayRange): Promise<TierKeyCount[]> {
    const found = await rows<{ entry: number; final: number; peak: number; cases: string }>(
      this.read,
      TIER_KEYS_SQL,
      [range.from, range.to],
    );
    return found.map((r) => ({ entry: r.entry as Tier, final: r.final as Tier, peak: r.peak as Tier, cases: Number(r.cases) }));
  }

  async transitions(range: DayRange): Promise<TransitionCount[]> {
    const found = await rows<{ from: number; to: number; count: string }>(
      this.read,
      TIER_TRANSITIONS_SQL,
      [range.from, range.to],
    );
    return found.map((r) => ({ from: r.from as Tier, to: r.to as Tier, count: Number(r.count) }));
  }
}
