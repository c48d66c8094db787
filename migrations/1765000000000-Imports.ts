import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files uploaded to POST /v1/imports: their progress, first 1,000 rejects and the batches they
 * queued, in Postgres so that any API process answers GET /v1/imports/:id, also after a restart.
 */
export class Imports1765000000000 implements MigrationInterface {
  name = 'Imports1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_run (
        import_id   uuid PRIMARY KEY,
        kind        text        NOT NULL,
        format      text        NOT NULL,
        state       text        NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'completed', 'failed')),
        uploaded    boolean     NOT NULL DEFAULT false,
        read_rows   integer     NOT NULL DEFAULT 0,
        accepted    integer     NOT NULL DEFAULT 0,
        rejected    integer     NOT NULL DEFAULT 0,
        skipped     integer     NOT NULL DEFAULT 0,
        rejects     jsonb       NOT NULL DEFAULT '[]',
        batch_ids   uuid[]      NOT NULL DEFAULT '{}',
        counted     integer,
        duplicates  integer,
        error       text,
        started_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE import_run');
  }
}
