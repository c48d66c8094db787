import type { DataSource } from 'typeorm';
import type { MetricConfig } from '../config/reference-config';
import { inTransaction, rows } from '../database/sql';
import {
  isRepeatSql, MEASURE_NAMES, measureContacts, REPEAT_LOCK, upsertContactStats, upsertHandoffStats,
  upsertHandoffTotals, VOLUME_LOCK,
} from './contact-stats.sql';

export interface ReaggregateResult {
  events: number;
  volumes: number;
  /** contacts whose is_repeat changed under the configured window */
  repeatsChanged: number;
  contactStatsRows: number;
  handoffStatsRows: number;
}

/** Every contact with a case and a service, its repeat flag recomputed; only changed rows are written. */
const REPEAT_SQL = `
  WITH target AS (
    SELECT e.source, e.source_id, ${isRepeatSql('e', '$1')} AS repeat
    FROM contact_event e WHERE e.case_ref IS NOT NULL AND e.service IS NOT NULL
  ),
  changed AS (
    UPDATE contact_event e SET is_repeat = t.repeat FROM target t
    WHERE e.source = t.source AND e.source_id = t.source_id AND e.is_repeat <> t.repeat
    RETURNING 1
  )
  SELECT count(*)::int AS changed FROM changed`;

const EVENTS_SQL = `
  WITH measured AS (${measureContacts('contact_event', '$1')})
  ${upsertContactStats('measured', MEASURE_NAMES)}`;

const VOLUMES_SQL = `
  WITH measured AS (
    SELECT day AS local_date, channel, handling, source, centre, service, sum(count) AS contacts FROM contact_volume
    GROUP BY day, channel, handling, source, centre, service HAVING sum(count) <> 0
  )
  ${upsertContactStats('measured', ['contacts'])}`;

/**
 * Rebuilds contact_stats, handoff_stats and handoff_totals from contact_event and contact_volume in one
 * transaction, after recomputing repeat flags, with the metric parameters in force (needed when
 * config/metrics.json changes). Uses the pipeline's own measure list and upserts, so a rebuild
 * gives exactly what incremental ingestion gives. Writers wait meanwhile; readers see the old
 * aggregates until it commits.
 */
export function reaggregate(ds: DataSource, metrics: MetricConfig): Promise<ReaggregateResult> {
  return inTransaction(ds, async (m) => {
    // No new events while the events are read; then the writers' own locks. In this order a writer
    // that has inserted (and waits for the repeat lock) finishes before the rebuild starts.
    await m.query('LOCK TABLE contact_event, contact_volume IN SHARE MODE');
    await m.query('SELECT pg_advisory_xact_lock($1), pg_advisory_xact_lock($2)', [REPEAT_LOCK, VOLUME_LOCK]);
    // One big grouping pass over every event: let it sort and hash in memory rather than on disk.
    await m.query(`SET LOCAL work_mem = '128MB'`);
    const [{ changed }] = await rows<{ changed: number }>(m, REPEAT_SQL, [metrics.repeatContactWindowDays * 24]);
    await m.query('DELETE FROM contact_stats');
    await m.query('DELETE FROM handoff_stats');
    await m.query('DELETE FROM handoff_totals');
    await m.query(EVENTS_SQL, [metrics.serviceLevelSeconds]);
    await m.query(VOLUMES_SQL);
    await m.query(upsertHandoffStats('contact_event'));
    await m.query(upsertHandoffTotals('contact_event'));
    const [counts] = await rows<Record<keyof ReaggregateResult, number>>(
      m,
      `SELECT (SELECT count(*) FROM contact_event)::int AS events,
              (SELECT count(*) FROM contact_volume)::int AS volumes,
              (SELECT count(*) FROM contact_stats)::int AS "contactStatsRows",
              (SELECT count(*) FROM handoff_stats)::int AS "handoffStatsRows"`,
    );
    return { ...counts, repeatsChanged: changed };
  });
}
