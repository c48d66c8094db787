import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Scopes } from '../auth/scopes';
import { ReferenceConfig } from '../config/reference-config';
import { sendStats } from '../stats/respond';
import { filtersOf, periodOf } from '../stats/stats-filter';
import { StatsQueryDto } from '../stats/stats-query.dto';
import { CentreStatsService } from './centre-stats.service';

const COLUMNS = [
  'centre', 'contacts', 'selfServiceShare', 'firstContactResolution', 'abandonmentRate', 'averageSpeedOfAnswerSeconds',
  'serviceLevel', 'averageHandlingSeconds', 'outOfHoursShare', 'satisfactionResponses', 'satisfactionMean',
];

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('v1/stats')
export class CentresController {
  constructor(
    private readonly stats: CentreStatsService,
    private readonly config: ReferenceConfig,
  ) {}

  @Get('centres')
  @Scopes('read')
  @ApiOperation({ summary: 'Contact-centre metrics per centre (FCR, abandonment, speed of answer, service level …) and hand-offs' })
  async centres(@Query() q: StatsQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const body = await this.stats.centres(periodOf(q), filtersOf(q, this.config));
    const csvRows = () =>
      body.centres.map(({ satisfaction, ...r }) => ({
        ...r,
        satisfactionResponses: satisfaction.responses,
        satisfactionMean: satisfaction.mean,
      }));
    sendStats(req, res, q.format, body, csvRows, `centres-${body.period.from}-${body.period.to}`, COLUMNS);
  }
}
