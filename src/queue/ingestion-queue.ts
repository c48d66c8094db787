import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { JobsOptions, JobState, Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { Env } from '../config/env';
import { ApiError } from '../common/http/api-error';
import { acceptedIn, INGESTION_QUEUE, IngestionJob, IngestionPayloads } from './queue-registry';
import { producerConnection } from './redis';
import { FIRST_RETRY_DELAY_MS, RETRY_BACKOFF, RETRY_FOREVER } from './retry-policy';

/**
 * A batch is retried for as long as its failure is transient (see retry-policy.ts); one that fails
 * for good lands in the failed set, from which the worker moves it to the dead-letter store in
 * Postgres. A finished job is removed at once: its outcome lives in Postgres (ingestion_batch),
 * and a 10,000-event payload is megabytes that Redis (noeviction) would otherwise keep.
 */
const JOB_OPTIONS: JobsOptions = {
  attempts: RETRY_FOREVER,
  backoff: { type: RETRY_BACKOFF, delay: FIRST_RETRY_DELAY_MS },
  removeOnComplete: true,
  removeOnFail: false,
};

/** The job hash's own field for the item count, so status reads never load the payload. */
const ACCEPTED_FIELD = 'accepted';
/** Only while the job exists: a batch finished in the meantime must not leave a stray hash behind. */
const NOTE_ACCEPTED_LUA = `if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end`;

export type BatchState = 'queued' | 'processing' | 'completed' | 'failed';

/** A job in the failed set, raw: its data is the JSON string as queued. */
export interface FailedJob {
  batchId: string;
  kind: string;
  data: string;
  reason: string;
  attempts: number;
  failedAt: Date;
}

@Injectable()
export class IngestionQueue implements OnModuleDestroy {
  readonly connection: IORedis;
  readonly queue: Queue;

  constructor(private readonly env: Env) {
    this.connection = producerConnection(env.REDIS_URL);
    this.connection.on('error', () => undefined); // surfaced per request as 503 and by /health/ready
    this.queue = new Queue(INGESTION_QUEUE, { connection: this.connection, prefix: env.QUEUE_PREFIX });
    this.queue.on('error', () => undefined);
  }

  /**
   * Accepts a batch or throws 503; the job id is the batch id, so one batch is one job. Batches
   * waiting to be retried count towards back-pressure as much as new ones.
   */
  async enqueue<K extends IngestionJob>(job: K, payload: IngestionPayloads[K]): Promise<void> {
    let backlog: number;
    try {
      const counts = await this.queue.getJobCounts('waiting', 'delayed', 'prioritized');
      backlog = counts.waiting + counts.delayed + counts.prioritized;
    } catch {
      throw ApiError.unavailable('the queue');
    }
    if (backlog >= this.env.MAX_WAITING_BATCHES) throw ApiError.unavailable('the queue (back-pressure)', 10);
    try {
      await this.queue.add(job, payload, { ...JOB_OPTIONS, jobId: payload.batchId });
    } catch {
      throw ApiError.unavailable('the queue'); // also Redis out of memory: nothing was acknowledged
    }
    // The batch is queued whatever happens here; without the note, status falls back to the payload.
    await this.connection
      .eval(NOTE_ACCEPTED_LUA, 1, this.queue.toKey(payload.batchId), ACCEPTED_FIELD, String(acceptedIn(payload)))
      .catch(() => undefined);
  }

  /**
   * Queues a dead-lettered batch again under its own id. Refuses (409) while a job of that id is
   * still in Redis: adding it would be a no-op, and the caller would then drop the only copy.
   */
  async requeue(kind: IngestionJob, batchId: string, data: string): Promise<void> {
    if ((await this.queue.getJobState(batchId)) !== 'unknown') {
      throw ApiError.conflict('the batch is still in the queue; try again in a minute');
    }
    const payload = { ...(JSON.parse(data) as IngestionPayloads[IngestionJob]), batchId };
    await this.queue.add(kind, payload, { ...JOB_OPTIONS, jobId: batchId });
  }

  async stateOf(batchId: string): Promise<{ state: BatchState; accepted: number; error?: string } | null> {
    const state = await this.queue.getJobState(batchId);
    if (state === 'unknown') return null;
    const [noted, failedReason] = await this.connection.hmget(this.queue.toKey(batchId), ACCEPTED_FIELD, 'failedReason');
    const accepted = noted !== null ? Number(noted) : await this.acceptedFromPayload(batchId);
    if (accepted === undefined) return null; // finished and removed meanwhile
    if (state === 'failed') return { state: 'failed', accepted, error: failedReason ?? undefined };
    return { state: BATCH_STATES[state] ?? 'queued', accepted };
  }

  /** Jobs queued before the accepted count was noted beside them. */
  private async acceptedFromPayload(batchId: string): Promise<number | undefined> {
    const job = await this.queue.getJob(batchId);
    return job ? acceptedIn(job.data as IngestionPayloads[IngestionJob]) : undefined;
  }

  /** Counters and two small reads: never a payload. */
  async status() {
    const [counts, oldestAt] = await Promise.all([
      this.queue.getJobCounts('waiting', 'delayed', 'prioritized', 'active', 'failed'),
      this.oldestWaitingTimestamp(),
    ]);
    return {
      waiting: counts.waiting + counts.delayed + counts.prioritized,
      active: counts.active,
      failed: counts.failed,
      oldestWaitingAgeSeconds: oldestAt === undefined ? 0 : Math.max(0, Math.round((Date.now() - oldestAt) / 1000)),
    };
  }

  /**
   * When the oldest waiting batch was accepted: workers take from the right of the wait list, so
   * its oldest job is the last; of the retrying (delayed) jobs, the one due first, as before.
   */
  private async oldestWaitingTimestamp(): Promise<number | undefined> {
    const { wait, prioritized, delayed } = this.queue.keys;
    const heads = await this.connection.pipeline().lindex(wait, -1).zrange(prioritized, 0, 0).zrange(delayed, 0, 0).exec();
    const ids = (heads ?? []).flatMap(([err, v]) => (err || v === null ? [] : Array.isArray(v) ? (v as string[]) : [v as string]));
    if (!ids.length) return undefined;
    const stamps = await this.connection.pipeline(ids.map((id) => ['hget', this.queue.toKey(id), 'timestamp'])).exec();
    const times = (stamps ?? []).map(([err, v]) => (err || v === null ? NaN : Number(v))).filter(Number.isFinite);
    return times.length ? Math.min(...times) : undefined;
  }

  /** Ids of batches BullMQ gave up on (a failure that retrying cannot cure, or the stalled limit). */
  failedBatchIds(limit: number): Promise<string[]> {
    return this.queue.getRanges(['failed'], 0, limit - 1, true);
  }

  /** A failed job as stored, its data untouched; undefined once it has gone. */
  async failedJob(batchId: string): Promise<FailedJob | undefined> {
    const [kind, data, reason, attemptsMade, attemptsStarted, finishedOn] = await this.connection.hmget(
      this.queue.toKey(batchId), 'name', 'data', 'failedReason', 'atm', 'ats', 'finishedOn',
    );
    if (kind === null || data === null) return undefined;
    return {
      batchId,
      kind,
      data,
      reason: reason ?? 'unknown',
      attempts: Math.max(Number(attemptsMade ?? 0), Number(attemptsStarted ?? 0)),
      failedAt: finishedOn ? new Date(Number(finishedOn)) : new Date(),
    };
  }

  /** Removes a job that is no longer wanted in Redis; false if it was already gone. */
  async remove(batchId: string): Promise<boolean> {
    return (await this.queue.remove(batchId)) === 1;
  }

  /** A job's state, or 'unknown' when Redis holds no job of that id. */
  jobState(batchId: string): Promise<JobState | 'unknown'> {
    return this.queue.getJobState(batchId);
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }
}

const BATCH_STATES: Partial<Record<JobState, BatchState>> = { active: 'processing', completed: 'completed' };
