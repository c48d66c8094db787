import type { DataSource } from 'typeorm';
import type { MetricConfig } from '../config/reference-config';
import { inTransaction, rows } from '../database/sql';
import { CONTACT_MEASURES } from '../database/contact-columns';
import {
  addToContactStats, addToHalfHours, addToHandoffStats, addToHandoffTotals, isRepeatCondition, measureContactsByDay, REPEAT_LOCK,
  VOLUME_LOCK,
} from './contact-stats.sql';

export interface ReaggregateResult {
  events: number;
  volumes: number;
  /** contacts whose is_repeat changed under the configured window */
  repeatsChanged: number;
  contactStatsRows: number;
  handoffStatsRows: number;
}

/** Every contact with a case and a service, its repeat flag recomputed ($1 window in hours); only changed rows are written. */
export const RECOMPUTE_REPEATS_SQL = `
  WITH target AS (
    SELECT e.source, e.source_id, ${isRepeatCondition('e', '$1')} AS repeat
    FROM contact_event e WHERE e.case_ref IS NOT NULL AND e.service IS NOT NULL
  ),
  changed AS (
    UPDATE contact_event e SET is_repeat = t.repeat FROM target t
    WHERE e.source = t.source AND e.source_id = t.source_id AND e.is_repeat <> t.repeat
    RETURNING 1
  )
  SELECT count(*)::int AS changed FROM changed`;

/** Every stored event into contact_stats; $1 service-level threshold in seconds. */
export const AGGREGATE_EVENTS_SQL = `
  WITH measured AS (${measureContactsByDay('contact_event', '$1')})
  ${addToContactStats('measured', CONTACT_MEASURES)}`;

/** Every stored volume into contact_stats. */
export const AGGREGATE_VOLUMES_SQL = `
  WITH measured AS (
    SELECT day AS local_date, channel, handling, source, centre, service, sum(count) AS contacts FROM contact_volume
    GROUP BY day, channel, handling, source, centre, service HAVING sum(count) <> 0
  )
  ${addToContactStats('measured', ['contacts'])}`;

/** Blocks new events while they are read. */
export const BLOCK_CONTACT_WRITES_SQL = 'LOCK TABLE contact_event, contact_volume IN SHARE MODE';
export const TAKE_WRITER_LOCKS_SQL = 'SELECT pg_advisory_xact_lock($1), pg_advisory_xact_lock($2)';
/** One big grouping pass over every event: let it sort and hash in memory rather than on disk. */
export const REAGGREGATE_WORK_MEM_SQL = `SET LOCAL work_mem = '128MB'`;
export const EMPTY_AGGREGATES_SQL = ['DELETE FROM contact_stats', 'DELETE FROM handoff_stats', 'DELETE FROM handoff_totals', 'DELETE FROM contact_half_hour'];
export const AGGREGATE_HANDOFF_STATS_SQL = addToHandoffStats('contact_event');
export const AGGREGATE_HANDOFF_TOTALS_SQL = addToHandoffTotals('contact_event');
export const AGGREGATE_HALF_HOURS_SQL = addToHalfHours('contact_event');
/** Fresh planner statistics for the rebuilt aggregates (npm run reaggregate runs it after the commit). */
export const ANALYZE_AGGREGATES_SQL = 'ANALYZE contact_stats, handoff_stats, handoff_totals, contact_half_hour';
export const COUNT_REAGGREGATED_SQL = `
  SELECT (SELECT count(*) FROM contact_event)::int AS events,
         (SELECT count(*) FROM contact_volume)::int AS volumes,
         (SELECT count(*) FROM contact_stats)::int AS "contactStatsRows",
         (SELECT count(*) FROM handoff_stats)::int AS "handoffStatsRows"`;

/**
 * Rebuilds contact_stats, handoff_stats, handoff_totals and contact_half_hour from contact_event and contact_volume in one
 * transaction, after recomputing repeat flags, with the metric parameters in force (needed when
 * config/metrics.json changes). Uses the pipeline's own measure list and upserts, so a rebuild
 * gives exactly what incremental ingestion gives. Writers wait meanwhile; readers see the old
 * aggregates until it commits.
 */
export function reaggregate(ds: DataSource, metrics: MetricConfig): Promise<ReaggregateResult> {
  return inTransaction(ds, async (m) => {
    // No new events while the events are read; then the writers' own locks. In this order a writer
    // that has inserted (and waits for the repeat lock) finishes before the rebuild starts.
    await m.query(BLOCK_CONTACT_WRITES_SQL);
    await m.query(TAKE_WRITER_LOCKS_SQL, [REPEAT_LOCK, VOLUME_LOCK]);
    await m.query(REAGGREGATE_WORK_MEM_SQL);
    const [{ changed }] = await rows<{ changed: number }>(m, RECOMPUTE_REPEATS_SQL, [metrics.repeatContactWindowDays * 24]);
    for (const sql of EMPTY_AGGREGATES_SQL) await m.query(sql);
    await m.query(AGGREGATE_EVENTS_SQL, [metrics.serviceLevelSeconds]);
    await m.query(AGGREGATE_VOLUMES_SQL);
    await m.query(AGGREGATE_HANDOFF_STATS_SQL);
    await m.query(AGGREGATE_HANDOFF_TOTALS_SQL);
    await m.query(AGGREGATE_HALF_HOURS_SQL);
    const [counts] = await rows<Record<keyof ReaggregateResult, number>>(m, COUNT_REAGGREGATED_SQL);
    return { ...counts, repeatsChanged: changed };
  });
}
