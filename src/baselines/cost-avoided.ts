import { exactCost } from '../stats/figures/costs';
import { Fixed, plus, ZERO } from '../stats/figures/money';
import type { ChannelCountDto } from '../stats/stats-responses.dto';

/**
 * Cost avoided by channel shift (docs/definitions.md "cost of contact"; docs/http-contract.md
 * "Baselines"): the period's cost had its contacts kept the baseline's mix of channel and
 * handling, minus its actual cost.
 *
 *   Σ over (channel, handling) of (baseline count ÷ baseline total) × period total × unit cost
 *   − Σ over (channel, handling) of period count × unit cost
 *
 * Null when the baseline has no contacts (it has no mix). Money in pounds, unrounded, computed
 * exactly from the unit costs as written (no floating-point sums).
 */
export type MixCount = ChannelCountDto;

export function costAvoided(
  baseline: readonly MixCount[],
  current: readonly MixCount[],
  unitCost: (channel: string, handling: MixCount['handling']) => number,
): number | null {
  const baselineTotal = baseline.reduce((s, r) => s + r.count, 0);
  if (baselineTotal === 0) return null;
  const total = current.reduce((s, r) => s + r.count, 0);
  const costOf = (rows: readonly MixCount[]) => rows.reduce((sum, r) => plus(sum, exactCost({ count: r.count, unitCost: unitCost(r.channel, r.handling) })), ZERO);
  // Exact as a fraction over the baseline total: (baseline cost × period total − actual cost ×
  // baseline total) ÷ baseline total, so the only rounding is the final one to a double.
  const [atBaselineCost, actual] = sameScale(costOf(baseline), costOf(current));
  const numerator = atBaselineCost.units * BigInt(total) - actual.units * BigInt(baselineTotal);
  return quotient(numerator, BigInt(baselineTotal) * 10n ** BigInt(actual.scale));
}

function sameScale(a: Fixed, b: Fixed): [Fixed, Fixed] {
  const scale = Math.max(a.scale, b.scale);
  const at = (f: Fixed): Fixed => ({ units: f.units * 10n ** BigInt(scale - f.scale), scale });
  return [at(a), at(b)];
}

/** n ÷ d as the nearest double, without first turning a large n into a double. */
function quotient(n: bigint, d: bigint): number {
  return Number(n / d) + Number(n % d) / Number(d);
}
