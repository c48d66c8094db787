import { Injectable } from '@nestjs/common';
import { BatchResult, IngestionJob, IngestionPayloads } from './queue-registry';

type Handler<K extends IngestionJob> = (payload: IngestionPayloads[K]) => Promise<BatchResult>;

/** Feature modules register the handler of each job; the worker refuses to start if one is missing. */
@Injectable()
export class JobHandlerRegistry {
  private readonly handlers = new Map<IngestionJob, Handler<IngestionJob>>();

  register<K extends IngestionJob>(job: K, handler: Handler<K>): void {
    this.handlers.set(job, handler as Handler<IngestionJob>);
  }

  handlerFor(job: string): Handler<IngestionJob> {
    const handler = this.handlers.get(job as IngestionJob);
    if (!handler) throw new Error(`no handler for job ${job}`);
    return handler;
  }

  assertComplete(): void {
    const missing = Object.values(IngestionJob).filter((j) => !this.handlers.has(j));
    if (missing.length) throw new Error(`jobs without a handler: ${missing.join(', ')}`);
  }
}
