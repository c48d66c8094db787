/**
 * Tier figures from per-tier case counts (docs/http-contract.md `GET /v1/stats/tiers` and "Baselines").
 * Pure: the counts come from SQL (cases of a period counted by final, peak or entry tier).
 *
 * - share = cases ÷ total (unrounded; null when the total is 0);
 * - percent = largest-remainder integer percents, so the six tiers add up to exactly 100;
 * - front-door resolution = cases whose peak tier ≤ 1 ÷ cases;
 * - demand into adult social care = cases whose peak tier ≥ 2;
 * - baseline comparison rows with a two-sided pooled two-proportion z-test.
 */
import { largestRemainderPercents } from '../common/arithmetic/shares';
import { Tier, TIERS } from './tier-rules';
import { twoProportionZTest } from './z-test';

/** Cases per tier; a missing tier has 0 cases. */
export type TierCounts = Partial<Record<Tier, number>>;

export interface TierFigure {
  tier: Tier;
  cases: number;
  share: number | null;
  percent: number | null;
}

export interface TierSummary {
  cases: number;
  tiers: TierFigure[];
  frontDoorResolution: number | null;
  demandIntoAdultSocialCare: number;
}

/** The change of one proportion against a baseline (also used for the self-service share). */
export interface ProportionComparison {
  baselineShare: number | null;
  share: number | null;
  /** (share − baselineShare) × 100; null when either share is null. */
  changePp: number | null;
  /** Two-sided pooled two-proportion z-test; null when either side has no cases. */
  pValue: number | null;
  /** pValue < 0.05; false when pValue is null. */
  significant: boolean;
}

export interface TierComparisonRow extends ProportionComparison {
  tier: Tier;
  baselineCases: number;
  cases: number;
}

export const SIGNIFICANCE_LEVEL = 0.05;

/** The six counts in tier order, validated: keys 0–5 only, values non-negative integers. */
export function tierCountList(counts: TierCounts): number[] {
  for (const key of Object.keys(counts)) {
    if (!TIERS.some((t) => String(t) === key)) throw new RangeError(`tier must be 0 to 5, got ${key}`);
  }
  return TIERS.map((tier) => {
    const cases = counts[tier] ?? 0;
    if (!Number.isSafeInteger(cases) || cases < 0) {
      throw new RangeError(`cases of tier ${tier} must be a non-negative integer, got ${cases}`);
    }
    return cases;
  });
}

/** All cases counted. */
export function totalCases(counts: TierCounts): number {
  return tierCountList(counts).reduce((sum, n) => sum + n, 0);
}

/**
 * Per-tier counts from query rows such as `SELECT final_tier AS tier, count(*) AS cases …
 * GROUP BY 1` (node-postgres returns bigint counts as strings), or from a stored baseline's
 * `tiers` list. Rows of the same tier are added up.
 */
export function tierCountsFromRows(
  rows: Iterable<{ tier: number | string; cases: number | string | bigint }>,
): TierCounts {
  const counts: Record<number, number> = {};
  for (const row of rows) {
    const tier = typeof row.tier === 'string' && /^\d$/.test(row.tier) ? Number(row.tier) : row.tier;
    if (!TIERS.includes(tier as Tier)) throw new RangeError(`tier must be 0 to 5, got ${JSON.stringify(row.tier)}`);
    const raw = row.cases;
    const cases = typeof raw === 'string' ? (/^\d+$/.test(raw) ? Number(raw) : NaN) : Number(raw);
    if (!Number.isSafeInteger(cases) || cases < 0) {
      throw new RangeError(`cases of tier ${tier} must be a non-negative integer, got ${JSON.stringify(String(raw))}`);
    }
    counts[tier as number] = (counts[tier as number] ?? 0) + cases;
  }
  return counts as TierCounts;
}

/** `{ tier, cases, share, percent }` for all six tiers, in tier order. */
export function tierFigures(counts: TierCounts): TierFigure[] {
  const list = tierCountList(counts);
  const total = list.reduce((sum, n) => sum + n, 0);
  const percents = largestRemainderPercents(list);
  return TIERS.map((tier, i) => ({
    tier,
    cases: list[i],
    share: total === 0 ? null : list[i] / total,
    percent: percents[i],
  }));
}

/** Cases whose peak tier ≤ 1 ÷ cases (counts by peak tier); null with no cases. */
export function frontDoorResolution(peakCounts: TierCounts): number | null {
  const list = tierCountList(peakCounts);
  const total = list.reduce((sum, n) => sum + n, 0);
  return total === 0 ? null : (list[0] + list[1]) / total;
}

/** Cases whose peak tier ≥ 2 (counts by peak tier). */
export function demandIntoAdultSocialCare(peakCounts: TierCounts): number {
  const list = tierCountList(peakCounts);
  return list[2] + list[3] + list[4] + list[5];
}

/**
 * The body of `GET /v1/stats/tiers` without `period`: tiers counted by the requested tier
 * (`counts`: final by default, or peak or entry), resolution and demand always by peak.
 * Both count the same cases, so their totals must agree.
 */
export function tierSummary(counts: TierCounts, peakCounts: TierCounts): TierSummary {
  const cases = totalCases(counts);
  const peakCases = totalCases(peakCounts);
  if (cases !== peakCases) throw new RangeError(`tier counts (${cases} cases) and peak counts (${peakCases}) disagree`);
  return {
    cases,
    tiers: tierFigures(counts),
    frontDoorResolution: frontDoorResolution(peakCounts),
    demandIntoAdultSocialCare: demandIntoAdultSocialCare(peakCounts),
  };
}

/**
 * share − baselineShare in percentage points. Computed as the exact fraction
 * (count·baselineTotal − baselineCount·total) × 100 ÷ (total·baselineTotal), rounded once, so
 * 1/10 → 3/10 is exactly 20 (not 19.999999999999996); falls back to subtracting the two shares
 * if the products would exceed 2^53.
 */
function changeInPoints(baselineCount: number, baselineTotal: number, count: number, total: number): number {
  const a = count * baselineTotal * 100;
  const b = baselineCount * total * 100;
  const d = total * baselineTotal;
  if (Number.isSafeInteger(a) && Number.isSafeInteger(b) && Number.isSafeInteger(d)) return (a - b) / d;
  return (count / total - baselineCount / baselineTotal) * 100;
}

/** One proportion (count ÷ total) against the baseline's (baselineCount ÷ baselineTotal). */
export function compareProportions(
  baselineCount: number,
  baselineTotal: number,
  count: number,
  total: number,
): ProportionComparison {
  // Validates all four counts (RangeError for x > n, negatives, fractions).
  const { pValue } = twoProportionZTest(count, total, baselineCount, baselineTotal);
  const baselineShare = baselineTotal === 0 ? null : baselineCount / baselineTotal;
  const share = total === 0 ? null : count / total;
  return {
    baselineShare,
    share,
    changePp: baselineShare === null || share === null ? null : changeInPoints(baselineCount, baselineTotal, count, total),
    pValue,
    significant: pValue !== null && pValue < SIGNIFICANCE_LEVEL,
  };
}

/** The `tiers` rows of `GET /v1/baselines/:name/comparison` (both sides counted by final tier). */
export function compareTiers(baselineCounts: TierCounts, counts: TierCounts): TierComparisonRow[] {
  const baseline = tierCountList(baselineCounts);
  const current = tierCountList(counts);
  const baselineTotal = baseline.reduce((sum, n) => sum + n, 0);
  const total = current.reduce((sum, n) => sum + n, 0);
  return TIERS.map((tier, i) => {
    const c = compareProportions(baseline[i], baselineTotal, current[i], total);
    // in the order of the API's rows
    return {
      tier,
      baselineCases: baseline[i],
      baselineShare: c.baselineShare,
      cases: current[i],
      share: c.share,
      changePp: c.changePp,
      pValue: c.pValue,
      significant: c.significant,
    };
  });
}
