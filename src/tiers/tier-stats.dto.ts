/**
 * The answers of the tier endpoints, as classes so the OpenAPI plugin describes them in /docs.
 * Tier rules: docs/definitions.md "3 Conversations tiers".
 */
import { PeriodDto } from '../stats/stats-responses.dto';

export class TierFigureDto {
  /** 0–5. */
  tier: number;
  cases: number;
  /** cases ÷ all cases; null without cases. */
  share: number | null;
  /** Integer percent by largest remainder; null without cases. */
  percent: number | null;
}

export class TierStatsDto {
  period: PeriodDto;
  /** Cases whose first event falls in the period. */
  cases: number;
  /** Tiers 0–5, each listed. */
  tiers: TierFigureDto[];
  /** Cases whose peak tier is at most 1 ÷ all cases; null without cases. */
  frontDoorResolution: number | null;
  /** Cases whose peak tier is 2 or more. */
  demandIntoAdultSocialCare: number;
}

export class TransitionDto {
  from: number;
  to: number;
  count: number;
}

export class JourneyDto {
  entry: number;
  final: number;
  cases: number;
}

export class TierFlowsDto {
  period: PeriodDto;
  cases: number;
  /** Changes of tier between consecutive events of a case. */
  transitions: TransitionDto[];
  /** Cases by entry and final tier. */
  journeys: JourneyDto[];
}
