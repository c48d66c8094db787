import { Global, Module } from '@nestjs/common';
import { Env } from './config/env';
import { ReadDatabase } from './database/read-database';
import { ReferenceConfig } from './config/reference-config';
import { DEVELOPMENT_PSEUDONYM_KEY, PseudonymKeyCheck, Pseudonymiser } from './privacy/pseudonymiser';
import { IngestionQueue } from './queue/ingestion-queue';
import { JobHandlerRegistry } from './queue/job-handler.registry';

/** Validated environment, reference config and shared infrastructure, available everywhere. */
@Global()
@Module({})
export class CoreModule {
  static with(env: Env, config: ReferenceConfig) {
    return {
      module: CoreModule,
      providers: [
        { provide: Env, useValue: env },
        { provide: ReferenceConfig, useValue: config },
        { provide: Pseudonymiser, useValue: new Pseudonymiser(env.PSEUDONYM_KEY ?? DEVELOPMENT_PSEUDONYM_KEY) },
        PseudonymKeyCheck,
        IngestionQueue,
        JobHandlerRegistry,
        ReadDatabase,
      ],
      exports: [Env, ReferenceConfig, Pseudonymiser, IngestionQueue, JobHandlerRegistry, ReadDatabase],
    };
  }
}
