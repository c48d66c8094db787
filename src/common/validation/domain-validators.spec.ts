import { prng } from '../../../test/support/random';
import { isCanonicalUtc, isInstant } from './domain-validators';

/** Independent oracle for the 24-character UTC shape: in our year range and unchanged by a round trip through Date. */
function oracle(v: string): boolean {
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return false;
  const year = new Date(ms).getUTCFullYear();
  return year >= 1900 && year <= 2999 && new Date(ms).toISOString() === v;
}

describe('isInstant, canonical UTC fast path', () => {
  it('agrees with a Date round trip on 50,000 mutated timestamps', () => {
    const random = prng(7);
    const chars = '0123456789-:.TZ x';
    let accepted = 0;
    for (let i = 0; i < 50_000; i++) {
      const base = new Date(Date.UTC(1880, 0, 1) + random() * 1000 * 365.25 * 86_400_000).toISOString();
      const v = [...base];
      const mutations = Math.floor(random() * 3);
      for (let k = 0; k < mutations; k++) v[Math.floor(random() * v.length)] = chars[Math.floor(random() * chars.length)];
      const s = v.join('');
      const expected = oracle(s);
      if (isCanonicalUtc(s) !== expected) throw new Error(`fast path disagrees on ${s}: oracle says ${expected}`);
      if (expected) accepted++;
    }
    expect(accepted).toBeGreaterThan(10_000); // both answers were exercised
    expect(accepted).toBeLessThan(45_000);
  });

  it.each([
    ['2024-02-29T12:00:00.000Z', true],
    ['2023-02-29T12:00:00.000Z', false],
    ['1900-02-29T12:00:00.000Z', false],
    ['2000-02-29T12:00:00.000Z', true],
    ['2021-04-31T00:00:00.000Z', false],
    ['2021-03-31T24:00:00.000Z', false],
    ['2021-03-31T23:60:00.000Z', false],
    ['2021-03-31T23:59:60.000Z', false],
    ['1899-12-31T23:59:59.999Z', false],
    ['2021-03-31T23:30:00.000+00', false],
  ])('%s → %s, on both paths', (v, ok) => {
    expect(isCanonicalUtc(v)).toBe(ok);
    expect(isInstant(v)).toBe(ok);
  });

  it('leaves other shapes to the general path', () => {
    expect(isCanonicalUtc('2021-03-31T23:30:00Z')).toBe(false);
    expect(isInstant('2021-03-31T23:30:00Z')).toBe(true);
    expect(isInstant('2021-10-31T01:30:00+01:00')).toBe(true);
    expect(isInstant('2021-10-31T01:30:00')).toBe(false);
  });
});
