import { ApiError } from '../common/http/api-error';
import type { ReferenceConfig } from '../config/reference-config';
import { addDays, parsePeriod, Period, PeriodError } from '../periods/period';
import type { StatsQueryDto } from './stats-query.dto';

export type Filters = Partial<Record<'centre' | 'service' | 'source' | 'channel', string>>;

/** The query's period, or a 400 naming the parameter. */
export function periodOf(q: { period?: string; from?: string; to?: string }): Period {
  try {
    return parsePeriod(q);
  } catch (e) {
    if (e instanceof PeriodError) throw ApiError.validation([{ path: e.field, problem: e.problem }]);
    throw e;
  }
}

export function filtersOf(q: StatsQueryDto, config: ReferenceConfig): Filters {
  const problems = [];
  if (q.centre !== undefined && !config.centreNames.includes(q.centre)) {
    problems.push({ path: 'centre', problem: `unknown centre; one of ${config.centreNames.join(', ')}` });
  }
  if (q.channel !== undefined && !config.channelByName.has(q.channel)) {
    problems.push({ path: 'channel', problem: `unknown channel; one of ${[...config.channelByName.keys()].join(', ')}` });
  }
  if (problems.length) throw ApiError.validation(problems);
  const { centre, service, source, channel } = q;
  return Object.fromEntries(Object.entries({ centre, service, source, channel }).filter(([, v]) => v !== undefined));
}

export interface DayRange { from: string; to: string }

/**
 * Splits a period into whole local months (read from the monthly grain) and the days at its
 * edges (daily grain), so a year costs 12 rows per key instead of 365.
 */
export function bucketsOf(p: DayRange): { months?: DayRange; days: DayRange[] } {
  const firstMonth = p.from.endsWith('-01') ? p.from : addDays(`${p.from.slice(0, 8)}01`, 31).slice(0, 8) + '01';
  const afterTo = addDays(p.to, 1);
  const endMonth = afterTo.endsWith('-01') ? afterTo : `${afterTo.slice(0, 8)}01`; // first day not wholly covered
  if (firstMonth >= endMonth) return { days: [p] };
  const days: DayRange[] = [];
  if (p.from < firstMonth) days.push({ from: p.from, to: addDays(firstMonth, -1) });
  if (endMonth <= p.to) days.push({ from: endMonth, to: p.to });
  const lastMonth = `${addDays(endMonth, -1).slice(0, 8)}01`;
  return { months: { from: firstMonth, to: lastMonth }, days };
}

/** WHERE clause over an aggregate table with (grain, bucket) and the filter columns. */
export class StatsWhere {
  readonly params: unknown[] = [];
  readonly sql: string;

  constructor(range: DayRange, filters: Filters = {}, alias = '') {
    const col = (c: string) => (alias ? `${alias}.${c}` : c);
    const { months, days } = bucketsOf(range);
    const parts = days.map((d) => `(${col('grain')} = 'd' AND ${col('bucket')} BETWEEN ${this.p(d.from)} AND ${this.p(d.to)})`);
    if (months) parts.push(`(${col('grain')} = 'm' AND ${col('bucket')} BETWEEN ${this.p(months.from)} AND ${this.p(months.to)})`);
    const filterSql = Object.entries(filters).map(([k, v]) => ` AND ${col(k)} = ${this.p(v)}`);
    this.sql = `(${parts.join(' OR ')})${filterSql.join('')}`;
  }

  /** Adds a parameter and returns its placeholder. */
  p(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}
