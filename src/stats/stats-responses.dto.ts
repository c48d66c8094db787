/**
 * The answers of the statistics endpoints, as classes so the OpenAPI plugin describes each one
 * in /docs (this file's name ends in .dto.ts for that). Definitions: docs/definitions.md.
 */
import type { Interval } from '../periods/period';

export class PeriodDto {
  /** First local date (Europe/London), inclusive. */
  from: string;
  /** Last local date, inclusive. */
  to: string;
}

export class ShareDto {
  count: number;
  /** Exact: count ÷ total; null when the total is 0. */
  share: number | null;
  /** Integer percent by largest remainder; null when the total is 0. */
  percent: number | null;
}

export class ChannelRowDto extends ShareDto {
  channel: string;
  handling: 'self_service' | 'assisted';
  /** Only with `by=source`. */
  source?: string;
  /** Report label from config/channels.json (Appendix 1 row labels). */
  label: string;
}

export class ChannelStatsDto {
  period: PeriodDto;
  total: number;
  assisted: ShareDto;
  selfService: ShareDto;
  /** Largest count first. */
  channels: ChannelRowDto[];
}

export class ShiftItemDto {
  from: string;
  to: string;
  total: number;
  assisted: number;
  selfService: number;
  /** self-service ÷ total; null without contacts. */
  selfServiceShare: number | null;
  /** Change of the share against the previous item, in percentage points; null for the first item or a missing share. */
  changePp: number | null;
}

export class ChannelShiftDto {
  period: PeriodDto;
  /** `month`, `fy_quarter`, `fy` or `year`. */
  interval: Interval;
  series: ShiftItemDto[];
}

export class ChatbotItemDto {
  from: string;
  to: string;
  chatbot: number;
  escalated: number;
  webchat: number;
}

export class ChatbotStatsDto {
  period: PeriodDto;
  chatbot: number;
  escalated: number;
  /** (chatbot − escalated) ÷ chatbot; null without chatbot contacts. */
  containment: number | null;
  webchat: number;
  /** One item per month of the period. */
  series: ChatbotItemDto[];
}

export class SatisfactionDto {
  responses: number;
  mean: number | null;
}

export class CentreRowDto {
  /** null: contacts without a centre (listed last, only when there are some). */
  centre: string | null;
  contacts: number;
  selfServiceShare: number | null;
  /** resolved ÷ (with an outcome − abandoned). */
  firstContactResolution: number | null;
  abandonmentRate: number | null;
  averageSpeedOfAnswerSeconds: number | null;
  /** Answered within the threshold ÷ contacts carrying a wait. */
  serviceLevel: number | null;
  averageHandlingSeconds: number | null;
  /** Out of hours ÷ contacts with a time of day (volumes have none). */
  outOfHoursShare: number | null;
  satisfaction: SatisfactionDto;
}

export class HandoffDto {
  /** Sending centre; null for contacts without a centre. */
  from: string | null;
  /** Receiving centre. */
  to: string;
  count: number;
}

export class CentreStatsDto {
  period: PeriodDto;
  /** The service-level threshold the figures were counted with (config/metrics.json). */
  serviceLevelThresholdSeconds: number;
  /** Every configured centre in config order, then contacts without a centre. */
  centres: CentreRowDto[];
  /** Sending centre in config order, then receiving centre in config order. */
  handoffs: HandoffDto[];
}

export class ChannelCountDto {
  channel: string;
  handling: 'self_service' | 'assisted';
  count: number;
}

export class ServiceRowDto {
  /** null: contacts without a service (listed last). */
  service: string | null;
  contacts: number;
  assisted: number;
  selfService: number;
  selfServiceShare: number | null;
  /** Largest count first. */
  channels: ChannelCountDto[];
  firstContactResolution: number | null;
  /** Repeats ÷ contacts carrying a case reference and a service. */
  repeatContactRate: number | null;
}

export class ServiceStatsDto {
  period: PeriodDto;
  /** Largest assisted volume first. */
  services: ServiceRowDto[];
}

export class CostRowDto extends ChannelCountDto {
  /** Pounds per contact, from config/costs.json. */
  unitCost: number;
  /** count × unit cost in pounds, unrounded (CSV: rounded to the penny). */
  cost: number;
}

export class CostStatsDto {
  period: PeriodDto;
  currency: string;
  /** Σ cost, exact before the final conversion to pounds. */
  total: number;
  /** Config order of channels and their handlings. */
  channels: CostRowDto[];
}
