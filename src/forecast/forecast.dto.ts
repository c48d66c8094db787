/**
 * Queries and answers of the forecast and staffing endpoints, as classes so the OpenAPI plugin
 * describes them in /docs. Values are checked in forecast-params.ts, each problem naming its field
 * (so required ones are declared required for /docs but checked there, with the contract's words).
 */
import { IntersectionType, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { IsSlug } from '../common/validation/domain-validators';
import type { ErlangAnswer } from './erlang';

class FormatQueryDto {
  /** `json` (default) or `csv`; `Accept: text/csv` also gives CSV. */
  @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

class SelectionQueryDto extends FormatQueryDto {
  /** Channel forecast. */
  @IsOptional() @IsSlug() channel!: string;
  /** One centre; all centres when absent. */
  @IsOptional() @IsSlug() centre?: string;
}

export class ForecastQueryDto extends SelectionQueryDto {
  /** One service; all services when absent. */
  @IsOptional() @IsSlug() service?: string;
  /** First local date forecast (YYYY-MM-DD); the forecast is made from the history before it. */
  @IsOptional() @IsString() from!: string;
  /** Last local date forecast, at most 13 weeks after `from`. */
  @IsOptional() @IsString() to!: string;
  /** `day` (default) or `half_hour`. */
  @IsOptional() @IsIn(['day', 'half_hour']) interval?: 'day' | 'half_hour';
  /** Weeks (1–13) of actual daily contacts before `from` to answer beside the forecast, as `actual`. */
  @IsOptional() @IsString() history?: string;
}

class TargetQueryDto {
  /** Share to answer within `answerSeconds`, in (0, 1); default 0.8. */
  @IsOptional() @IsString() serviceLevel?: string;
  /** Default 20. */
  @IsOptional() @IsString() answerSeconds?: string;
  /** Highest occupancy, in (0, 1]; default 0.85. */
  @IsOptional() @IsString() maxOccupancy?: string;
  /** Share of paid time away from contacts, in [0, 1); default 0.3. */
  @IsOptional() @IsString() shrinkage?: string;
  /** Mean handling time in seconds; default the measured mean over the forecast's basis. */
  @IsOptional() @IsString() ahtSeconds?: string;
}

export class StaffingQueryDto extends IntersectionType(SelectionQueryDto, TargetQueryDto) {
  /** The local date staffed (YYYY-MM-DD). */
  @IsOptional() @IsString() date!: string;
}

class ErlangNumbersDto {
  /** Contacts arriving in the interval. */
  @IsOptional() @IsString() contacts!: string;
  /** Length of the interval in minutes; default 30. */
  @IsOptional() @IsString() intervalMinutes?: string;
  /** Mean handling time in seconds. */
  @IsOptional() @IsString() ahtSeconds!: string;
}

export class ErlangQueryDto extends IntersectionType(ErlangNumbersDto, OmitType(TargetQueryDto, ['ahtSeconds'] as const)) {}

export class BasisDto {
  /** First local date of the history the forecast was made from. */
  from: string;
  /** Last local date of that history: the day before the forecast's first. */
  to: string;
}

export class BacktestDto {
  /** Weeks at the end of the basis forecast from the history before them. */
  weeks: number;
  /** Σ|actual − forecast| ÷ Σ actual of the method over those weeks; null without contacts. */
  wape: number | null;
  /** The same for seasonal naive (each day as the same weekday a week earlier), for comparison. */
  seasonalNaiveWape: number | null;
}

export class ForecastItemDto {
  /** Local date (`day`) or ISO instant (`half_hour`). */
  from: string;
  /** Local date (`day`, inclusive) or ISO instant (`half_hour`, exclusive). */
  to: string;
  /** Point forecast, not rounded. */
  contacts: number;
  /** 80 % interval, lower end. */
  low: number;
  /** 80 % interval, upper end. */
  high: number;
}

export class ActualDayDto {
  /** Local date. */
  from: string;
  /** The same local date (inclusive). */
  to: string;
  /** Contacts counted that day. */
  contacts: number;
}

export class ForecastDto {
  basis: BasisDto;
  /** `holt-winters-damped-weekly`: see docs/forecasting.md. */
  method: string;
  backtest: BacktestDto;
  series: ForecastItemDto[];
  /**
   * Only with `history`: contacts counted per day from `history` weeks before `from` to `to`,
   * ending before today (a day not yet over has no actual); for charts beside the forecast.
   */
  actual?: ActualDayDto[];
}

/** The calculator's answer as the API documents it; the compiler keeps it in step with ErlangAnswer. */
export class ErlangDto implements ErlangAnswer {
  contacts: number;
  ahtSeconds: number;
  /** contacts × AHT ÷ interval seconds. */
  trafficErlangs: number;
  /** Smallest n > A meeting the service level with occupancy ≤ maxOccupancy (Erlang C); 0 for no contacts. */
  agents: number;
  /** Achieved: 1 − P(wait) × e^(−(n − A) × answerSeconds ÷ AHT); null with no contacts. */
  serviceLevel: number | null;
  /** P(wait) × AHT ÷ (n − A); null with no contacts. */
  asaSeconds: number | null;
  /** A ÷ n; null with no contacts. */
  occupancy: number | null;
  /** ⌈agents ÷ (1 − shrinkage)⌉, exact. */
  staff: number;
}

export class StaffingIntervalDto extends ErlangDto {
  /** ISO instant, inclusive. */
  from: string;
  /** ISO instant, exclusive. */
  to: string;
}

export class StaffingTotalDto {
  contacts: number;
  /** Σ agents × ½ hour. */
  agentHours: number;
  /** Σ staff × ½ hour. */
  staffHours: number;
}

export class StaffingDto {
  date: string;
  basis: BasisDto;
  /** Each half-hour of the centre's opening hours that day; none on a closed day. */
  intervals: StaffingIntervalDto[];
  total: StaffingTotalDto;
}
