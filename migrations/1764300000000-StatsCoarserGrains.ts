import { MigrationInterface, QueryRunner } from 'typeorm';

const MEASURES = [
  'contacts', 'timed', 'out_of_hours', 'with_outcome', 'resolved', 'abandoned', 'escalated', 'handed_off', 'waited',
  'answered', 'answered_wait_sum', 'within_service_level', 'handled', 'handled_duration_sum', 'satisfaction_responses',
  'satisfaction_sum', 'repeat_eligible', 'repeats',
];
const STATS_KEY = 'channel, handling, source, centre, service';
const HANDOFF_KEY = 'centre, handed_off_to, channel, handling, source, service';

/** Bucket (first day) of a local day at each new grain; frozen here, as written by this migration. */
const NEW_GRAINS: [string, string][] = [
  ['f', `date_trunc('month', bucket::timestamp)::date + (extract(day FROM bucket)::int - 1) / 4 * 4`],
  ['h', `date_trunc('month', bucket::timestamp)::date + (extract(day FROM bucket)::int - 1) / 16 * 16`],
  ['q', `date_trunc('quarter', bucket::timestamp)::date`],
];

/**
 * Coarser aggregate grains, measured necessary by bench:stats: a financial year read from
 * months costs 12 rows per key and a period edge up to 30 daily rows per key. Adds 'f' (four-day
 * blocks of a month), 'h' (half months: days 1–16, 17–end) and 'q' (quarters) to contact_stats
 * and handoff_stats, filled from the daily rows already there.
 */
export class StatsCoarserGrains1764300000000 implements MigrationInterface {
  name = 'StatsCoarserGrains1764300000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['contact_stats', 'handoff_stats']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_grain_check`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_grain_check CHECK (grain IN ('d', 'f', 'h', 'm', 'q'))`);
    }
    for (const [grain, bucket] of NEW_GRAINS) {
      await q.query(`
        INSERT INTO contact_stats (grain, bucket, ${STATS_KEY}, ${MEASURES.join(', ')})
        SELECT '${grain}', ${bucket}, ${STATS_KEY}, ${MEASURES.map((m) => `sum(${m})`).join(', ')}
        FROM contact_stats WHERE grain = 'd' GROUP BY 2, ${STATS_KEY}`);
      await q.query(`
        INSERT INTO handoff_stats (grain, bucket, ${HANDOFF_KEY}, count)
        SELECT '${grain}', ${bucket}, ${HANDOFF_KEY}, sum(count)
        FROM handoff_stats WHERE grain = 'd' GROUP BY 2, ${HANDOFF_KEY}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['contact_stats', 'handoff_stats']) {
      await q.query(`DELETE FROM ${table} WHERE grain IN ('f', 'h', 'q')`);
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_grain_check`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_grain_check CHECK (grain IN ('d', 'm'))`);
    }
  }
}
