import { Injectable } from '@nestjs/common';
import { ReferenceConfig } from '../config/reference-config';
import { Interval, intervalsOf, Period } from '../periods/period';
import { TierStatsService } from '../tiers/tier-stats.service';
import { allCentreSums, centreFigures, centreMetrics } from './figures/centres';
import { channelMix } from './figures/channel-mix';
import { channelShift } from './figures/channel-shift';
import { chatbotFigures } from './figures/chatbot';
import { costFigures } from './figures/costs';
import { serviceFigures } from './figures/services';
import {
  CENTRE_SUMS, CHANNEL_COUNTS, CHANNEL_SOURCE_COUNTS, CHATBOT_COUNTS, HANDOFF_COUNTS, SERVICE_SUMS, SHIFT_COUNTS,
} from './metric-queries';
import type { Filters } from './stats-filter';
import type {
  CentreStatsDto, ChannelShiftDto, ChannelStatsDto, ChatbotStatsDto, CostStatsDto, ServiceStatsDto,
} from './stats-responses.dto';
import type { StatsSummaryDto } from './stats-summary.dto';
import { StatsRepository } from './stats.repository';

/** Every contact statistic of a period: a query over the aggregates, then its pure figure function. */
@Injectable()
export class StatsService {
  constructor(
    private readonly repo: StatsRepository,
    private readonly config: ReferenceConfig,
    private readonly tiers: TierStatsService,
  ) {}

  async channels(period: Period, filters: Filters, bySource: boolean): Promise<ChannelStatsDto> {
    const counts = await this.repo.read(bySource ? CHANNEL_SOURCE_COUNTS : CHANNEL_COUNTS, period, filters);
    return channelMix(this.config, period, counts, bySource);
  }

  async channelShift(period: Period, filters: Filters, interval: Interval): Promise<ChannelShiftDto> {
    const intervals = intervalsOf(period, interval);
    return channelShift(period, interval, intervals, await this.repo.read(SHIFT_COUNTS, period, filters, intervals));
  }

  async chatbot(period: Period, filters: Filters): Promise<ChatbotStatsDto> {
    const months = intervalsOf(period, 'month');
    return chatbotFigures(period, months, await this.repo.read(CHATBOT_COUNTS, period, filters, months));
  }

  async centres(period: Period, filters: Filters): Promise<CentreStatsDto> {
    const [sums, handoffs] = await Promise.all([
      this.repo.read(CENTRE_SUMS, period, filters),
      this.repo.read(HANDOFF_COUNTS, period, filters),
    ]);
    return centreFigures(this.config, period, sums, handoffs);
  }

  async services(period: Period, filters: Filters): Promise<ServiceStatsDto> {
    return serviceFigures(this.config, period, await this.repo.read(SERVICE_SUMS, period, filters));
  }

  async costs(period: Period, filters: Filters): Promise<CostStatsDto> {
    return costFigures(this.config, period, await this.repo.read(CHANNEL_COUNTS, period, filters));
  }

  /**
   * Every figure of a period at once, unfiltered (for the report and the dashboard): the same
   * figures the single endpoints answer, with channel counts read once for the mix and the costs,
   * and centre sums once for the centres and the contact centre as a whole (`allCentres`).
   */
  async summary(period: Period): Promise<StatsSummaryDto> {
    const months = intervalsOf(period, 'month');
    const [counts, shift, chatbot, centreSums, handoffs, services, tiers] = await Promise.all([
      this.repo.read(CHANNEL_COUNTS, period, {}),
      this.repo.read(SHIFT_COUNTS, period, {}, months),
      this.repo.read(CHATBOT_COUNTS, period, {}, months),
      this.repo.read(CENTRE_SUMS, period, {}),
      this.repo.read(HANDOFF_COUNTS, period, {}),
      this.services(period, {}),
      this.tiers.tiers(period, 'final'),
    ]);
    return {
      period: { from: period.from, to: period.to },
      channels: channelMix(this.config, period, counts, false),
      channelShift: channelShift(period, 'month', months, shift),
      chatbot: chatbotFigures(period, months, chatbot),
      centres: centreFigures(this.config, period, centreSums, handoffs),
      allCentres: centreMetrics(allCentreSums(centreSums)),
      services,
      costs: costFigures(this.config, period, counts),
      tiers,
    };
  }
}
