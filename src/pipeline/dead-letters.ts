import { Injectable, Logger } from '@nestjs/common';
import { ApiError } from '../common/http/api-error';
import { IngestionQueue } from '../queue/ingestion-queue';
import { acceptedIn, IngestionJob, IngestionPayloads } from '../queue/queue-registry';
import { failureReason } from '../queue/retry-policy';
import { DeadLetterStore } from './dead-letter.store';

/** Failed jobs read per round; each may be megabytes, so one is read at a time. */
const MOVE_ROUND = 100;

/**
 * The dead-letter store's two sides: the worker moves every batch BullMQ gave up on out of
 * Redis into Postgres (stored first, removed from Redis after, so it is in one place or both,
 * never neither); admins queue a dead letter again or discard it.
 */
@Injectable()
export class DeadLetters {
  private readonly logger = new Logger(DeadLetters.name);
  private moving?: Promise<void>;
  private again = false;

  constructor(
    private readonly queue: IngestionQueue,
    private readonly store: DeadLetterStore,
  ) {}

  /** Moves every failed job; a call during a move makes it look once more instead of running twice. */
  moveFailed(): Promise<void> {
    if (this.moving) {
      this.again = true;
      return this.moving;
    }
    this.moving = (async () => {
      try {
        do {
          this.again = false;
          await this.moveRound();
        } while (this.again);
      } catch (e) {
        this.logger.warn({ err: failureReason(e) }, 'failed batches not moved to the dead-letter store yet; will try again');
      } finally {
        this.moving = undefined;
      }
    })();
    return this.moving;
  }

  private async moveRound(): Promise<void> {
    for (;;) {
      const ids = await this.queue.failedBatchIds(MOVE_ROUND);
      let moved = 0;
      for (const id of ids) if (await this.moveOne(id)) moved++;
      if (ids.length < MOVE_ROUND || moved === 0) return;
    }
  }

  private async moveOne(batchId: string): Promise<boolean> {
    try {
      const job = await this.queue.failedJob(batchId);
      if (!job) return false;
      const reason = failureReason(job.reason);
      if (await this.store.keep({ ...job, reason }, itemsIn(job.data))) {
        this.logger.error({ batchId, reason }, 'batch dead-lettered');
      }
      await this.queue.remove(batchId);
      return true;
    } catch (e) {
      this.logger.warn({ batchId, err: failureReason(e) }, 'failed batch not moved to the dead-letter store yet; will try again');
      return false;
    }
  }

  /** Queues a dead letter again under its batch id (exactly-once holds); its item count, or undefined if there is none. */
  async retry(batchId: string): Promise<number | undefined> {
    const letter = await this.store.find(batchId);
    if (!letter) return undefined;
    await this.queue.requeue(letter.kind as IngestionJob, batchId, letter.payload);
    // Only the version that was queued: if it failed again meanwhile, that newer letter stays.
    await this.store.remove(batchId, letter.lastFailedAt);
    this.logger.log({ batchId }, 'dead-lettered batch queued again');
    return letter.items;
  }

  /** Drops a dead letter for good; false if there is none. */
  async discard(batchId: string): Promise<boolean> {
    if (!(await this.store.reasonOf(batchId))) return false;
    const state = await this.queue.jobState(batchId);
    if (state === 'failed') await this.queue.remove(batchId); // else the next move would bring it back
    else if (state !== 'unknown') throw ApiError.conflict('the batch is queued again; it is no longer a dead letter');
    const gone = await this.store.remove(batchId);
    if (gone) this.logger.warn({ batchId }, 'dead-lettered batch discarded');
    return gone;
  }
}

/** Items of a job's data; 0 for data that does not parse, which is kept all the same. */
function itemsIn(data: string): number {
  try {
    return acceptedIn(JSON.parse(data) as IngestionPayloads[IngestionJob]);
  } catch {
    return 0;
  }
}
