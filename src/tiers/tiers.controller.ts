import { Controller, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Request, Response } from 'express';
import { sendStats } from '../stats/respond';
import { StatsEndpoint } from '../stats/stats-endpoint.decorator';
import { periodOf } from '../stats/stats-filter';
import { PeriodQueryDto } from '../stats/stats-query.dto';
import { TierFlowsDto, TierStatsDto } from './tier-stats.dto';
import { TIER_BASES, TierBasis, TierStatsService } from './tier-stats.service';

/** Conversations carry no centre, service, source or channel: only the period (and format) apply. */
export class TierQueryDto extends PeriodQueryDto {
  /** Count cases by `final` (default), `peak` or `entry` tier. */
  @IsOptional() @IsIn(TIER_BASES) by?: TierBasis;
}

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('v1/stats/tiers')
export class TiersController {
  constructor(private readonly stats: TierStatsService) {}

  @StatsEndpoint('', 'Cases whose first event falls in the period, by 3 Conversations tier', TierStatsDto, 'one row per tier')
  async tiers(@Query() q: TierQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const body = await this.stats.tiers(periodOf(q), q.by ?? 'final');
    sendStats(req, res, q.format, body, () => body.tiers.map((t) => ({ ...t })), `tiers-${body.period.from}-${body.period.to}`);
  }

  @StatsEndpoint('flows', 'Changes of tier between consecutive events, and cases by entry and final tier', TierFlowsDto,
    'transitions then journeys, as kind, from, to, count')
  async flows(@Query() q: PeriodQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const body = await this.stats.flows(periodOf(q));
    // One table: transitions (from → to, count) then journeys (entry → final, cases).
    const csvRows = () => [
      ...body.transitions.map((t) => ({ kind: 'transition', from: t.from, to: t.to, count: t.count })),
      ...body.journeys.map((j) => ({ kind: 'journey', from: j.entry, to: j.final, count: j.cases })),
    ];
    sendStats(req, res, q.format, body, csvRows, `tier-flows-${body.period.from}-${body.period.to}`);
  }
}
