import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The forecast's intraday profile counts a selection's events per half-hour over recent weeks.
 * No aggregate has the half-hour grain (one would hold more rows than there are events), so the
 * events are read through this index: a channel's days in order, and everything the count needs
 * in the index itself, so the read is an index-only scan of those rows.
 */
export class ForecastIndex1765100000000 implements MigrationInterface {
  name = 'ForecastIndex1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX contact_event_channel_day_idx ON contact_event (channel, local_date) INCLUDE (centre, service, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX contact_event_channel_day_idx`);
  }
}
