/**
 * Exact money for cost of contact. Unit costs in config are decimal pounds (0.15, 2.83);
 * each is read as an integer number of the smallest decimal unit it uses, so count × unit cost
 * is integer arithmetic and only the final division by a power of ten meets floating point.
 */

/** Decimal places of a unit cost as written (2.83 → 2, 0.155 → 3). */
export function decimalsOf(amount: number): number {
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`unit cost must be a non-negative number, got ${amount}`);
  const text = String(amount);
  if (/e/i.test(text)) throw new RangeError(`unit cost ${text} has too many decimal places`);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** An amount as an exact fixed-point value: units of 10^-scale pounds. */
export interface Fixed { units: bigint; scale: number }

export function fixedOf(amount: number): Fixed {
  const scale = Math.max(2, decimalsOf(amount));
  const [whole, frac = ''] = String(amount).split('.');
  return { units: BigInt(whole + frac.padEnd(scale, '0')), scale };
}

export function times(f: Fixed, count: number): Fixed {
  return { units: f.units * BigInt(count), scale: f.scale };
}

export function plus(a: Fixed, b: Fixed): Fixed {
  const scale = Math.max(a.scale, b.scale);
  return { units: a.units * 10n ** BigInt(scale - a.scale) + b.units * 10n ** BigInt(scale - b.scale), scale };
}

export const ZERO: Fixed = { units: 0n, scale: 2 };

/** The nearest double to an exact amount (JSON money, unrounded). */
export function toPounds(f: Fixed): number {
  return Number(f.units) / 10 ** f.scale;
}

/** Rounded to the penny, half away from zero, as a plain decimal string ('1234.57'). */
export function toPence(f: Fixed): string {
  const divisor = 10n ** BigInt(f.scale - 2);
  const negative = f.units < 0n;
  const abs = negative ? -f.units : f.units;
  const pence = (abs + divisor / 2n) / divisor; // divisor is 1 at scale 2: exact
  const text = `${pence / 100n}.${String(pence % 100n).padStart(2, '0')}`;
  return negative && pence !== 0n ? `-${text}` : text;
}
