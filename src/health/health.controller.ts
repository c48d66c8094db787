import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import type { Response } from 'express';
import { ReadDatabase } from '../database/read-database';
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
    private readonly read: ReadDatabase,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Postgres, Redis and the queue are reachable (503 otherwise)',
    description:
      'With DATABASE_READ_URL, `replica` names the streaming replica\'s state (`up`, `lagging`, `down`), its lag in WAL bytes ' +
      'and seconds, and whether reads are `serving` from the replica or the primary; a replica down or lagging does not make the service unready.',
  })
  async ready(@Res({ passthrough: true }) res: Response) {
    try {
      return await this.health.check([() => this.postgres(), () => this.redis(), () => this.replica()]);
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

  /** Reads fall back to the primary, so the replica's state is reported, never a reason to be unready. */
  private replica() {
    return this.indicators.check('replica').up({ ...this.read.state() });
  }

  private async redis() {
    const indicator = this.indicators.check('redis');
    try {
      await withTimeout(this.queue.ping(), 2000);
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
