import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the Customer Experience report needs from other systems: values and commentary of the
 * scorecard's reported indicators (one row per indicator and period, replaced by a second PUT),
 * and the website's yearly users, sessions and page views.
 */
export class ReportInputs1764800000000 implements MigrationInterface {
  name = 'ReportInputs1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE indicator_value (
        indicator         text NOT NULL,
        period            text NOT NULL,
        period_from       date NOT NULL,
        period_to         date NOT NULL,
        value             double precision,
        performance       text,
        current_activity  text,
        future_activity   text,
        updated_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (indicator, period)
      )`);
    await q.query(`
      CREATE TABLE web_analytics (
        year        integer PRIMARY KEY,
        users       bigint NOT NULL CHECK (users >= 0),
        sessions    bigint NOT NULL CHECK (sessions >= 0),
        page_views  bigint NOT NULL CHECK (page_views >= 0),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE web_analytics');
    await q.query('DROP TABLE indicator_value');
  }
}
