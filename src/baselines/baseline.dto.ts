import { IsOptional, IsString, Length } from 'class-validator';
import { IsSlug, IsStorableText } from '../common/validation/domain-validators';

/** `POST /v1/baselines`: a name and either `period` or `from` + `to`. */
export class CreateBaselineDto {
  /** A slug, e.g. `fy2021_22`; unique. */
  @IsSlug() name: string;
  /** `2021`, `2021-12`, `FY2021-22` or `FY2021-22-Q3`; or give `from` and `to`. */
  @IsOptional() @IsString() @IsStorableText() period?: string;
  /** First local date, inclusive (YYYY-MM-DD). */
  @IsOptional() @IsString() @IsStorableText() from?: string;
  /** Last local date, inclusive (YYYY-MM-DD). */
  @IsOptional() @IsString() @IsStorableText() to?: string;
  @IsOptional() @IsString() @IsStorableText() @Length(1, 1000) description?: string;
}
