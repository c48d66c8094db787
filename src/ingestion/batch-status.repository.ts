import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rows } from '../database/sql';

export interface CompletedBatch { accepted: number; inserted: number; duplicates: number }

/** A completed batch's figures ($1 batch_id). */
export const COMPLETED_BATCH_SQL =
  'SELECT accepted, inserted, duplicates FROM ingestion_batch WHERE batch_id = $1 AND completed_at IS NOT NULL';
export const COMPLETED_BATCH_COUNT_SQL = 'SELECT coalesce(sum(completed), 0)::bigint AS n FROM ingestion_batch_count';

@Injectable()
export class BatchStatusRepository {
  constructor(private readonly ds: DataSource) {}

  async completed(batchId: string): Promise<CompletedBatch | undefined> {
    const [row] = await rows<CompletedBatch>(
      this.ds,
      COMPLETED_BATCH_SQL,
      [batchId],
    );
    return row;
  }

  /** From the counter each batch transaction keeps: 16 rows, however many batches are stored. */
  async completedCount(): Promise<number> {
    const [{ n }] = await rows<{ n: string }>(this.ds, COMPLETED_BATCH_COUNT_SQL);
    return Number(n);
  }
}
