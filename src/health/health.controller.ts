import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { IngestionQueue } from '../queue/ingestion-queue';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
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
      return await this.health.check([() => this.db.pingCheck('postgres', { timeout: 2000 }), () => this.redis()]);
    } catch (e) {
      if (!(e instanceof ServiceUnavailableException)) throw e;
      res.status(503).setHeader('Retry-After', '5');
      return { statusCode: 503, error: 'Service Unavailable', message: 'not ready', ...(e.getResponse() as object) };
    }
  }

  private async redis() {
    const indicator = this.indicators.check('redis');
    try {
      await this.queue.connection.ping();
      await this.queue.queue.getWaitingCount();
      return indicator.up();
    } catch {
      return indicator.down({ message: 'Redis or the ingestion queue is not reachable' });
    }
  }
}
