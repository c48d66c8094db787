import { IsOptional, IsString, Length } from 'class-validator';
import { IsSlug, IsStorableText } from '../common/validation/domain-validators';
import { ChannelCountDto, PeriodDto } from '../stats/stats-responses.dto';

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

export class TierCasesDto {
  /** 0–5. */
  tier: number;
  cases: number;
}

export class BaselineTiersDto {
  cases: number;
  /** All six tiers each, in tier order. */
  final: TierCasesDto[];
  peak: TierCasesDto[];
  entry: TierCasesDto[];
}

export class BaselineChannelsDto {
  total: number;
  selfService: number;
  assisted: number;
  channels: ChannelCountDto[];
}

/** What a baseline freezes: never recomputed from later data. */
export class BaselineSnapshotDto {
  name: string;
  description: string | null;
  period: PeriodDto;
  createdAt: string;
  tiers: BaselineTiersDto;
  channels: BaselineChannelsDto;
}

export class BaselineListDto {
  /** Oldest first. */
  baselines: BaselineSnapshotDto[];
}

export class ProportionComparisonDto {
  baselineShare: number | null;
  share: number | null;
  /** (share − baselineShare) × 100; null when either share is null. */
  changePp: number | null;
  /** Two-sided pooled two-proportion z-test; null when either side has no cases. */
  pValue: number | null;
  /** pValue < 0.05; false when pValue is null. */
  significant: boolean;
}

export class TierComparisonDto extends ProportionComparisonDto {
  tier: number;
  baselineCases: number;
  cases: number;
}

export class BaselineRefDto {
  name: string;
  period: PeriodDto;
}

export class BaselineComparisonDto {
  baseline: BaselineRefDto;
  period: PeriodDto;
  /** By final tier. */
  tiers: TierComparisonDto[];
  selfService: ProportionComparisonDto;
  /** Pounds, unrounded; null when the baseline has no contacts (docs/definitions.md "cost of contact"). */
  costAvoided: number | null;
}
