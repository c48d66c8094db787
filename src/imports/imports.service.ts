import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { checkSourceBinding } from '../auth/source-binding';
import { ApiError } from '../common/http/api-error';
import { Env } from '../config/env';
import { ReferenceConfig } from '../config/reference-config';
import { BatchStatusRepository } from '../ingestion/batch-status.repository';
import { IngestionService } from '../ingestion/ingestion.service';
import { DeadLetterStore } from '../pipeline/dead-letter.store';
import { ImportFormat, ImportKind, KINDS } from './import-kinds';
import { loadMapping, MappingError, NO_MAPPING } from './import-mapping';
import { BatchOutcome, ImportSink, newTally, runImport, SendResult } from './import-pipeline';
import { ImportReject, ImportRow, ImportsRepository } from './imports.repository';
import { ImportFileError, readRows } from './row-reader';

export const MAX_LISTED_REJECTS = 1000;
/** An upload that has made no progress for this long has lost its connection or its process. */
const STALE_SECONDS = 600;

export interface ImportRequest { kind: ImportKind; format: ImportFormat; map?: string; source?: string }

/** `POST /v1/imports`: the same row pipeline as `npm run import`, sending batches to the ingestion service in-process. */
@Injectable()
export class ImportsService {
  constructor(
    private readonly env: Env,
    private readonly config: ReferenceConfig,
    private readonly ingestion: IngestionService,
    private readonly repo: ImportsRepository,
    private readonly batches: BatchStatusRepository,
    private readonly deadLetters: DeadLetterStore,
  ) {}

  async upload(q: ImportRequest, file: Readable, req: AuthenticatedRequest): Promise<string> {
    const kind = KINDS[q.kind];
    const mapping = this.mappingOf(q);
    const importId = randomUUID();
    await this.repo.create(importId, q.kind, q.format);
    const rejects: ImportReject[] = [];
    const tally = newTally();
    let newBatchIds: string[] = [];
    const save = async (uploaded = false) => {
      const ids = newBatchIds;
      newBatchIds = [];
      await this.repo.progress(importId, tally, rejects, ids, uploaded);
    };
    try {
      const sink = new IngestionSink(this.ingestion, this.batches, this.deadLetters, q.kind, req, () => this.repo.touch(importId));
      await runImport(readRows(file, q.format).rows, { kind, format: q.format, mapping, config: this.config, source: q.source }, sink, {
        rejected: (row, problem) => void (rejects.length < MAX_LISTED_REJECTS && rejects.push({ row, problem })),
        batchQueued: async (batchId) => {
          newBatchIds.push(batchId);
          await save();
        },
      }, tally);
      await save(true);
      return importId;
    } catch (e) {
      await save();
      const error = e instanceof ImportFileError ? new ApiError(HttpStatus.BAD_REQUEST, `the file cannot be read: ${e.message}`) : e;
      const reason = error instanceof ApiError ? error.message : req.socket.destroyed ? 'the upload was cut off before the end of the file' : 'the import stopped on an internal error';
      await this.repo.settle(importId, 'failed', null, null, reason);
      throw error;
    }
  }

  /** The import's state; a running one is settled here once every batch it queued is written (or dead-lettered). */
  async status(importId: string) {
    const row = await this.repo.find(importId);
    if (!row) throw ApiError.notFound('no such import');
    if (row.state === 'running') await this.settleIfDone(row);
    return {
      importId,
      kind: row.kind,
      format: row.format,
      state: row.state,
      read: row.read,
      accepted: row.accepted,
      rejected: row.rejected,
      skipped: row.skipped,
      rejects: row.rejects,
      counted: row.state === 'completed' ? row.counted : null,
      duplicates: row.state === 'completed' ? row.duplicates : null,
      ...(row.error ? { error: row.error } : {}),
    };
  }

  private async settleIfDone(row: ImportRow): Promise<void> {
    let error: string | null = null;
    if (row.uploaded && row.written + row.deadLettered >= row.batches) {
      if (row.deadLettered) error = `${row.deadLettered} batches could not be written and are kept as dead letters`;
    } else if (!row.uploaded && row.idleSeconds > STALE_SECONDS) {
      error = 'the upload stopped before the end of the file (its connection or the service ended)';
    } else return;
    row.state = error ? 'failed' : 'completed';
    row.counted = row.inserted;
    row.duplicates = row.duplicatesSoFar;
    row.error = error;
    await this.repo.settle(row.importId, row.state, row.counted, row.duplicates, error);
  }

  /** `map=` names a mapping file in config/imports/ (without .json). */
  private mappingOf(q: ImportRequest) {
    if (!q.map) return NO_MAPPING;
    try {
      return loadMapping(join(this.env.CONFIG_DIR, 'imports', `${q.map}.json`), KINDS[q.kind], q.format);
    } catch (e) {
      if (e instanceof MappingError) throw ApiError.validation([{ path: 'map', problem: e.message.replace(this.env.CONFIG_DIR, 'config') }]);
      throw e;
    }
  }
}

/**
 * Good rows go to the ingestion service as a POST would: a source-bound key's rows of other
 * sources are rejected row by row, and a full queue (503) is waited out while the upload pauses.
 */
class IngestionSink implements ImportSink {
  constructor(
    private readonly ingestion: IngestionService,
    private readonly batches: BatchStatusRepository,
    private readonly deadLetters: DeadLetterStore,
    private readonly kind: ImportKind,
    private readonly req: AuthenticatedRequest,
    private readonly touch: () => Promise<void>,
  ) {}

  async send(items: object[]): Promise<SendResult> {
    const bodyKey = KINDS[this.kind].bodyKey;
    const refused = this.sourceRefusals(items, bodyKey);
    if (refused.length) return { invalid: refused };
    for (;;) {
      try {
        const body = { [bodyKey]: items };
        const accepted = await (this.kind === 'contacts'
          ? this.ingestion.acceptContacts(body)
          : this.kind === 'conversations' ? this.ingestion.acceptConversations(body) : this.ingestion.acceptVolumes(body));
        return { batchId: accepted.batchId };
      } catch (e) {
        if (e instanceof ApiError && e.getStatus() === 400 && e.details) return { invalid: e.details };
        if (!(e instanceof ApiError && e.getStatus() === 503) || this.req.socket.destroyed) throw e;
        await this.touch();
        await new Promise((r) => setTimeout(r, Number(e.headers['Retry-After'] ?? 1) * 1000));
      }
    }
  }

  async outcome(batchId: string): Promise<BatchOutcome | undefined> {
    const done = await this.batches.completed(batchId);
    if (done) return { inserted: done.inserted, duplicates: done.duplicates };
    return (await this.deadLetters.reasonOf(batchId)) ? { inserted: 0, duplicates: 0, failed: true } : undefined;
  }

  private sourceRefusals(items: object[], bodyKey: string) {
    if (!this.req.apiClient?.sources) return [];
    return items.flatMap((item, i) => {
      try {
        checkSourceBinding(this.req, { [bodyKey]: [item] }, bodyKey);
        return [];
      } catch (e) {
        return ((e as ApiError).details ?? []).map((d) => ({ ...d, path: d.path.replace('[0]', `[${i}]`) }));
      }
    });
  }
}
