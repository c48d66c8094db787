import type { ChannelCountDto } from '../stats/stats-responses.dto';

/**
 * Cost avoided by channel shift (docs/definitions.md "cost of contact"; docs/http-contract.md
 * "Baselines"): the period's cost had its contacts kept the baseline's mix of channel and
 * handling, minus its actual cost.
 *
 *   Σ over (channel, handling) of (baseline count ÷ baseline total) × period total × unit cost
 *   − Σ over (channel, handling) of period count × unit cost
 *
 * Null when the baseline has no contacts (it has no mix). Money in pounds, unrounded.
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
  const baselineUnitCost = baseline.reduce((s, r) => s + r.count * unitCost(r.channel, r.handling), 0) / baselineTotal;
  const actual = current.reduce((s, r) => s + r.count * unitCost(r.channel, r.handling), 0);
  return baselineUnitCost * total - actual;
}
