import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 3 Conversations tiers (domain.md "3 Conversations tiers"): conversation events, one journey
 * summary per case, and small aggregates keyed by the local date of each case's first event,
 * so a year of tiers or flows reads a few thousand rows whatever the number of cases.
 * Baselines freeze tier figures and the channel mix of a period as JSON.
 */
export class ConversationTiers1764100000000 implements MigrationInterface {
  name = 'ConversationTiers1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE conversation_event (
        source       text        NOT NULL,
        source_id    text        COLLATE "C" NOT NULL,  -- journey order on ties: byte = code-point order
        case_ref     bytea       NOT NULL,  -- HMAC-SHA-256 pseudonym, never the raw reference
        occurred_at  timestamptz NOT NULL,  -- millisecond precision, as JavaScript Dates
        local_date   date        NOT NULL,  -- Europe/London
        conversation smallint    NOT NULL CHECK (conversation BETWEEN 0 AND 3),
        completed_by text        NOT NULL,
        outcome      text,
        safeguarding boolean     NOT NULL,
        tier         smallint    NOT NULL CHECK (tier BETWEEN 0 AND 5),
        batch_id     uuid        NOT NULL,
        received_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source, source_id)
      )`);
    await q.query(`CREATE INDEX conversation_event_journey_idx
      ON conversation_event (case_ref, occurred_at, source_id) INCLUDE (tier, local_date)`);

    // Derived from conversation_event: each case's journey as it stands.
    await q.query(`
      CREATE TABLE case_journey (
        case_ref    bytea       PRIMARY KEY,
        first_at    timestamptz NOT NULL,
        first_date  date        NOT NULL,  -- the case's period: local date of its first event
        entry_tier  smallint    NOT NULL,
        final_tier  smallint    NOT NULL,
        peak_tier   smallint    NOT NULL,
        events      integer     NOT NULL,
        transitions integer     NOT NULL,  -- changes of tier between consecutive events
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);

    // Cases by first date and (entry, final, peak): at most 91 keys a day.
    await q.query(`
      CREATE TABLE tier_daily (
        first_date date     NOT NULL,
        entry_tier smallint NOT NULL,
        final_tier smallint NOT NULL,
        peak_tier  smallint NOT NULL,
        cases      integer  NOT NULL CHECK (cases >= 0),
        PRIMARY KEY (first_date, entry_tier, final_tier, peak_tier)
      )`);

    // Changes of tier between consecutive events, by the case's first date.
    await q.query(`
      CREATE TABLE transition_daily (
        first_date date     NOT NULL,
        from_tier  smallint NOT NULL,
        to_tier    smallint NOT NULL,
        count      integer  NOT NULL CHECK (count >= 0),
        PRIMARY KEY (first_date, from_tier, to_tier)
      )`);

    await q.query(`
      CREATE TABLE baseline (
        name        text        PRIMARY KEY,
        description text,
        period_from date        NOT NULL,
        period_to   date        NOT NULL,
        snapshot    jsonb       NOT NULL,  -- frozen tier counts and channel mix; never recomputed
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE baseline`);
    await q.query(`DROP TABLE transition_daily`);
    await q.query(`DROP TABLE tier_daily`);
    await q.query(`DROP TABLE case_journey`);
    await q.query(`DROP TABLE conversation_event`);
  }
}
