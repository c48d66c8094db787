import { agentsFor, decimalFraction, erlangB, erlangC, performance, staffFor, staffInterval } from './erlang';

const target = { serviceLevel: 0.8, answerSeconds: 20, maxOccupancy: 1, shrinkage: 0 };

describe('Erlang B', () => {
  // Published Erlang B tables (lines for a grade of service): 5 lines carry 1.36 E at 1 %,
  // 10 lines 4.46 E at 1 % and 5.08 E at 2 %, 20 lines 12.03 E at 1 %, 100 lines 84.06 E at 1 %.
  it.each([
    [5, 1.36, 0.01],
    [10, 4.46, 0.01],
    [10, 5.08, 0.02],
    [20, 12.03, 0.01],
    [100, 84.06, 0.01],
  ])('%i lines at %d Erlangs block %d', (n, a, grade) => {
    expect(erlangB(n, a)).toBeCloseTo(grade, 3);
  });

  it('is A^n/n! ÷ Σ A^k/k! for small n', () => {
    // n = 2, A = 1: (1/2) ÷ (1 + 1 + 1/2) = 0.2
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 12);
  });
});

describe('Erlang C', () => {
  it('matches the closed form for 3 agents and 2 Erlangs (4/9)', () => {
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12);
  });

  it('10 Erlangs at 80/20, AHT 180 s: 14 advisers giving 88.8 % (Call Centre Helper, "Erlang C formula made simple")', () => {
    // Their table: 11 → 39.0 %, 12 → 64.0 %, 13 → 79.6 %, 14 → 88.8 %, 15 → 94.1 %; 14 wait with P = 17.4 %.
    const levels = [11, 12, 13, 14, 15].map((n) => Math.round(performance(n, 10, 180, 20).serviceLevel * 1000) / 10);
    expect(levels).toEqual([39.0, 64.0, 79.6, 88.8, 94.1]);
    expect(erlangC(14, 10)).toBeCloseTo(0.1741, 4);
    expect(agentsFor(10, 180, target)).toBe(14);
  });

  it('360 calls a half-hour, 4 min each, 55 agents, 15 s (Westbay Engineers, "The Erlang-C formula")', () => {
    // Published: 48 Erlangs, occupancy 87.3 %, P(wait) 23.87 %, ASA 8.18 s, service level 84.6 %.
    const p = performance(55, 48, 240, 15);
    expect(erlangC(55, 48)).toBeCloseTo(0.2387, 4);
    expect(p.asaSeconds).toBeCloseTo(8.18, 2);
    expect(p.serviceLevel).toBeCloseTo(0.846, 3);
    expect(p.occupancy).toBeCloseTo(0.873, 3);
  });

  it('is 1 when the agents cannot keep up (n ≤ A)', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(erlangC(9, 10)).toBe(1);
  });

  it('stays finite and in [0, 1] for hundreds of Erlangs (no factorials)', () => {
    const n = agentsFor(300, 180, target);
    const p = performance(n, 300, 180, 20);
    expect(Number.isFinite(p.serviceLevel)).toBe(true);
    expect(p.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(performance(n - 1, 300, 180, 20).serviceLevel).toBeLessThan(0.8);
    expect(n).toBeGreaterThan(300);
    expect(n).toBeLessThan(330);
    const big = erlangC(5100, 5000);
    expect(big).toBeGreaterThan(0);
    expect(big).toBeLessThan(1);
  });
});

describe('agentsFor', () => {
  it('is the smallest n meeting the service level', () => {
    for (const a of [0.3, 2.5, 10, 47.2, 120]) {
      const n = agentsFor(a, 300, target);
      expect(performance(n, a, 300, 20).serviceLevel).toBeGreaterThanOrEqual(0.8);
      if (n - 1 > a) expect(performance(n - 1, a, 300, 20).serviceLevel).toBeLessThan(0.8);
    }
  });

  it('respects the occupancy cap', () => {
    // 300 Erlangs reach 80/20 at ~309 advisers (97 % busy); an 85 % cap needs ⌈300 / 0.85⌉ = 353.
    expect(agentsFor(300, 180, target)).toBeLessThan(353);
    expect(agentsFor(300, 180, { ...target, maxOccupancy: 0.85 })).toBe(353);
  });

  it('needs no one for no traffic', () => {
    expect(agentsFor(0, 180, target)).toBe(0);
  });
});

describe('staffFor', () => {
  it('is ⌈agents ÷ (1 − shrinkage)⌉ computed exactly', () => {
    expect(42 / (1 - 0.3)).toBeGreaterThan(60); // binary floating point says 60.00000000000001
    expect(staffFor(42, 0.3)).toBe(60);
    expect(staffFor(7, 0.3)).toBe(10);
    expect(staffFor(43, 0.3)).toBe(62); // 61.43 → 62
    expect(staffFor(13, 0.35)).toBe(20);
    expect(staffFor(1, 0)).toBe(1);
    expect(staffFor(0, 0.3)).toBe(0);
    expect(staffFor(99, 0.01)).toBe(100);
  });

  it('reads a share as the decimal it was written as', () => {
    expect(decimalFraction(0.3)).toEqual([3n, 10n]);
    expect(decimalFraction(0.125)).toEqual([125n, 1000n]);
    expect(decimalFraction(0)).toEqual([0n, 1n]);
  });
});

describe('staffInterval', () => {
  it('turns contacts into traffic over the interval', () => {
    const r = staffInterval(100, 180, 1800, { ...target, shrinkage: 0.3 });
    expect(r.trafficErlangs).toBe(10);
    expect(r.agents).toBe(14);
    expect(r.staff).toBe(20);
  });

  it('0 contacts need 0 agents and 0 staff', () => {
    expect(staffInterval(0, 180, 1800, { ...target, shrinkage: 0.3 })).toMatchObject({ agents: 0, staff: 0, serviceLevel: null });
  });
});
