import { existsSync, readFileSync } from 'fs';
import { resolve } from 'path';
import { largestRemainderPercents, share } from './shares';

/** Appendix 1 (1 Jan – 31 Dec 2021), as in config/reference/appendix1-2021.csv, in seed row order. */
const APPENDIX_1: [label: string, handling: 'self_service' | 'assisted', contacts: number][] = [
  ['Online Self Service', 'self_service', 445_735],
  ['VA Self-Service Apps', 'self_service', 8_898],
  ['VA Self-Service Switchboard', 'self_service', 69_676],
  ['VA Assisted Switchboard', 'assisted', 27_123],
  ['Telephony', 'assisted', 62_966],
  ['Online Assisted', 'assisted', 15_440],
  ['Web Chat (Civica)', 'assisted', 929],
  ['Paper Applications', 'assisted', 2_143],
  ['Postal Evidence (Civica)', 'assisted', 3_773],
];

/**
 * Brute-force reference, independent of the implementation: BigInt quotas, then hand out the
 * left-over points one at a time, each time scanning every row for the best remainder by
 * comparing the exact fractions r/total with cross-multiplication.
 */
function referencePercents(counts: number[]): (number | null)[] {
  const total = counts.reduce((a, b) => a + BigInt(b), 0n);
  if (total === 0n) return counts.map(() => null);
  const floors = counts.map((c) => (BigInt(c) * 100n) / total);
  const remainders = counts.map((c, i) => BigInt(c) * 100n - floors[i] * total);
  const bumped = counts.map(() => false);
  let left = 100n - floors.reduce((a, b) => a + b, 0n);
  for (; left > 0n; left--) {
    let best = -1;
    for (let i = 0; i < counts.length; i++) {
      if (bumped[i]) continue;
      const better =
        best < 0 ||
        remainders[i] > remainders[best] ||
        (remainders[i] === remainders[best] && counts[i] > counts[best]);
      if (better) best = i;
    }
    bumped[best] = true;
  }
  return floors.map((f, i) => Number(f) + (bumped[i] ? 1 : 0));
}

describe('share', () => {
  it('is count ÷ total, unrounded', () => {
    expect(share(112_374, 636_683)).toBe(112_374 / 636_683);
    expect(share(1, 3)).toBe(1 / 3);
    expect(share(0, 5)).toBe(0);
    expect(share(5, 5)).toBe(1);
  });

  it('is null when the total is 0', () => {
    expect(share(0, 0)).toBeNull();
  });
});

describe('largestRemainderPercents on the Appendix 1 figures', () => {
  const total = APPENDIX_1.reduce((sum, [, , n]) => sum + n, 0);

  it('has the published total', () => {
    expect(total).toBe(636_683);
  });

  it('gives assisted 18% and self-service 82%', () => {
    const assisted = APPENDIX_1.filter(([, h]) => h === 'assisted').reduce((s, [, , n]) => s + n, 0);
    const selfService = total - assisted;
    expect(assisted).toBe(112_374);
    expect(selfService).toBe(524_309);
    expect(largestRemainderPercents([assisted, selfService])).toEqual([18, 82]);
    expect(share(selfService, total)).toBeCloseTo(0.8235, 4);
  });

  it('rounds the nine channel rows to 100 exactly', () => {
    const percents = largestRemainderPercents(APPENDIX_1.map(([, , n]) => n));
    // Floors 70,1,10,4,9,2,0,0,0 = 96; the four largest remainders (switchboard self-service,
    // telephony, postal, online assisted) take one point each.
    expect(percents).toEqual([70, 1, 11, 4, 10, 3, 0, 0, 1]);
    expect((percents as number[]).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('matches the CSV in the shared data folder', () => {
    // The table above is a copy; fail loudly if the shared reference data ever changes. The
    // shared folder sits beside the repository checkout and may be absent elsewhere.
    const csv = resolve(__dirname, '../../../../shared/data/appendix1-2021.csv');
    if (!existsSync(csv)) return;
    const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
    expect(rows.map((r) => [r[0], r[2], +r[4]])).toEqual(APPENDIX_1);
  });
});

describe('largestRemainderPercents: edges and ties', () => {
  it('gives all null for a zero total', () => {
    expect(largestRemainderPercents([0, 0, 0])).toEqual([null, null, null]);
    expect(largestRemainderPercents([])).toEqual([]);
  });

  it('keeps exact rows exact', () => {
    expect(largestRemainderPercents([1, 1, 2])).toEqual([25, 25, 50]);
    expect(largestRemainderPercents([7])).toEqual([100]);
    expect(largestRemainderPercents([0, 3, 0])).toEqual([0, 100, 0]);
  });

  it('breaks equal remainders by the larger count, then the earlier row', () => {
    expect(largestRemainderPercents([1, 1, 1])).toEqual([34, 33, 33]);
    expect(largestRemainderPercents([1, 2, 1, 2])).toEqual([17, 33, 17, 33]);
    // 1/12 and 10/12 both leave remainder 4 of 12: the larger count wins the last point.
    expect(largestRemainderPercents([1, 10, 1])).toEqual([8, 84, 8]);
  });

  it('does not trust float fractions (they order [1, 10, 1] the wrong way)', () => {
    const frac = (x: number) => x - Math.floor(x);
    expect(frac(100 / 12)).toBeGreaterThan(frac(1000 / 12)); // the trap a float version falls into
    expect(largestRemainderPercents([2, 5, 5])).toEqual([16, 42, 42]);
    expect(largestRemainderPercents([4, 7, 4])).toEqual([27, 47, 26]);
  });

  it('rejects counts that are not non-negative integers', () => {
    expect(() => largestRemainderPercents([1, -1])).toThrow(RangeError);
    expect(() => largestRemainderPercents([1.5])).toThrow(RangeError);
    expect(() => largestRemainderPercents([NaN])).toThrow(RangeError);
  });

  it('refuses totals too large to stay exact', () => {
    expect(() => largestRemainderPercents([Number.MAX_SAFE_INTEGER])).toThrow(/too large/);
    expect(largestRemainderPercents([45_035_996_273_704, 45_035_996_273_700])).toEqual([50, 50]);
  });
});

describe('largestRemainderPercents agrees with a brute-force reference', () => {
  let seed = 20211231;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };

  it.each([
    ['small counts, many ties', 10],
    ['medium counts', 1_000],
    ['large counts', 1_000_000_000],
  ])('%s', (_name, max) => {
    for (let run = 0; run < 3_000; run++) {
      const counts = Array.from({ length: 1 + rand(12) }, () => (rand(4) === 0 ? 0 : rand(max)));
      const got = largestRemainderPercents(counts);
      expect(got).toEqual(referencePercents(counts));
      if (got.every((p) => p !== null)) {
        expect((got as number[]).reduce((a, b) => a + b, 0)).toBe(100);
        // Each percent is its quota rounded down or up.
        const total = counts.reduce((a, b) => a + b, 0);
        got.forEach((p, i) => expect(Math.abs((p as number) - (counts[i] * 100) / total)).toBeLessThan(1));
      }
    }
  });

  it('handles duplicated rows (pure ties) the same way as the reference', () => {
    for (let run = 0; run < 1_000; run++) {
      const value = 1 + rand(50);
      const counts = Array.from({ length: 1 + rand(9) }, () => (rand(2) ? value : value * 2));
      expect(largestRemainderPercents(counts)).toEqual(referencePercents(counts));
    }
  });
});
