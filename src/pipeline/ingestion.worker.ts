import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import type IORedis from 'ioredis';
import { Env } from '../config/env';
import { JobHandlerRegistry } from '../queue/job-handler.registry';
import { INGESTION_QUEUE } from '../queue/queue-registry';
import { workerConnection } from '../queue/redis';

/**
 * Thin processor: take the job, hand it to its registered handler, return or throw.
 * BullMQ is at-least-once; handlers are idempotent (Postgres unique keys), so a stalled
 * or retried job never counts twice.
 */
@Injectable()
export class IngestionWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IngestionWorker.name);
  private worker?: Worker;
  private connection?: IORedis;

  constructor(
    private readonly env: Env,
    private readonly registry: JobHandlerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.registry.assertComplete();
    this.connection = workerConnection(this.env.REDIS_URL);
    this.worker = new Worker(INGESTION_QUEUE, (job: Job) => this.registry.handlerFor(job.name)(job.data), {
      connection: this.connection,
      prefix: this.env.QUEUE_PREFIX,
      concurrency: this.env.WORKER_CONCURRENCY,
      lockDuration: this.env.JOB_LOCK_SECONDS * 1000,
      stalledInterval: Math.max(1000, (this.env.JOB_LOCK_SECONDS * 1000) / 2),
      maxStalledCount: 20,
    });
    this.worker.on('failed', (job, err) =>
      this.logger.warn({ batchId: job?.id, job: job?.name, attempt: job?.attemptsMade, err: err.message }, 'batch attempt failed'),
    );
    this.worker.on('error', (err) => this.logger.warn({ err: err.message }, 'worker connection problem'));
    this.logger.log(`worker started (concurrency ${this.env.WORKER_CONCURRENCY})`);
  }

  /** SIGTERM: stop taking jobs and let the active ones finish. */
  async onApplicationShutdown(): Promise<void> {
    if (!this.worker) return;
    this.logger.log('draining worker');
    await this.worker.close();
    this.connection?.disconnect();
    this.logger.log('worker drained');
  }
}
