import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Raw contact events (kept for drill-down, repeat analysis and re-aggregation) and the
 * aggregates the statistics read. Aggregates hold counts and sums only, never averages,
 * at two grains: 'd' (local day) and 'm' (local month), so a year costs ~12 rows per key.
 */
export class ContactsFoundation1764000000000 implements MigrationInterface {
  name = 'ContactsFoundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contact_event (
        source           text        NOT NULL,
        source_id        text        NOT NULL,
        occurred_at      timestamptz NOT NULL,
        local_date       date        NOT NULL,
        channel          text        NOT NULL,
        handling         text        NOT NULL CHECK (handling IN ('self_service', 'assisted')),
        centre           text,
        service          text,
        category         text,
        outcome          text,
        handed_off_to    text,
        wait_seconds     integer CHECK (wait_seconds >= 0),
        duration_seconds integer CHECK (duration_seconds >= 0),
        satisfaction     smallint CHECK (satisfaction BETWEEN 1 AND 5),
        case_ref         text,  -- HMAC-SHA-256 pseudonym, never the raw reference
        out_of_hours     boolean     NOT NULL,
        is_repeat        boolean     NOT NULL DEFAULT false,
        received_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source, source_id)
      )`);
    await q.query(`CREATE INDEX contact_event_repeat_idx ON contact_event (case_ref, service, occurred_at)
      WHERE case_ref IS NOT NULL AND service IS NOT NULL`);
    await q.query(`CREATE INDEX contact_event_local_date_brin ON contact_event USING brin (local_date)`);

    await q.query(`
      CREATE TABLE contact_stats (
        grain      "char" NOT NULL CHECK (grain IN ('d', 'm')),
        bucket     date   NOT NULL,  -- the local day, or the first day of the local month
        channel    text   NOT NULL,
        handling   text   NOT NULL,
        source     text   NOT NULL,
        centre     text,
        service    text,
        contacts               bigint NOT NULL DEFAULT 0,  -- events and volumes
        timed                  bigint NOT NULL DEFAULT 0,  -- events (they carry a time of day)
        out_of_hours           bigint NOT NULL DEFAULT 0,
        with_outcome           bigint NOT NULL DEFAULT 0,
        resolved               bigint NOT NULL DEFAULT 0,
        abandoned              bigint NOT NULL DEFAULT 0,
        escalated              bigint NOT NULL DEFAULT 0,
        handed_off             bigint NOT NULL DEFAULT 0,
        waited                 bigint NOT NULL DEFAULT 0,  -- carry waitSeconds (answered + abandoned)
        answered               bigint NOT NULL DEFAULT 0,  -- carry waitSeconds, not abandoned
        answered_wait_sum      bigint NOT NULL DEFAULT 0,
        within_service_level   bigint NOT NULL DEFAULT 0,
        handled                bigint NOT NULL DEFAULT 0,  -- carry durationSeconds, not abandoned
        handled_duration_sum   bigint NOT NULL DEFAULT 0,
        satisfaction_responses bigint NOT NULL DEFAULT 0,
        satisfaction_sum       bigint NOT NULL DEFAULT 0,
        repeat_eligible        bigint NOT NULL DEFAULT 0,  -- carry caseRef and service
        repeats                bigint NOT NULL DEFAULT 0,
        CONSTRAINT contact_stats_key UNIQUE NULLS NOT DISTINCT (grain, bucket, channel, handling, source, centre, service)
      )`);

    await q.query(`
      CREATE TABLE handoff_stats (
        grain         "char" NOT NULL CHECK (grain IN ('d', 'm')),
        bucket        date   NOT NULL,
        centre        text,
        handed_off_to text   NOT NULL,
        channel       text   NOT NULL,
        handling      text   NOT NULL,
        source        text   NOT NULL,
        service       text,
        count         bigint NOT NULL DEFAULT 0,
        CONSTRAINT handoff_stats_key UNIQUE NULLS NOT DISTINCT (grain, bucket, centre, handed_off_to, channel, handling, source, service)
      )`);

    await q.query(`
      CREATE TABLE contact_volume (
        day      date   NOT NULL,
        channel  text   NOT NULL,
        handling text   NOT NULL,
        source   text   NOT NULL,
        centre   text,
        service  text,
        count    bigint NOT NULL CHECK (count >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT contact_volume_key UNIQUE NULLS NOT DISTINCT (day, channel, handling, source, centre, service)
      )`);

    await q.query(`
      CREATE TABLE ingestion_batch (
        batch_id     uuid PRIMARY KEY,
        kind         text        NOT NULL,
        accepted     integer     NOT NULL,
        inserted     integer     NOT NULL DEFAULT 0,
        duplicates   integer     NOT NULL DEFAULT 0,
        completed_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ingestion_batch`);
    await q.query(`DROP TABLE contact_volume`);
    await q.query(`DROP TABLE handoff_stats`);
    await q.query(`DROP TABLE contact_stats`);
    await q.query(`DROP TABLE contact_event`);
  }
}
