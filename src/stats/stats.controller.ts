import { Controller, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ReferenceConfig } from '../config/reference-config';
import { exactCost } from './figures/costs';
import { toPence } from './figures/money';
import { sendStats } from './respond';
import { StatsEndpoint } from './stats-endpoint.decorator';
import { filtersOf, periodOf } from './stats-filter';
import { ChannelQueryDto, ChannelShiftQueryDto, PeriodOnlyQueryDto, StatsQueryDto } from './stats-query.dto';
import {
  CentreStatsDto, ChannelShiftDto, ChannelStatsDto, ChatbotStatsDto, CostStatsDto, ServiceStatsDto,
} from './stats-responses.dto';
import { StatsSummaryDto } from './stats-summary.dto';
import { StatsService } from './stats.service';

/** CSV columns, in order, where they differ from the JSON items' own keys. */
const CSV_COLUMNS = {
  channelShift: ['from', 'to', 'total', 'assisted', 'selfService', 'selfServiceShare', 'changePp'],
  chatbot: ['from', 'to', 'chatbot', 'escalated', 'webchat'],
  centres: [
    'centre', 'contacts', 'selfServiceShare', 'firstContactResolution', 'abandonmentRate', 'averageSpeedOfAnswerSeconds',
    'serviceLevel', 'averageHandlingSeconds', 'outOfHoursShare', 'satisfactionResponses', 'satisfactionMean',
  ],
  services: [
    'service', 'contacts', 'assisted', 'selfService', 'selfServiceShare', 'firstContactResolution', 'repeatContactRate', 'channels',
  ],
  costs: ['channel', 'handling', 'count', 'unitCost', 'cost'],
};

/** The contact statistics (docs/http-contract.md "Statistics"): a period and filters in, figures out as JSON or CSV. */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('v1/stats')
export class StatsController {
  constructor(
    private readonly stats: StatsService,
    private readonly config: ReferenceConfig,
  ) {}

  @StatsEndpoint('channels', 'Contacts by channel and handling; assisted vs self-service share', ChannelStatsDto, 'one row per channel')
  async channels(@Query() q: ChannelQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const body = await this.stats.channels(periodOf(q), filtersOf(q, this.config), q.by === 'source');
    sendStats(req, res, q.format, body, () => body.channels.map((r) => ({ ...r })), `channels-${body.period.from}-${body.period.to}`);
  }

  @StatsEndpoint('channel-shift', 'Self-service share per interval and its change in percentage points', ChannelShiftDto, 'one row per interval')
  async channelShift(@Query() q: ChannelShiftQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const body = await this.stats.channelShift(periodOf(q), filtersOf(q, this.config), q.interval ?? 'month');
    sendStats(req, res, q.format, body, () => body.series.map((r) => ({ ...r })),
      `channel-shift-${body.period.from}-${body.period.to}`, CSV_COLUMNS.channelShift);
  }

  @StatsEndpoint('chatbot', 'Chatbot contacts, escalations, containment and webchat, with a monthly series', ChatbotStatsDto, 'one row per month')
  async chatbot(@Query() q: StatsQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const body = await this.stats.chatbot(periodOf(q), filtersOf(q, this.config));
    sendStats(req, res, q.format, body, () => body.series.map((r) => ({ ...r })),
      `chatbot-${body.period.from}-${body.period.to}`, CSV_COLUMNS.chatbot);
  }

  @StatsEndpoint('centres', 'Contact-centre metrics per centre (FCR, abandonment, speed of answer, service level …) and hand-offs',
    CentreStatsDto, 'one row per centre, without hand-offs')
  async centres(@Query() q: StatsQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const body = await this.stats.centres(periodOf(q), filtersOf(q, this.config));
    const csvRows = () =>
      body.centres.map(({ satisfaction, ...r }) => ({
        ...r,
        satisfactionResponses: satisfaction.responses,
        satisfactionMean: satisfaction.mean,
      }));
    sendStats(req, res, q.format, body, csvRows, `centres-${body.period.from}-${body.period.to}`, CSV_COLUMNS.centres);
  }

  @StatsEndpoint('services', 'Contacts per service: assisted vs self-service, channels, FCR, repeat contact rate', ServiceStatsDto,
    'one row per service')
  async services(@Query() q: StatsQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const body = await this.stats.services(periodOf(q), filtersOf(q, this.config));
    const csvRows = () =>
      body.services.map((r) => ({
        ...r,
        channels: r.channels.map((c) => `${c.channel}/${c.handling}:${c.count}`).join(' '),
      }));
    sendStats(req, res, q.format, body, csvRows, `services-${body.period.from}-${body.period.to}`, CSV_COLUMNS.services);
  }

  @StatsEndpoint('costs', 'Estimated cost of contact per channel and handling (money in pounds, unrounded in JSON)', CostStatsDto,
    'one row per channel and handling, money rounded to the penny')
  async costs(@Query() q: StatsQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const body = await this.stats.costs(periodOf(q), filtersOf(q, this.config));
    // CSV is a report: money rounded to the penny, from the exact amount.
    const csvRows = () => body.channels.map((r) => ({ ...r, cost: toPence(exactCost(r)) }));
    sendStats(req, res, q.format, body, csvRows, `costs-${body.period.from}-${body.period.to}`, CSV_COLUMNS.costs);
  }

  @StatsEndpoint('summary', 'Every figure of a period at once, unfiltered: channels, channel shift by month, chatbot, centres, services, costs, tiers',
    StatsSummaryDto, '')
  summary(@Query() q: PeriodOnlyQueryDto): Promise<StatsSummaryDto> {
    return this.stats.summary(periodOf(q));
  }
}
