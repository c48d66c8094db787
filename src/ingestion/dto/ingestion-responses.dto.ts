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
  error?: string;
}

export class IngestionStatusDto {
  waiting: number;
  active: number;
  failed: number;
  completed: number;
  /** 0 when nothing waits. */
  oldestWaitingAgeSeconds: number;
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
