import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rows } from '../database/sql';
import { num } from '../stats/series';
import { DayRange, Filters, StatsWhere } from '../stats/stats-filter';

/** Summed counts of one centre (null: contacts without a centre); metrics are derived from these. */
export interface CentreSums {
  centre: string | null;
  contacts: number;
  selfService: number;
  timed: number;
  outOfHours: number;
  withOutcome: number;
  resolved: number;
  abandoned: number;
  waited: number;
  answered: number;
  answeredWaitSum: number;
  withinServiceLevel: number;
  handled: number;
  handledDurationSum: number;
  satisfactionResponses: number;
  satisfactionSum: number;
}

export interface HandoffCount { from: string | null; to: string; count: number }

const SUMS: ReadonlyArray<readonly [keyof CentreSums, string]> = [
  ['contacts', 'sum(contacts)'],
  ['selfService', `coalesce(sum(contacts) FILTER (WHERE handling = 'self_service'), 0)`],
  ['timed', 'sum(timed)'],
  ['outOfHours', 'sum(out_of_hours)'],
  ['withOutcome', 'sum(with_outcome)'],
  ['resolved', 'sum(resolved)'],
  ['abandoned', 'sum(abandoned)'],
  ['waited', 'sum(waited)'],
  ['answered', 'sum(answered)'],
  ['answeredWaitSum', 'sum(answered_wait_sum)'],
  ['withinServiceLevel', 'sum(within_service_level)'],
  ['handled', 'sum(handled)'],
  ['handledDurationSum', 'sum(handled_duration_sum)'],
  ['satisfactionResponses', 'sum(satisfaction_responses)'],
  ['satisfactionSum', 'sum(satisfaction_sum)'],
];

@Injectable()
export class CentreStatsRepository {
  constructor(private readonly ds: DataSource) {}

  /** One row per centre that has contacts in the selection. */
  async sums(range: DayRange, filters: Filters): Promise<CentreSums[]> {
    const where = new StatsWhere(range, filters);
    const found = await rows<Record<string, string | null>>(
      this.ds,
      `SELECT centre, ${SUMS.map(([name, expr]) => `${expr}::text AS "${name}"`).join(', ')}
       FROM contact_stats
       WHERE ${where.sql}
       GROUP BY centre
       HAVING sum(contacts) > 0`,
      where.params,
    );
    return found.map((r) => {
      const sums = { centre: r.centre } as CentreSums;
      for (const [name] of SUMS) (sums as unknown as Record<string, number>)[name] = num(r[name]);
      return sums;
    });
  }

  /**
   * Hand-offs from one centre to another: from handoff_totals (keyed by the two centres only)
   * unless a filter needs channel, source or service, which only handoff_stats holds.
   */
  async handoffs(range: DayRange, filters: Filters): Promise<HandoffCount[]> {
    const where = new StatsWhere(range, filters);
    const table = Object.keys(filters).every((f) => f === 'centre') ? 'handoff_totals' : 'handoff_stats';
    const found = await rows<{ from: string | null; to: string; count: string }>(
      this.ds,
      `SELECT centre AS "from", handed_off_to AS "to", sum(count)::text AS count
       FROM ${table}
       WHERE ${where.sql}
       GROUP BY centre, handed_off_to
       HAVING sum(count) > 0`,
      where.params,
    );
    return found.map((r) => ({ from: r.from, to: r.to, count: num(r.count) }));
  }
}
