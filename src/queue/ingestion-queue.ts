import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { Env } from '../config/env';
import { ApiError } from '../common/http/api-error';
import { acceptedIn, INGESTION_QUEUE, IngestionJob, IngestionPayloads } from './queue-registry';
import { producerConnection } from './redis';

/**
 * Retries outlast a Postgres restart: 1 s, 2 s, 4 s … about an hour in all. A finished job is
 * removed at once: its outcome lives in Postgres (ingestion_batch), and a 10,000-event payload is
 * megabytes that Redis (noeviction) would otherwise keep. Failed jobs stay a week for inspection.
 */
const JOB_OPTIONS: JobsOptions = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
};

export type BatchState = 'queued' | 'processing' | 'completed' | 'failed';

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

  /** Accepts a batch or throws 503; the job id is the batch id, so one batch is one job. */
  async enqueue<K extends IngestionJob>(job: K, payload: IngestionPayloads[K]): Promise<void> {
    let waiting: number;
    try {
      waiting = await this.queue.getWaitingCount();
    } catch {
      throw ApiError.unavailable('the queue');
    }
    if (waiting >= this.env.MAX_WAITING_BATCHES) throw ApiError.unavailable('the queue (back-pressure)', 10);
    try {
      await this.queue.add(job, payload, { ...JOB_OPTIONS, jobId: payload.batchId });
    } catch {
      throw ApiError.unavailable('the queue');
    }
  }

  async stateOf(batchId: string): Promise<{ state: BatchState; accepted: number; error?: string } | null> {
    const job = await this.queue.getJob(batchId);
    if (!job) return null;
    const state = await job.getState();
    const accepted = acceptedIn(job.data as IngestionPayloads[IngestionJob]);
    if (state === 'failed') return { state: 'failed', accepted, error: job.failedReason };
    if (state === 'active') return { state: 'processing', accepted };
    return { state: state === 'completed' ? 'completed' : 'queued', accepted };
  }

  async status() {
    const counts = await this.queue.getJobCounts('waiting', 'delayed', 'prioritized', 'active', 'failed');
    const [oldest] = await this.queue.getJobs(['waiting', 'prioritized'], 0, 0, true);
    const [oldestDelayed] = await this.queue.getJobs(['delayed'], 0, 0, true);
    const oldestAt = Math.min(oldest?.timestamp ?? Infinity, oldestDelayed?.timestamp ?? Infinity);
    return {
      waiting: counts.waiting + counts.delayed + counts.prioritized,
      active: counts.active,
      failed: counts.failed,
      oldestWaitingAgeSeconds: Number.isFinite(oldestAt) ? Math.max(0, Math.round((Date.now() - oldestAt) / 1000)) : 0,
    };
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }
}
