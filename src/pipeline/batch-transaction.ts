import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction, rows, sqlState } from '../database/sql';
import type { BatchResult } from '../queue/queue-registry';

/** Claims a batch ($1 batch_id uuid, $2 kind text, $3 accepted integer); no row when it was claimed before. */
export const CLAIM_BATCH_SQL = `
  INSERT INTO ingestion_batch (batch_id, kind, accepted) VALUES ($1, $2, $3)
  ON CONFLICT (batch_id) DO NOTHING RETURNING batch_id`;
/** The figures of a batch done before ($1 batch_id). */
export const DONE_BATCH_SQL = 'SELECT inserted, duplicates FROM ingestion_batch WHERE batch_id = $1';
/** Rows of ingestion_batch_count (see its migration). */
const BATCH_COUNT_SLOTS = 16;
/**
 * Records a batch's figures and counts it complete ($1 batch_id, $2 inserted, $3 duplicates, $4 a
 * random slot of ingestion_batch_count, so concurrent batches rarely wait on one row).
 */
export const COMPLETE_BATCH_SQL = `
  WITH done AS (UPDATE ingestion_batch SET inserted = $2, duplicates = $3, completed_at = now() WHERE batch_id = $1)
  UPDATE ingestion_batch_count SET completed = completed + 1 WHERE slot = $4`;

/**
 * Exactly-once per batch: the batch row is claimed in the same transaction as the writes, so a
 * job that runs again (stalled worker, retry after a crash past commit) finds it done and
 * reports the first run's figures instead of counting "duplicates" of its own rows. The count of
 * completed batches is kept in the same transaction, so it too moves exactly once per batch.
 */
export function runBatch(
  ds: DataSource,
  batchId: string,
  kind: string,
  accepted: number,
  work: (m: EntityManager) => Promise<BatchResult>,
): Promise<BatchResult> {
  return inTransaction(ds, async (m) => {
    const claimed = await rows(m, CLAIM_BATCH_SQL, [batchId, kind, accepted]);
    if (!claimed.length) {
      const [done] = await rows<BatchResult>(m, DONE_BATCH_SQL, [batchId]);
      return done;
    }
    const result = await work(m);
    // Last, so the slot's row lock is held only while committing. One round trip, as before.
    await m.query(COMPLETE_BATCH_SQL, [batchId, result.inserted, result.duplicates, Math.floor(Math.random() * BATCH_COUNT_SLOTS)]);
    return result;
  });
}

const UNIQUE_VIOLATION = '23505';

export const INSERT_ALL_SAVEPOINT_SQL = {
  set: 'SAVEPOINT insert_all',
  release: 'RELEASE SAVEPOINT insert_all',
  rollBack: 'ROLLBACK TO SAVEPOINT insert_all',
};

/**
 * A batch's events into their table: by `all`, a plain insert, when no key of the batch is stored
 * yet (the common case, about half the cost of ON CONFLICT), answering null; else by `onlyNew`
 * (ON CONFLICT DO NOTHING), answering its rows. A stored or concurrently inserted key makes the
 * plain insert fail on the primary key; the savepoint undoes it and ON CONFLICT decides row by row.
 */
export async function insertAllOrOnlyNew<T>(m: EntityManager, all: string, onlyNew: string, params: unknown[] = []): Promise<T[] | null> {
  await m.query(INSERT_ALL_SAVEPOINT_SQL.set);
  try {
    await m.query(all, params);
    await m.query(INSERT_ALL_SAVEPOINT_SQL.release);
    return null;
  } catch (e) {
    if (sqlState(e) !== UNIQUE_VIOLATION) throw e;
    await m.query(INSERT_ALL_SAVEPOINT_SQL.rollBack);
    return rows<T>(m, onlyNew, params);
  }
}
