import { TierStatsDto } from '../tiers/tier-stats.dto';
import {
  CentreRowDto, CentreStatsDto, ChannelShiftDto, ChannelStatsDto, ChatbotStatsDto, CostStatsDto, PeriodDto, ServiceStatsDto,
} from './stats-responses.dto';

/** Every figure of a period, unfiltered: each part is what its own endpoint answers for the period. */
export class StatsSummaryDto {
  period: PeriodDto;
  /** As `GET /v1/stats/channels`. */
  channels: ChannelStatsDto;
  /** As `GET /v1/stats/channel-shift` by month. */
  channelShift: ChannelShiftDto;
  /** As `GET /v1/stats/chatbot`. */
  chatbot: ChatbotStatsDto;
  /** As `GET /v1/stats/centres`, with hand-offs. */
  centres: CentreStatsDto;
  /** Every contact as one contact centre (`centre` null): the scorecard's first-contact resolution and abandonment. */
  allCentres: CentreRowDto;
  /** As `GET /v1/stats/services`. */
  services: ServiceStatsDto;
  /** As `GET /v1/stats/costs`. */
  costs: CostStatsDto;
  /** As `GET /v1/stats/tiers` by final tier. */
  tiers: TierStatsDto;
}
