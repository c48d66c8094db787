import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import type { Response } from 'express';
import { IngestionQueue } from '../queue/ingestion-queue';


/** Readiness: Postgres answers a trivial query. */
export const PING_SQL = 'SELECT 1';

@ApiTags('health')
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly ds: DataSource,
    private readonly indicators: HealthIndicatorService,
    private readonly queue: IngestionQueue,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Postgres, Redis and the queue are reachable (503 otherwise)' })
  async ready(@Res({ passthrough: true }) res: Response) {
    try {
      return await this.health.check([() => this.postgres(), () => this.redis()]);
    } catch (e) {
      if (!(e instanceof ServiceUnavailableException)) throw e;
      res.status(503).setHeader('Retry-After', '5');
      return { statusCode: 503, error: 'Service Unavailable', message: 'not ready', ...(e.getResponse() as object) };
    }
  }

  private async postgres() {
    const indicator = this.indicators.check('postgres');
    try {
      await withTimeout(this.ds.query(PING_SQL), 2000);
      return indicator.up();
    } catch {
      return indicator.down({ message: 'PostgreSQL is not reachable' });
    }
  }

  private async redis() {
    const indicator = this.indicators.check('redis');
    try {
      await withTimeout(this.queue.connection.ping(), 2000);
      await withTimeout(this.queue.queue.getWaitingCount(), 2000);
      return indicator.up();
    } catch {
      return indicator.down({ message: 'Redis or the ingestion queue is not reachable' });
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
