import { IsIn, IsOptional, IsString } from 'class-validator';
import { IsSlug } from '../common/validation/domain-validators';

/** The period and filters every statistics call takes (docs/http-contract.md "Selecting a period"). */
export class PeriodQueryDto {
  /** `2021`, `2021-12`, `FY2021-22` or `FY2021-22-Q3`; or give `from` and `to`. */
  @IsOptional() @IsString() period?: string;
  /** First local date, inclusive (YYYY-MM-DD). */
  @IsOptional() @IsString() from?: string;
  /** Last local date, inclusive (YYYY-MM-DD). */
  @IsOptional() @IsString() to?: string;
  /** `json` (default) or `csv`; `Accept: text/csv` also gives CSV. */
  @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

export class StatsQueryDto extends PeriodQueryDto {
  @IsOptional() @IsSlug() centre?: string;
  @IsOptional() @IsSlug() service?: string;
  @IsOptional() @IsSlug() source?: string;
  @IsOptional() @IsSlug() channel?: string;
}
