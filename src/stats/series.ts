import type { StatsWhere } from './stats-filter';

/**
 * SQL that numbers each aggregate row by the interval holding its bucket (1 = first), for
 * intervals given by their first days in time order. Interval edges fall on month starts or on
 * the period's edges, so a monthly row (first of a wholly covered month) lies in one interval.
 */
export function intervalIndexSql(where: StatsWhere, starts: readonly string[], column = 'bucket'): string {
  return `width_bucket(${column}, ${where.p(starts)}::date[])`;
}

/** A bigint sum as Postgres sends it (text) to a JS number; exact below 2^53. */
export function num(v: string | number | null | undefined): number {
  return v === null || v === undefined ? 0 : Number(v);
}
