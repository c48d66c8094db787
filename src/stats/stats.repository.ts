import { Injectable } from '@nestjs/common';
import { ReadDatabase } from '../database/read-database';
import { rows } from '../database/sql';
import type { DayRange } from './buckets';
import { AggregateQuery, aggregateRows, aggregateSelect, RowOf } from './aggregate-query';
import type { Filters } from './stats-filter';

/** The one reader of the aggregates: runs a metric's query (metric-queries.ts) over a period. */
@Injectable()
export class StatsRepository {
  constructor(private readonly db: ReadDatabase) {}

  /** With `intervals` (a series tiling the period), one group per interval, numbered by `index`. */
  async read<Q extends AggregateQuery<string, string>>(
    query: Q,
    range: DayRange,
    filters: Filters,
    intervals?: readonly DayRange[],
  ): Promise<RowOf<Q>[]> {
    const { sql, params } = aggregateSelect(query, range, filters, intervals);
    return aggregateRows(query, await rows<Record<string, string | null>>(this.db, sql, params));
  }
}
