import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Scopes } from '../auth/scopes';
import { ReferenceConfig } from '../config/reference-config';
import { sendStats } from '../stats/respond';
import { filtersOf, periodOf } from '../stats/stats-filter';
import { StatsQueryDto } from '../stats/stats-query.dto';
import { CostStatsService, exactCost } from './cost-stats.service';
import { toPence } from './money';

const COLUMNS = ['channel', 'handling', 'count', 'unitCost', 'cost'];

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('v1/stats')
export class CostsController {
  constructor(
    private readonly stats: CostStatsService,
    private readonly config: ReferenceConfig,
  ) {}

  @Get('costs')
  @Scopes('read')
  @ApiOperation({ summary: 'Estimated cost of contact per channel and handling (money in pounds, unrounded in JSON)' })
  async costs(@Query() q: StatsQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const body = await this.stats.costs(periodOf(q), filtersOf(q, this.config));
    // CSV is a report: money rounded to the penny, from the exact amount.
    const csvRows = () => body.channels.map((r) => ({ ...r, cost: toPence(exactCost(r)) }));
    sendStats(req, res, q.format, body, csvRows, `costs-${body.period.from}-${body.period.to}`, COLUMNS);
  }
}
