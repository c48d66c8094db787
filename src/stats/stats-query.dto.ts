import { IsIn, IsOptional, IsString } from 'class-validator';
import { IsSlug } from '../common/validation/domain-validators';
import { Interval, INTERVALS } from '../periods/period';

/** A period: `period`, or `from` and `to` (docs/http-contract.md "Selecting a period"). */
export class PeriodOnlyQueryDto {
  /** `2021`, `2021-12`, `FY2021-22` or `FY2021-22-Q3`; or give `from` and `to`. */
  @IsOptional() @IsString() period?: string;
  /** First local date, inclusive (YYYY-MM-DD). */
  @IsOptional() @IsString() from?: string;
  /** Last local date, inclusive (YYYY-MM-DD). */
  @IsOptional() @IsString() to?: string;
}

/** The period and answer format every statistics call takes. */
export class PeriodQueryDto extends PeriodOnlyQueryDto {
  /** `json` (default) or `csv`; `Accept: text/csv` also gives CSV. */
  @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

export class StatsQueryDto extends PeriodQueryDto {
  @IsOptional() @IsSlug() centre?: string;
  @IsOptional() @IsSlug() service?: string;
  @IsOptional() @IsSlug() source?: string;
  @IsOptional() @IsSlug() channel?: string;
}

export class ChannelQueryDto extends StatsQueryDto {
  /** `source` splits rows by sending system. */
  @IsOptional() @IsIn(['source']) by?: 'source';
}

export class ChannelShiftQueryDto extends StatsQueryDto {
  /** Length of each series item: `month` (default), `fy_quarter`, `fy` or `year`. */
  @IsOptional() @IsIn(INTERVALS) interval?: Interval;
}
