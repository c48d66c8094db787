import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which pseudonym key this database's case references were made with, as a fingerprint (an HMAC
 * of a fixed text under the key: it reveals nothing of the key). A service started with another
 * key would silently split every case history, so it refuses to start; a rotation retires the
 * current fingerprint and records the next one, deliberately (npm run pseudonym-key:rotate).
 */
export class PseudonymKey1764700000000 implements MigrationInterface {
  name = 'PseudonymKey1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pseudonym_key (
        fingerprint text PRIMARY KEY,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        retired_at  timestamptz
      )`);
    await q.query('CREATE UNIQUE INDEX pseudonym_key_in_use ON pseudonym_key ((true)) WHERE retired_at IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE pseudonym_key');
  }
}
