/**
 * Shares and rounded percentages for report tables (docs/definitions.md "Shares and percentages"; Appendix 1).
 *
 * Percentages use largest-remainder (Hamilton) rounding so a table's integer percents add up to
 * exactly 100, as in the Customer Experience report (18% + 82%). Remainders are compared as
 * integers — (count × 100) mod total — because float fractions can mis-order two rows whose
 * true remainders are equal, which would make published tables depend on rounding noise.
 */

/** count ÷ total, unrounded; null when there is nothing to divide by. */
export function share(count: number, total: number): number | null {
  return total === 0 ? null : count / total;
}

/** Largest total for which count × 100 stays an exact double. */
const MAX_TOTAL = Math.floor(Number.MAX_SAFE_INTEGER / 100);

/**
 * Integer percents of each count, summing to exactly 100 (all null when the total is 0).
 * Every row gets ⌊count × 100 ÷ total⌋; the points left over go one each to the rows with the
 * largest remainders, ties to the larger count, then to the earlier row.
 */
export function largestRemainderPercents(counts: readonly number[]): (number | null)[] {
  let total = 0;
  for (const c of counts) {
    if (!Number.isSafeInteger(c) || c < 0) throw new RangeError(`count must be a non-negative integer, got ${c}`);
    total += c;
  }
  if (total === 0) return counts.map(() => null);
  if (total > MAX_TOTAL) throw new RangeError(`total ${total} is too large for exact percentages`);

  const percents = new Array<number>(counts.length);
  const remainders = new Array<number>(counts.length);
  let leftOver = 100;
  for (let i = 0; i < counts.length; i++) {
    const scaled = counts[i] * 100; // exact: total ≤ MAX_TOTAL
    remainders[i] = scaled % total;
    percents[i] = (scaled - remainders[i]) / total; // exact integer division
    leftOver -= percents[i];
  }
  if (leftOver > 0) {
    // Σ remainders = leftOver × total with each remainder < total, so more than `leftOver`
    // rows have a remainder and a bonus point never lands on an exact row.
    const order = counts.map((_, i) => i);
    order.sort((a, b) => remainders[b] - remainders[a] || counts[b] - counts[a] || a - b);
    for (let k = 0; k < leftOver; k++) percents[order[k]]++;
  }
  return percents;
}
