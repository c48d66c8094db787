import { IsNumber, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsStorableText } from '../common/validation/domain-validators';

export const MAX_COMMENTARY = 4000;

/** `PUT /v1/indicators/:id/values/:period`: a reported indicator's value and commentary for one period. */
export class IndicatorValueDto {
  /** The value in the indicator's unit (a share as a fraction, 0.9); null when there is none for the period. */
  @ValidateIf((o: IndicatorValueDto) => o.value !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value: number | null;
  /** Performance details, up to 4,000 characters. */
  @IsOptional() @IsString() @IsStorableText() @MaxLength(MAX_COMMENTARY) performance?: string;
  /** Current activity, up to 4,000 characters. */
  @IsOptional() @IsString() @IsStorableText() @MaxLength(MAX_COMMENTARY) currentActivity?: string;
  /** Future activity, up to 4,000 characters. */
  @IsOptional() @IsString() @IsStorableText() @MaxLength(MAX_COMMENTARY) futureActivity?: string;
}

export class StoredIndicatorValueDto {
  indicator: string;
  /** Canonical period label. */
  period: string;
  value: number | null;
  performance: string | null;
  currentActivity: string | null;
  futureActivity: string | null;
}

export class ChangeDto {
  /** value − the earlier value. */
  absolute: number;
  /** absolute ÷ the earlier value × 100, unrounded; null when the earlier value is 0. */
  percent: number | null;
}

export class KpiDto {
  id: string;
  title: string;
  /** `derived` (from contacts or tiers) or `reported` (PUT /v1/indicators/:id/values/:period). */
  source: 'derived' | 'reported';
  /** `share` (a fraction), `count`, `money` or `days`. */
  unit: string;
  /** `higher` or `lower` is better, or `none`. */
  polarity: string;
  value: number | null;
  target: number | null;
  /** `Green`, `Amber`, `Red` or `No Status`. */
  rag: string;
  /** `Improving`, `Deteriorating`, `No Noticeable Change` or `N/A`. */
  directionOfTravel: string;
  /** The value for the period of the same kind just before. */
  previous: number | null;
  /** The value for the same period a year before. */
  samePeriodLastYear: number | null;
  changeFromPrevious: ChangeDto | null;
  changeFromLastYear: ChangeDto | null;
  /** Reported indicators only: the stored commentary (null when none). */
  performance?: string | null;
  currentActivity?: string | null;
  futureActivity?: string | null;
}

export class KpisDto {
  /** Canonical period label. */
  period: string;
  indicators: KpiDto[];
}
