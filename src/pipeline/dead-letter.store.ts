import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rows } from '../database/sql';
import type { FailedJob } from '../queue/ingestion-queue';

export interface DeadLetter {
  batchId: string;
  kind: string;
  items: number;
  reason: string;
  attempts: number;
  firstFailedAt: Date;
  lastFailedAt: Date;
}

const COLUMNS = `batch_id AS "batchId", kind, items, reason, attempts, first_failed_at AS "firstFailedAt", last_failed_at AS "lastFailedAt"`;

export const KEEP_DEAD_LETTER_SQL = `
  INSERT INTO ingestion_dead_letter (batch_id, kind, items, payload, reason, attempts, first_failed_at, last_failed_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
  ON CONFLICT (batch_id) DO UPDATE SET
    payload = EXCLUDED.payload, reason = EXCLUDED.reason,
    attempts = greatest(ingestion_dead_letter.attempts, EXCLUDED.attempts),
    last_failed_at = greatest(ingestion_dead_letter.last_failed_at, EXCLUDED.last_failed_at)
  RETURNING (xmax = 0) AS fresh`;
export const LIST_DEAD_LETTERS_SQL = `SELECT ${COLUMNS} FROM ingestion_dead_letter ORDER BY first_failed_at DESC, batch_id LIMIT $1`;
export const FIND_DEAD_LETTER_SQL = `SELECT ${COLUMNS}, payload FROM ingestion_dead_letter WHERE batch_id = $1`;
export const DEAD_LETTER_REASON_SQL = 'SELECT items, reason FROM ingestion_dead_letter WHERE batch_id = $1';
export const REMOVE_DEAD_LETTER_SQL = `
  WITH d AS (DELETE FROM ingestion_dead_letter WHERE batch_id = $1 AND ($2::timestamptz IS NULL OR last_failed_at = $2) RETURNING 1)
  SELECT 1 FROM d`;
export const COUNT_DEAD_LETTERS_SQL = 'SELECT count(*)::int AS n FROM ingestion_dead_letter';

/** Batches that cannot be written, kept in Postgres (table ingestion_dead_letter) until an admin acts. */
@Injectable()
export class DeadLetterStore {
  constructor(private readonly ds: DataSource) {}

  /**
   * Keeps a failed batch; true the first time it is kept. Keeping it again (a second worker
   * moving the same job) updates it and answers false, so it is logged once.
   */
  async keep(job: FailedJob, items: number): Promise<boolean> {
    const [{ fresh }] = await rows<{ fresh: boolean }>(
      this.ds,
      KEEP_DEAD_LETTER_SQL,
      [job.batchId, job.kind, items, job.data, job.reason, job.attempts, job.failedAt],
    );
    return fresh;
  }

  /** Newest first. */
  list(limit: number): Promise<DeadLetter[]> {
    return rows<DeadLetter>(this.ds, LIST_DEAD_LETTERS_SQL, [limit]);
  }

  async find(batchId: string): Promise<(DeadLetter & { payload: string }) | undefined> {
    const [row] = await rows<DeadLetter & { payload: string }>(this.ds, FIND_DEAD_LETTER_SQL, [batchId]);
    return row;
  }

  /** Why a batch was dead-lettered, without reading its payload. */
  async reasonOf(batchId: string): Promise<{ items: number; reason: string } | undefined> {
    const [row] = await rows<{ items: number; reason: string }>(this.ds, DEAD_LETTER_REASON_SQL, [batchId]);
    return row;
  }

  /**
   * Removes a dead letter; with `failedAt`, only the version that was read, so a batch that failed
   * again meanwhile (and was kept again) is not dropped with it.
   */
  async remove(batchId: string, failedAt?: Date): Promise<boolean> {
    const gone = await rows(this.ds, REMOVE_DEAD_LETTER_SQL, [batchId, failedAt ?? null]);
    return gone.length > 0;
  }

  /** The store is a work list that admins empty, so counting it stays cheap. */
  async count(): Promise<number> {
    const [{ n }] = await rows<{ n: number }>(this.ds, COUNT_DEAD_LETTERS_SQL);
    return n;
  }
}
