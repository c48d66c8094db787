import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-offs by sending and receiving centre only, measured necessary by bench:stats: the
 * centres statistics read hand-offs from handoff_stats, whose key also holds channel, handling,
 * source and service (≈ 24,500 keys), so a financial year was ≈ 98k rows even without filters.
 * Unfiltered and centre-filtered reads use this table (30 keys); filled from handoff_stats.
 */
export class HandoffTotals1764400000000 implements MigrationInterface {
  name = 'HandoffTotals1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE handoff_totals (
        grain         "char" NOT NULL CHECK (grain IN ('d', 'f', 'h', 'm', 'q')),
        bucket        date   NOT NULL,
        centre        text,
        handed_off_to text   NOT NULL,
        count         bigint NOT NULL DEFAULT 0,
        CONSTRAINT handoff_totals_key UNIQUE NULLS NOT DISTINCT (grain, bucket, centre, handed_off_to)
      )`);
    await q.query(`
      INSERT INTO handoff_totals (grain, bucket, centre, handed_off_to, count)
      SELECT grain, bucket, centre, handed_off_to, sum(count) FROM handoff_stats GROUP BY 1, 2, 3, 4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE handoff_totals');
  }
}
