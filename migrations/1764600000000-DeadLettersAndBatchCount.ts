import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ingestion_dead_letter keeps a batch that cannot be written (a row Postgres refuses) instead of
 * letting the queue drop it: the job's data exactly as queued (already pseudonymised), until an
 * admin retries or discards it. The payload is text holding the job's JSON, not json(b): jsonb
 * refuses \u0000 and json refuses lone surrogates, the very content that can sink a batch.
 *
 * ingestion_batch_count holds the number of completed batches, so the status endpoint need not
 * count the ever-growing ingestion_batch. Each batch adds 1 to one of 16 slots in its own
 * transaction; the slots keep concurrent batches from queueing on one row lock.
 */
export class DeadLettersAndBatchCount1764600000000 implements MigrationInterface {
  name = 'DeadLettersAndBatchCount1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ingestion_dead_letter (
        batch_id        uuid        PRIMARY KEY,
        kind            text        NOT NULL,
        items           integer     NOT NULL CHECK (items >= 0),
        payload         text        NOT NULL,
        reason          text        NOT NULL,
        attempts        integer     NOT NULL CHECK (attempts >= 0),
        first_failed_at timestamptz NOT NULL,
        last_failed_at  timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ingestion_dead_letter_newest ON ingestion_dead_letter (first_failed_at DESC, batch_id)`);

    await q.query(`
      CREATE TABLE ingestion_batch_count (
        slot      smallint PRIMARY KEY CHECK (slot BETWEEN 0 AND 15),
        completed bigint   NOT NULL CHECK (completed >= 0)
      )`);
    await q.query(`
      INSERT INTO ingestion_batch_count (slot, completed)
      SELECT s, CASE WHEN s = 0 THEN (SELECT count(*) FROM ingestion_batch WHERE completed_at IS NOT NULL) ELSE 0 END
      FROM generate_series(0, 15) AS s`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ingestion_batch_count`);
    await q.query(`DROP TABLE ingestion_dead_letter`);
  }
}
