/**
 * Year-on-year change in percent to two decimals, (this − last) ÷ last × 100, computed from the
 * counts in integers so no floating-point drift can move the rounding (half away from zero);
 * null without a previous year or from 0.
 */
export function yearOnYearPercent(current: number, previous: number | null | undefined): number | null {
  if (previous === null || previous === undefined || previous === 0) return null;
  const numerator = BigInt(current - previous) * 10000n;
  const denominator = BigInt(previous);
  const sign = numerator < 0n ? -1n : 1n;
  const magnitude = (sign * numerator * 2n + denominator) / (2n * denominator); // round half up on |x|
  return Number(sign * magnitude) / 100;
}
