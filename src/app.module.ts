import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AddressThrottlerGuard, KeyThrottlerGuard } from './auth/client-throttler.guard';
import { RedisThrottlerStorage } from './auth/redis-throttler.storage';
import { BaselinesModule } from './baselines/baselines.module';
import { JsonBodyInterceptor } from './common/http/json-body.interceptor';
import { Env } from './config/env';
import { ReferenceConfig } from './config/reference-config';
import { CoreModule } from './core.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { dataSourceOptions } from './database/data-source';
import { ForecastModule } from './forecast/forecast.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { IndicatorsModule } from './indicators/indicators.module';
import { IngestionModule } from './ingestion/ingestion.module';
import { IngestionWorker } from './pipeline/ingestion.worker';
import { LiveModule } from './live/live.module';
import { PipelineModule } from './pipeline/pipeline.module';
import { IngestionQueue } from './queue/ingestion-queue';
import { ReportModule } from './report/report.module';
import { StatsModule } from './stats/stats.module';
import { TiersModule } from './tiers/tiers.module';
import { WebAnalyticsModule } from './web-analytics/web-analytics';

/** One codebase, three roles: `api` serves HTTP, `worker` runs the queue, `all` does both. */
@Module({})
export class AppModule {
  static forRole(env: Env, config: ReferenceConfig): DynamicModule {
    const api = env.APP_ROLE !== 'worker';
    const worker = env.APP_ROLE !== 'api';
    return {
      module: AppModule,
      imports: [
        CoreModule.with(env, config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: env.LOG_LEVEL,
            genReqId: (req) => requestIdOf(req.headers['x-request-id']),
            // Method and URL only: bodies and headers may carry keys or personal data.
            serializers: { req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }) },
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
          },
        }),
        TypeOrmModule.forRoot(dataSourceOptions(env.DATABASE_URL, env.DB_POOL_SIZE)),
        ThrottlerModule.forRootAsync({
          inject: [IngestionQueue],
          useFactory: (queue: IngestionQueue) => ({
            throttlers: [{ ttl: 60_000, limit: env.RATE_LIMIT_PER_MINUTE }],
            skipIf: () => env.RATE_LIMIT_PER_MINUTE === 0,
            storage: new RedisThrottlerStorage(queue.connection, env.QUEUE_PREFIX),
          }),
        }),
        HealthModule,
        PipelineModule,
        ...(api
          ? [IngestionModule, StatsModule, TiersModule, BaselinesModule, IndicatorsModule, WebAnalyticsModule, ReportModule, ForecastModule]
          : []),
        ...(api ? [ImportsModule, LiveModule, DashboardModule] : []),
      ],
      // In this order: rate limit by address, authentication, rate limit by key (counted in Redis,
      // across every API process); only then is a body read.
      providers: [
        { provide: APP_GUARD, useClass: AddressThrottlerGuard },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_GUARD, useClass: KeyThrottlerGuard },
        { provide: APP_INTERCEPTOR, useClass: JsonBodyInterceptor },
        ...(worker ? [IngestionWorker] : []),
      ],
    };
  }
}

/** A caller's X-Request-Id is kept only when it looks like an id (it lands in every log line). */
function requestIdOf(given: string | string[] | undefined): string {
  return typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
}
