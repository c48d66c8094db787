/** Reply to an accepted ingestion request (202). */
export class AcceptedDto {
  batchId: string;
  /** Items accepted; each will be counted exactly once. */
  accepted: number;
}

export class BatchStatusDto {
  batchId: string;
  state: 'queued' | 'processing' | 'completed' | 'failed';
  accepted: number;
  /** Items written (new, or for volumes new or replacing). */
  inserted: number;
  /** Events whose (source, id) was already stored; always 0 for volumes. */
  duplicates: number;
  /** Why a failed (dead-lettered) batch cannot be written. */
  error?: string;
}

export class IngestionStatusDto {
  /** Batches waiting, including those waiting to be retried. */
  waiting: number;
  active: number;
  /** Batches given up on and not yet moved to the dead-letter store (moments, normally 0). */
  failed: number;
  completed: number;
  /** 0 when nothing waits. */
  oldestWaitingAgeSeconds: number;
  /** Batches in the dead-letter store (see `GET /v1/ingestion/dead-letters`). */
  deadLettered: number;
}

export class ErrorDetailDto {
  /** e.g. `events[3].channel` */
  path: string;
  problem: string;
}

/** Every error: `details` lists each validation problem of the whole request. */
export class ErrorDto {
  statusCode: number;
  error: string;
  message: string;
  details?: ErrorDetailDto[];
}

/** A batch that cannot be written, kept (already pseudonymised) until an admin retries or discards it. */
export class DeadLetterDto {
  batchId: string;
  kind: 'contacts' | 'volumes' | 'conversations';
  /** Items in the batch, as accepted. */
  items: number;
  /** Why it cannot be written (the database's message; never row content). */
  reason: string;
  /** When it was given up on and kept. */
  firstFailedAt: Date;
  /** The latest failure seen for it; equal to firstFailedAt unless it failed again while kept. */
  lastFailedAt: Date;
  /** Attempts made before it was kept. */
  attempts: number;
}

export class DeadLetterListDto {
  /** All dead letters, however many are listed. */
  total: number;
  /** Newest first, at most `limit`. */
  deadLetters: DeadLetterDto[];
}
