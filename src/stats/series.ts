import type { StatsWhere } from './stats-filter';

/**
 * SQL that numbers each aggregate row by the interval holding its bucket (1 = first), for
 * intervals given by their first days in time order. The WHERE clause must have been built with
 * the same intervals as `splitAt`, so that every row read lies within one interval.
 */
export function intervalIndexSql(where: StatsWhere, starts: readonly string[], column = 'bucket'): string {
  return `width_bucket(${column}, ${where.p(starts)}::date[])`;
}

/** A bigint sum as Postgres sends it (text) to a JS number; exact below 2^53. */
export function num(v: string | number | null | undefined): number {
  return v === null || v === undefined ? 0 : Number(v);
}
