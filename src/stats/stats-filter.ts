import { ApiError } from '../common/http/api-error';
import type { ReferenceConfig } from '../config/reference-config';
import { parsePeriod, Period, PeriodError } from '../periods/period';
import { bucketsOf, DayRange } from './buckets';
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

export type { DayRange } from './buckets';

/**
 * WHERE clause over an aggregate table with (grain, bucket) and the filter columns. The
 * period is read as the fewest aggregate rows that tile it (see buckets.ts); give `splitAt`
 * (the intervals of a series, tiling the period) so that no row spans two intervals.
 */
export class StatsWhere {
  readonly params: unknown[] = [];
  /** Each parameter's name and type, for the rendered SQL (sql/stats/). */
  readonly paramNames: string[] = [];
  readonly sql: string;

  constructor(range: DayRange, filters: Filters = {}, options: { splitAt?: readonly DayRange[] } = {}) {
    const parts = [...bucketsOf(options.splitAt ?? [range])].map(
      ([grain, starts]) => `(grain = '${grain}' AND bucket = ANY (${this.p(starts, `${grain}_bucket_starts date[]`)}::date[]))`,
    );
    const filterSql = Object.entries(filters).map(([k, v]) => ` AND ${k} = ${this.p(v, `${k} text`)}`);
    this.sql = `(${parts.length ? parts.join(' OR ') : 'false'})${filterSql.join('')}`;
  }

  /** Adds a parameter and returns its placeholder. */
  p(value: unknown, name: string): string {
    this.params.push(value);
    this.paramNames.push(name);
    return `$${this.params.length}`;
  }
}
