import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Scopes } from '../auth/scopes';
import { ReferenceConfig } from '../config/reference-config';
import { sendStats } from '../stats/respond';
import { filtersOf, periodOf } from '../stats/stats-filter';
import { StatsQueryDto } from '../stats/stats-query.dto';
import { ServiceStatsService } from './service-stats.service';

const COLUMNS = [
  'service', 'contacts', 'assisted', 'selfService', 'selfServiceShare', 'firstContactResolution', 'repeatContactRate', 'channels',
];

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('v1/stats')
export class ServicesController {
  constructor(
    private readonly stats: ServiceStatsService,
    private readonly config: ReferenceConfig,
  ) {}

  @Get('services')
  @Scopes('read')
  @ApiOperation({ summary: 'Contacts per service: assisted vs self-service, channels, FCR, repeat contact rate' })
  async services(@Query() q: StatsQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const body = await this.stats.services(periodOf(q), filtersOf(q, this.config));
    const csvRows = () =>
      body.services.map((r) => ({
        ...r,
        channels: r.channels.map((c) => `${c.channel}/${c.handling}:${c.count}`).join(' '),
      }));
    sendStats(req, res, q.format, body, csvRows, `services-${body.period.from}-${body.period.to}`, COLUMNS);
  }
}
