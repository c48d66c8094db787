import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { JobsOptions, JobState, Queue } from 'bullmq';
import { Env } from '../config/env';
import { ApiError } from '../common/http/api-error';
import { acceptedIn, INGESTION_QUEUE, IngestionJob, IngestionPayloads } from './queue-registry';
import { shardOf, shardPrefixes } from './queue-shards';
import { mastersOf, producerConnection, RedisConnection } from './redis';
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

/**
 * The ingestion queue: one BullMQ queue on one Redis server, or QUEUE_SHARDS queues on a Redis
 * Cluster (queue-shards.ts). A batch lives on the shard its id names; depth, back-pressure and
 * the failed set are summed over every shard. This is the one place queue depth is read.
 */
@Injectable()
export class IngestionQueue implements OnModuleDestroy {
  readonly connection: RedisConnection;
  /** Each shard's queue, by shard number; one on a single Redis server. */
  readonly shards: Queue[];

  constructor(private readonly env: Env) {
    this.connection = producerConnection(env);
    this.connection.on('error', () => undefined); // surfaced per request as 503 and by /health/ready
    this.shards = shardPrefixes(env.QUEUE_PREFIX, env.QUEUE_SHARDS, !!env.REDIS_CLUSTER_NODES).map((prefix) => {
      const queue = new Queue(INGESTION_QUEUE, { connection: this.connection, prefix });
      queue.on('error', () => undefined);
      return queue;
    });
  }

  /** The queue of the shard a batch is on. */
  shardFor(batchId: string): Queue {
    return this.shards[shardOf(batchId, this.shards.length)];
  }

  /**
   * Accepts a batch or throws 503; the job id is the batch id, so one batch is one job. Batches
   * waiting to be retried count towards back-pressure as much as new ones, on every shard.
   */
  async enqueue<K extends IngestionJob>(job: K, payload: IngestionPayloads[K]): Promise<void> {
    let backlog: number;
    try {
      const counts = await Promise.all(this.shards.map((q) => q.getJobCounts('waiting', 'delayed', 'prioritized')));
      backlog = counts.reduce((sum, c) => sum + c.waiting + c.delayed + c.prioritized, 0);
    } catch {
      throw ApiError.unavailable('the queue');
    }
    if (backlog >= this.env.MAX_WAITING_BATCHES) throw ApiError.unavailable('the queue (back-pressure)', 10);
    const queue = this.shardFor(payload.batchId);
    try {
      await queue.add(job, payload, { ...JOB_OPTIONS, jobId: payload.batchId });
    } catch {
      throw ApiError.unavailable('the queue'); // also Redis out of memory: nothing was acknowledged
    }
    // The batch is queued whatever happens here; without the note, status falls back to the payload.
    await this.connection
      .eval(NOTE_ACCEPTED_LUA, 1, queue.toKey(payload.batchId), ACCEPTED_FIELD, String(acceptedIn(payload)))
      .catch(() => undefined);
  }

  /**
   * Queues a dead-lettered batch again under its own id. Refuses (409) while a job of that id is
   * still in Redis: adding it would be a no-op, and the caller would then drop the only copy.
   */
  async requeue(kind: IngestionJob, batchId: string, data: string): Promise<void> {
    const queue = this.shardFor(batchId);
    if ((await queue.getJobState(batchId)) !== 'unknown') {
      throw ApiError.conflict('the batch is still in the queue; try again in a minute');
    }
    const payload = { ...(JSON.parse(data) as IngestionPayloads[IngestionJob]), batchId };
    await queue.add(kind, payload, { ...JOB_OPTIONS, jobId: batchId });
  }

  async stateOf(batchId: string): Promise<{ state: BatchState; accepted: number; error?: string } | null> {
    const queue = this.shardFor(batchId);
    const state = await queue.getJobState(batchId);
    if (state === 'unknown') return null;
    const [noted, failedReason] = await this.connection.hmget(queue.toKey(batchId), ACCEPTED_FIELD, 'failedReason');
    const accepted = noted !== null ? Number(noted) : await this.acceptedFromPayload(queue, batchId);
    if (accepted === undefined) return null; // finished and removed meanwhile
    if (state === 'failed') return { state: 'failed', accepted, error: failedReason ?? undefined };
    return { state: BATCH_STATES[state] ?? 'queued', accepted };
  }

  /** Jobs queued before the accepted count was noted beside them. */
  private async acceptedFromPayload(queue: Queue, batchId: string): Promise<number | undefined> {
    const job = await queue.getJob(batchId);
    return job ? acceptedIn(job.data as IngestionPayloads[IngestionJob]) : undefined;
  }

  /** Counters and two small reads per shard: never a payload. */
  async status() {
    const [counts, oldest] = await Promise.all([
      Promise.all(this.shards.map((q) => q.getJobCounts('waiting', 'delayed', 'prioritized', 'active', 'failed'))),
      Promise.all(this.shards.map((q) => this.oldestWaitingTimestamp(q))),
    ]);
    const sum = (pick: (c: Record<string, number>) => number) => counts.reduce((total, c) => total + pick(c), 0);
    const stamps = oldest.filter((t): t is number => t !== undefined);
    return {
      waiting: sum((c) => c.waiting + c.delayed + c.prioritized),
      active: sum((c) => c.active),
      failed: sum((c) => c.failed),
      oldestWaitingAgeSeconds: stamps.length ? Math.max(0, Math.round((Date.now() - Math.min(...stamps)) / 1000)) : 0,
    };
  }

  /**
   * When a shard's oldest waiting batch was accepted: workers take from the right of the wait list,
   * so its oldest job is the last; of the retrying (delayed) jobs, the one due first, as before.
   * Every key read here is in the shard's one slot, so a pipeline suits a cluster as well.
   */
  private async oldestWaitingTimestamp(queue: Queue): Promise<number | undefined> {
    const { wait, prioritized, delayed } = queue.keys;
    const heads = await this.connection.pipeline().lindex(wait, -1).zrange(prioritized, 0, 0).zrange(delayed, 0, 0).exec();
    const ids = (heads ?? []).flatMap(([err, v]) => (err || v === null ? [] : Array.isArray(v) ? (v as string[]) : [v as string]));
    if (!ids.length) return undefined;
    const stamps = await this.connection.pipeline(ids.map((id) => ['hget', queue.toKey(id), 'timestamp'])).exec();
    const times = (stamps ?? []).map(([err, v]) => (err || v === null ? NaN : Number(v))).filter(Number.isFinite);
    return times.length ? Math.min(...times) : undefined;
  }

  /** Ids of batches BullMQ gave up on (a failure that retrying cannot cure, or the stalled limit), over every shard. */
  async failedBatchIds(limit: number): Promise<string[]> {
    const perShard = await Promise.all(this.shards.map((q) => q.getRanges(['failed'], 0, limit - 1, true)));
    return perShard.flat().slice(0, limit);
  }

  /** A failed job as stored, its data untouched; undefined once it has gone. */
  async failedJob(batchId: string): Promise<FailedJob | undefined> {
    const [kind, data, reason, attemptsMade, attemptsStarted, finishedOn] = await this.connection.hmget(
      this.shardFor(batchId).toKey(batchId), 'name', 'data', 'failedReason', 'atm', 'ats', 'finishedOn',
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
    return (await this.shardFor(batchId).remove(batchId)) === 1;
  }

  /** A job's state, or 'unknown' when Redis holds no job of that id. */
  jobState(batchId: string): Promise<JobState | 'unknown'> {
    return this.shardFor(batchId).getJobState(batchId);
  }

  /** Readiness: every master answers and every shard's queue can be read. */
  async ping(): Promise<void> {
    await this.connection.ping();
    await Promise.all(mastersOf(this.connection).map((node) => node.ping()));
    await Promise.all(this.shards.map((q) => q.getWaitingCount()));
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.shards.map((q) => q.close().catch(() => undefined)));
    this.connection.disconnect();
  }
}

const BATCH_STATES: Partial<Record<JobState, BatchState>> = { active: 'processing', completed: 'completed' };
