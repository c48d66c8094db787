import { Body, Controller, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Request, Response } from 'express';
import { Scopes } from '../auth/scopes';
import { ApiError } from '../common/http/api-error';
import { SLUG } from '../common/validation/domain-validators';
import { sendStats } from '../stats/respond';
import { StatsEndpoint } from '../stats/stats-endpoint.decorator';
import { periodOf } from '../stats/stats-filter';
import { PeriodQueryDto } from '../stats/stats-query.dto';
import { BaselineComparisonDto, BaselineListDto, BaselineSnapshotDto, CreateBaselineDto } from './baseline.dto';
import type { BaselineSnapshot } from './baseline-snapshot';
import { BaselinesService } from './baselines.service';

export class FormatQueryDto {
  /** `json` (default) or `csv`; `Accept: text/csv` also gives CSV. */
  @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

@ApiTags('baselines')
@ApiBearerAuth()
@Controller('v1/baselines')
export class BaselinesController {
  constructor(private readonly baselines: BaselinesService) {}

  @Post()
  @HttpCode(201)
  @Scopes('admin')
  @ApiOperation({ summary: "Freeze a period's tier figures and channel mix under a name (409 if taken)" })
  create(@Body() body: CreateBaselineDto) {
    const { period, from, to } = body;
    return this.baselines.create(body.name, periodOf({ period, from, to }), body.description);
  }

  @StatsEndpoint('', 'Every baseline, oldest first', BaselineListDto, 'one row per baseline')
  async list(@Query() q: FormatQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const baselines = await this.baselines.list();
    sendStats(req, res, q.format, { baselines }, () => baselines.map(summaryRow), 'baselines');
  }

  @StatsEndpoint(':name', 'One frozen baseline', BaselineSnapshotDto, 'section, item, count')
  async get(@Param('name') name: string, @Query() q: FormatQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const b = await this.baselines.get(checkName(name));
    const csvRows = () => [
      ...(['final', 'peak', 'entry'] as const).flatMap((basis) =>
        b.tiers[basis].map((t) => ({ section: `tiers_by_${basis}`, item: `tier ${t.tier}`, count: t.cases })),
      ),
      ...b.channels.channels.map((c) => ({ section: 'channels', item: `${c.channel} ${c.handling}`, count: c.count })),
    ];
    sendStats(req, res, q.format, b, csvRows, `baseline-${b.name}`);
  }

  @StatsEndpoint(':name/comparison', 'A period against a baseline: tiers by final tier, self-service share, cost avoided',
    BaselineComparisonDto, 'one row per tier, then self-service and cost avoided')
  async comparison(@Param('name') name: string, @Query() q: PeriodQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const body = await this.baselines.compare(checkName(name), periodOf(q));
    const csvRows = () => [
      ...body.tiers.map((t) => ({ measure: 'tier', ...t, value: null })),
      { measure: 'self_service', tier: null, baselineCases: null, cases: null, ...body.selfService, value: null },
      {
        measure: 'cost_avoided', tier: null, baselineCases: null, baselineShare: null, cases: null, share: null,
        changePp: null, pValue: null, significant: null, value: body.costAvoided,
      },
    ];
    sendStats(req, res, q.format, body, csvRows, `comparison-${body.baseline.name}-${body.period.from}-${body.period.to}`);
  }
}

function checkName(name: string): string {
  if (!SLUG.test(name)) throw ApiError.notFound(`no baseline named ${name}`);
  return name;
}

function summaryRow(b: BaselineSnapshot) {
  return {
    name: b.name, description: b.description, from: b.period.from, to: b.period.to, cases: b.tiers.cases,
    contacts: b.channels.total, createdAt: b.createdAt,
  };
}
