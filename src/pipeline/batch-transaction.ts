import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction, rows, sqlState } from '../database/sql';
import type { BatchResult } from '../queue/queue-registry';

/** Rows of ingestion_batch_count (see its migration). */
const BATCH_COUNT_SLOTS = 16;

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
    const claimed = await rows(
      m,
      `INSERT INTO ingestion_batch (batch_id, kind, accepted) VALUES ($1, $2, $3)
       ON CONFLICT (batch_id) DO NOTHING RETURNING batch_id`,
      [batchId, kind, accepted],
    );
    if (!claimed.length) {
      const [done] = await rows<BatchResult>(m, 'SELECT inserted, duplicates FROM ingestion_batch WHERE batch_id = $1', [batchId]);
      return done;
    }
    const result = await work(m);
    // Last, so the slot's row lock is held only while committing. One round trip, as before.
    await m.query(
      `WITH done AS (UPDATE ingestion_batch SET inserted = $2, duplicates = $3, completed_at = now() WHERE batch_id = $1)
       UPDATE ingestion_batch_count SET completed = completed + 1 WHERE slot = $4`,
      [batchId, result.inserted, result.duplicates, Math.floor(Math.random() * BATCH_COUNT_SLOTS)],
    );
    return result;
  });
}

const UNIQUE_VIOLATION = '23505';

/**
 * A batch's events into their table: by `all`, a plain insert, when no key of the batch is stored
 * yet (the common case, about half the cost of ON CONFLICT), answering null; else by `onlyNew`
 * (ON CONFLICT DO NOTHING), answering its rows. A stored or concurrently inserted key makes the
 * plain insert fail on the primary key; the savepoint undoes it and ON CONFLICT decides row by row.
 */
export async function insertAllOrOnlyNew<T>(m: EntityManager, all: string, onlyNew: string, params: unknown[] = []): Promise<T[] | null> {
  await m.query('SAVEPOINT insert_all');
  try {
    await m.query(all, params);
    await m.query('RELEASE SAVEPOINT insert_all');
    return null;
  } catch (e) {
    if (sqlState(e) !== UNIQUE_VIOLATION) throw e;
    await m.query('ROLLBACK TO SAVEPOINT insert_all');
    return rows<T>(m, onlyNew, params);
  }
}
