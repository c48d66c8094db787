import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ChannelStatsDto } from './channel-stats.dto';
import type { Request, Response } from 'express';
import { Scopes } from '../auth/scopes';
import { ReferenceConfig } from '../config/reference-config';
import { sendStats } from '../stats/respond';
import { filtersOf, periodOf } from '../stats/stats-filter';
import { ChannelStatsService } from './channel-stats.service';
import { ChannelQueryDto } from './channel-query.dto';


@ApiTags('statistics')
@ApiBearerAuth()
@Controller('v1/stats')
export class ChannelsController {
  constructor(
    private readonly stats: ChannelStatsService,
    private readonly config: ReferenceConfig,
  ) {}

  @Get('channels')
  @Scopes('read')
  @ApiOperation({ summary: 'Contacts by channel and handling; assisted vs self-service share' })
  @ApiOkResponse({ type: ChannelStatsDto, description: 'JSON; CSV (one row per channel) for ?format=csv or Accept: text/csv' })
  @ApiProduces('application/json', 'text/csv')
  async channels(@Query() q: ChannelQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const body = await this.stats.channels(periodOf(q), filtersOf(q, this.config), q.by === 'source');
    sendStats(req, res, q.format, body, () => body.channels.map((r) => ({ ...r })), `channels-${body.period.from}-${body.period.to}`);
  }
}
