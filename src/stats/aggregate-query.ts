import type { DayRange } from './buckets';
import { Filters, StatsWhere } from './stats-filter';

/** An aggregate table the statistics read (written by pipeline/, see migrations/). */
export type AggregateTable = 'contact_stats' | 'handoff_stats' | 'handoff_totals';

/**
 * One metric's read of the aggregates: its grouping columns and its measures, summed over the
 * aggregate rows that tile the period (see buckets.ts). Results name keys and measures as given here.
 */
export interface AggregateQuery<Key extends string, Measure extends string> {
  /** Statement name: the rendered SQL is sql/stats/<name>*.sql. */
  name: string;
  /** The table read; a function when the filters decide it. */
  table: AggregateTable | ((filters: Filters) => AggregateTable);
  /** Result name → grouping column. */
  keys: Readonly<Record<Key, string>>;
  /** Result name → SQL sum over the rows of a group; answered as an exact integer. */
  measures: Readonly<Record<Measure, string>>;
  /** Rows kept beside the period and filters. */
  only?: string;
  /** Groups kept. */
  having?: string;
  /** Read per interval of a series (the service passes the intervals). */
  series?: boolean;
}

/** A result row: keys as stored, measures as numbers; `index` numbers the series interval (1 = first). */
export type AggregateRow<Key extends string, Measure extends string> =
  Record<Key, string | null> & Record<Measure, number> & { index: number };

/** The result row of a query defined with `satisfies AggregateQuery<…>`. */
export type RowOf<Q> = Q extends { keys: infer K; measures: infer M } ? AggregateRow<keyof K & string, keyof M & string> : never;

/** A statement and its parameters, ready for Postgres; `paramNames` name and type each one. */
export interface BoundSql { sql: string; params: unknown[]; paramNames: string[] }

/**
 * The SELECT of a query over a period and filters. With `intervals` (a series tiling the period)
 * no aggregate row spans two intervals, and each group also carries its interval's `index`.
 */
export function aggregateSelect<K extends string, M extends string>(
  query: AggregateQuery<K, M>,
  range: DayRange,
  filters: Filters,
  intervals?: readonly DayRange[],
): BoundSql {
  const where = new StatsWhere(range, filters, intervals ? { splitAt: intervals } : {});
  const keys = Object.entries<string>(query.keys).map(([as, column]) => (as === column ? column : `${column} AS "${as}"`));
  if (intervals) keys.unshift(`width_bucket(bucket, ${where.p(intervals.map((i) => i.from), 'interval_starts date[]')}::date[]) AS index`);
  const measures = Object.entries<string>(query.measures).map(([as, expr]) => `${expr}::text AS "${as}"`);
  const table = typeof query.table === 'function' ? query.table(filters) : query.table;
  const sql = [
    `SELECT ${[...keys, ...measures].join(',\n       ')}`,
    `FROM ${table}`,
    `WHERE ${where.sql}${query.only ? ` AND ${query.only}` : ''}`,
    `GROUP BY ${keys.map((_, i) => i + 1).join(', ')}`,
    ...(query.having ? [`HAVING ${query.having}`] : []),
  ].join('\n');
  return { sql, params: where.params, paramNames: where.paramNames };
}

/** A bigint sum as Postgres sends it (text) to a JS number; exact below 2^53. */
function num(v: string | number | null | undefined): number {
  return v === null || v === undefined ? 0 : Number(v);
}

/** Typed rows from what Postgres answered: measures to numbers, keys as they are. */
export function aggregateRows<Q extends AggregateQuery<string, string>>(query: Q, found: Record<string, string | null>[]): RowOf<Q>[] {
  const measures = Object.keys(query.measures);
  return found.map((r) => {
    const row: Record<string, string | number | null> = { ...r };
    for (const m of measures) row[m] = num(r[m]);
    if ('index' in r) row.index = Number(r.index);
    return row as RowOf<Q>;
  });
}
