import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Scopes } from '../auth/scopes';
import { ReferenceConfig } from '../config/reference-config';
import { sendStats } from '../stats/respond';
import { filtersOf, periodOf } from '../stats/stats-filter';
import { ChannelShiftQueryDto } from './channel-shift-query.dto';
import { ChannelShiftService } from './channel-shift.service';

const COLUMNS = ['from', 'to', 'total', 'assisted', 'selfService', 'selfServiceShare', 'changePp'];

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('v1/stats')
export class ChannelShiftController {
  constructor(
    private readonly stats: ChannelShiftService,
    private readonly config: ReferenceConfig,
  ) {}

  @Get('channel-shift')
  @Scopes('read')
  @ApiOperation({ summary: 'Self-service share per interval and its change in percentage points' })
  async channelShift(@Query() q: ChannelShiftQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const body = await this.stats.series(periodOf(q), filtersOf(q, this.config), q.interval ?? 'month');
    sendStats(req, res, q.format, body, () => body.series.map((r) => ({ ...r })),
      `channel-shift-${body.period.from}-${body.period.to}`, COLUMNS);
  }
}
