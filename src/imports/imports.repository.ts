import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rows } from '../database/sql';
import type { ImportTally } from './import-pipeline';

export interface ImportReject { row: number; problem: string }

export interface ImportRow {
  importId: string;
  kind: string;
  format: string;
  state: 'running' | 'completed' | 'failed';
  uploaded: boolean;
  read: number;
  accepted: number;
  rejected: number;
  skipped: number;
  rejects: ImportReject[];
  counted: number | null;
  duplicates: number | null;
  error: string | null;
  /** of its queued batches: how many are written, how many dead-lettered, and what they counted */
  batches: number;
  written: number;
  deadLettered: number;
  inserted: number;
  duplicatesSoFar: number;
  /** seconds since the upload last made progress */
  idleSeconds: number;
}

export const CREATE_IMPORT_SQL = 'INSERT INTO import_run (import_id, kind, format) VALUES ($1, $2, $3)';

/** Progress of an upload: figures and rejects replaced, new batches appended. */
export const IMPORT_PROGRESS_SQL = `
  UPDATE import_run SET read_rows = $2, accepted = $3, rejected = $4, skipped = $5, rejects = $6::jsonb,
    batch_ids = batch_ids || $7::uuid[], uploaded = $8, updated_at = now()
  WHERE import_id = $1 AND state = 'running'`;

export const TOUCH_IMPORT_SQL = `UPDATE import_run SET updated_at = now() WHERE import_id = $1 AND state = 'running'`;

/** Ends a running import once; a second reader settling it at the same moment changes nothing. */
export const SETTLE_IMPORT_SQL = `
  UPDATE import_run SET state = $2, counted = $3, duplicates = $4, error = $5, updated_at = now()
  WHERE import_id = $1 AND state = 'running'`;

/** An import with what its batches have come to so far (written, dead-lettered). */
export const FIND_IMPORT_SQL = `
  SELECT i.import_id AS "importId", i.kind, i.format, i.state, i.uploaded, i.read_rows AS read, i.accepted, i.rejected, i.skipped,
         i.rejects, i.counted, i.duplicates, i.error, cardinality(i.batch_ids) AS batches,
         b.written::int AS written, b.inserted::int AS inserted, b.duplicates::int AS "duplicatesSoFar", d.dead::int AS "deadLettered",
         extract(epoch FROM now() - i.updated_at)::float8 AS "idleSeconds"
  FROM import_run i
  CROSS JOIN LATERAL (
    SELECT count(*) AS written, coalesce(sum(inserted), 0) AS inserted, coalesce(sum(duplicates), 0) AS duplicates
    FROM ingestion_batch WHERE batch_id = ANY (i.batch_ids) AND completed_at IS NOT NULL) b
  CROSS JOIN LATERAL (SELECT count(*) AS dead FROM ingestion_dead_letter WHERE batch_id = ANY (i.batch_ids)) d
  WHERE i.import_id = $1`;

@Injectable()
export class ImportsRepository {
  constructor(private readonly ds: DataSource) {}

  async create(importId: string, kind: string, format: string): Promise<void> {
    await this.ds.query(CREATE_IMPORT_SQL, [importId, kind, format]);
  }

  async progress(importId: string, t: ImportTally, rejects: ImportReject[], newBatchIds: string[], uploaded = false): Promise<void> {
    await this.ds.query(IMPORT_PROGRESS_SQL, [importId, t.read, t.accepted, t.rejected, t.skipped, JSON.stringify(rejects), newBatchIds, uploaded]);
  }

  async touch(importId: string): Promise<void> {
    await this.ds.query(TOUCH_IMPORT_SQL, [importId]);
  }

  async settle(importId: string, state: 'completed' | 'failed', counted: number | null, duplicates: number | null, error: string | null): Promise<void> {
    await this.ds.query(SETTLE_IMPORT_SQL, [importId, state, counted, duplicates, error]);
  }

  async find(importId: string): Promise<ImportRow | undefined> {
    const [row] = await rows<ImportRow>(this.ds, FIND_IMPORT_SQL, [importId]);
    return row;
  }
}
