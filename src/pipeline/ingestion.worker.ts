import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { isUnavailableError } from '../common/http/unavailable';
import { Env } from '../config/env';
import { JobHandlerRegistry } from '../queue/job-handler.registry';
import { BatchResult, INGESTION_QUEUE } from '../queue/queue-registry';
import { IngestionQueue } from '../queue/ingestion-queue';
import { RedisConnection, workerConnection } from '../queue/redis';
import { failureReason, retryDelayMs } from '../queue/retry-policy';
import { DeadLetters } from './dead-letters';

/** Also moves what another worker failed to move (it died, or Postgres was down then). */
const DEAD_LETTER_SWEEP_MS = 30_000;

/**
 * Thin processor: take the job, hand it to its registered handler, return or throw.
 * BullMQ is at-least-once; handlers are idempotent (Postgres unique keys), so a stalled
 * or retried job never counts twice. A failure that waiting cures is retried with backoff; any
 * other ends in BullMQ's failed set and from there in the dead-letter store.
 */
@Injectable()
export class IngestionWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IngestionWorker.name);
  private workers: Worker[] = [];
  private connection?: RedisConnection;
  private sweep?: NodeJS.Timeout;

  constructor(
    private readonly env: Env,
    private readonly registry: JobHandlerRegistry,
    private readonly deadLetters: DeadLetters,
    private readonly queue: IngestionQueue,
  ) {}

  /**
   * One BullMQ worker per shard, so every process takes from every shard. WORKER_CONCURRENCY is
   * split over the shards, at least one batch each: with 8 shards a process runs up to 8 batches
   * at once (DB_POOL_SIZE should allow for that).
   */
  onApplicationBootstrap(): void {
    this.registry.assertComplete();
    this.connection = workerConnection(this.env);
    const concurrency = Math.max(1, Math.floor(this.env.WORKER_CONCURRENCY / this.queue.shards.length));
    this.workers = this.queue.shards.map((shard) => this.startWorker(shard.opts.prefix!, concurrency));
    this.workers[0].once('ready', () => void this.deadLetters.moveFailed());
    this.sweep = setInterval(() => void this.deadLetters.moveFailed(), DEAD_LETTER_SWEEP_MS).unref();
    this.logger.log(`worker started (${this.workers.length} shard(s), concurrency ${concurrency} each)`);
  }

  private startWorker(prefix: string, concurrency: number): Worker {
    const worker = new Worker(INGESTION_QUEUE, (job: Job) => this.process(job), {
      connection: this.connection!,
      prefix,
      concurrency,
      lockDuration: this.env.JOB_LOCK_SECONDS * 1000,
      stalledInterval: Math.max(1000, (this.env.JOB_LOCK_SECONDS * 1000) / 2),
      // A batch that keeps killing its worker fails after this many stalls, and is dead-lettered.
      maxStalledCount: 20,
      settings: { backoffStrategy: (attemptsMade: number) => retryDelayMs(attemptsMade, this.env.RETRY_MAX_DELAY_MS) },
    });
    worker.on('failed', (job, err) => {
      if (job?.finishedOn) void this.deadLetters.moveFailed(); // given up on: to the dead-letter store
      else this.logger.warn({ batchId: job?.id, job: job?.name, attempt: job?.attemptsMade, err: err.message }, 'batch attempt failed; retrying');
    });
    worker.on('error', (err) => this.logger.warn({ err: err.message }, 'worker connection problem'));
    return worker;
  }

  private async process(job: Job): Promise<BatchResult> {
    try {
      return await this.registry.handlerFor(job.name)(job.data);
    } catch (e) {
      if (isUnavailableError(e)) throw e;
      // Not cured by waiting (e.g. a row Postgres refuses): fail now, without retries.
      throw new UnrecoverableError(failureReason(e));
    }
  }

  /** SIGTERM: stop taking jobs and let the active ones finish. */
  async onApplicationShutdown(): Promise<void> {
    if (!this.workers.length) return;
    clearInterval(this.sweep);
    this.logger.log('draining worker');
    await Promise.all(this.workers.map((w) => w.close()));
    this.connection?.disconnect();
    this.logger.log('worker drained');
  }
}
