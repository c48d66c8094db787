import {
  compareProportions,
  compareTiers,
  demandIntoAdultSocialCare,
  frontDoorResolution,
  SIGNIFICANCE_LEVEL,
  TierCounts,
  tierCountList,
  tierCountsFromRows,
  tierFigures,
  tierSummary,
  totalCases,
} from './tier-figures';

function expectRelClose(actual: number | null, expected: number, rel = 1e-14): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

describe('tierFigures', () => {
  it('lists all six tiers with cases, share and percent', () => {
    expect(tierFigures({ 0: 18, 1: 41, 2: 20, 3: 12, 4: 6, 5: 3 })).toEqual([
      { tier: 0, cases: 18, share: 0.18, percent: 18 },
      { tier: 1, cases: 41, share: 0.41, percent: 41 },
      { tier: 2, cases: 20, share: 0.2, percent: 20 },
      { tier: 3, cases: 12, share: 0.12, percent: 12 },
      { tier: 4, cases: 6, share: 0.06, percent: 6 },
      { tier: 5, cases: 3, share: 0.03, percent: 3 },
    ]);
  });

  it('lists tiers without cases as 0 cases', () => {
    expect(tierFigures({ 2: 4 })).toEqual([
      { tier: 0, cases: 0, share: 0, percent: 0 },
      { tier: 1, cases: 0, share: 0, percent: 0 },
      { tier: 2, cases: 4, share: 1, percent: 100 },
      { tier: 3, cases: 0, share: 0, percent: 0 },
      { tier: 4, cases: 0, share: 0, percent: 0 },
      { tier: 5, cases: 0, share: 0, percent: 0 },
    ]);
  });

  it('rounds percents by largest remainder so they add up to 100', () => {
    // 1/3 each: 33.3 → 33, the spare point to the earliest of the equal remainders
    const thirds = tierFigures({ 1: 1, 2: 1, 3: 1 });
    expect(thirds.map((f) => f.percent)).toEqual([0, 34, 33, 33, 0, 0]);
    expect(thirds[1].share).toBe(1 / 3);
    // 6 cases: 16.67, 33.33, 50 → 17, 33, 50
    const sixths = tierFigures({ 0: 1, 3: 2, 5: 3 });
    expect(sixths.map((f) => f.percent)).toEqual([17, 0, 0, 33, 0, 50]);
    // 7 uneven tiers' worth: always 100 in total
    const odd = tierFigures({ 0: 13, 1: 29, 2: 7, 3: 5, 4: 3, 5: 1 });
    expect(odd.reduce((sum, f) => sum + (f.percent ?? 0), 0)).toBe(100);
  });

  it('has null shares and percents when there are no cases', () => {
    for (const figure of tierFigures({})) {
      expect(figure).toEqual({ tier: figure.tier, cases: 0, share: null, percent: null });
    }
    expect(tierFigures({}).map((f) => f.tier)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('rejects counts that are not non-negative integers, and unknown tiers', () => {
    expect(() => tierFigures({ 1: -1 })).toThrow('cases of tier 1 must be a non-negative integer, got -1');
    expect(() => tierFigures({ 2: 1.5 })).toThrow(RangeError);
    expect(() => tierFigures({ 2: NaN })).toThrow(RangeError);
    expect(() => tierFigures({ 6: 1 } as TierCounts)).toThrow('tier must be 0 to 5, got 6');
  });
});

describe('tierCountList and totalCases', () => {
  it('lists the six counts in tier order', () => {
    expect(tierCountList({ 5: 1, 0: 2 })).toEqual([2, 0, 0, 0, 0, 1]);
    expect(totalCases({ 5: 1, 0: 2, 3: 4 })).toBe(7);
    expect(totalCases({})).toBe(0);
  });
});

describe('tierCountsFromRows', () => {
  it('reads node-postgres rows (bigint counts as text) and adds up rows of one tier', () => {
    const counts = tierCountsFromRows([
      { tier: 1, cases: '41' },
      { tier: '3', cases: 12 },
      { tier: 5, cases: 3n },
      { tier: 1, cases: '9' },
    ]);
    expect(counts).toEqual({ 1: 50, 3: 12, 5: 3 });
    expect(tierCountList(counts)).toEqual([0, 50, 0, 12, 0, 3]);
  });

  it('reads a stored baseline’s tier figures back', () => {
    const figures = tierFigures({ 0: 1, 4: 3 });
    expect(tierCountsFromRows(figures)).toEqual({ 0: 1, 1: 0, 2: 0, 3: 0, 4: 3, 5: 0 });
  });

  it('rejects bad tiers and counts', () => {
    expect(() => tierCountsFromRows([{ tier: 6, cases: 1 }])).toThrow('tier must be 0 to 5, got 6');
    expect(() => tierCountsFromRows([{ tier: '1.0', cases: 1 }])).toThrow('tier must be 0 to 5, got "1.0"');
    expect(() => tierCountsFromRows([{ tier: 1, cases: '-1' }])).toThrow('cases of tier 1 must be a non-negative integer, got "-1"');
    expect(() => tierCountsFromRows([{ tier: 1, cases: '1e3' }])).toThrow(RangeError);
    expect(() => tierCountsFromRows([{ tier: 1, cases: '' }])).toThrow(RangeError);
    expect(() => tierCountsFromRows([{ tier: 1, cases: '99999999999999999999' }])).toThrow(RangeError);
    expect(() => tierCountsFromRows([{ tier: 1, cases: 2n ** 60n }])).toThrow(RangeError);
  });
});

describe('frontDoorResolution and demandIntoAdultSocialCare (by peak tier)', () => {
  const peaks = { 0: 5, 1: 15, 2: 10, 3: 4, 4: 4, 5: 2 };

  it('resolution = cases with peak ≤ 1 ÷ cases', () => {
    expect(frontDoorResolution(peaks)).toBe(0.5); // 20 ÷ 40
    expect(frontDoorResolution({ 0: 1, 1: 2 })).toBe(1);
    expect(frontDoorResolution({ 2: 3 })).toBe(0);
    expect(frontDoorResolution({ 1: 1, 3: 2 })).toBe(1 / 3);
  });

  it('resolution is null with no cases', () => {
    expect(frontDoorResolution({})).toBeNull();
  });

  it('demand = cases with peak ≥ 2', () => {
    expect(demandIntoAdultSocialCare(peaks)).toBe(20);
    expect(demandIntoAdultSocialCare({ 0: 3, 1: 4 })).toBe(0);
    expect(demandIntoAdultSocialCare({})).toBe(0);
  });
});

describe('tierSummary', () => {
  it('counts tiers by the requested tier and resolution and demand by peak', () => {
    const finals = { 0: 5, 1: 20, 2: 10, 3: 5 };
    const peaks = { 0: 5, 1: 10, 2: 10, 3: 10, 4: 5 };
    const summary = tierSummary(finals, peaks);
    expect(summary.cases).toBe(40);
    expect(summary.tiers).toEqual(tierFigures(finals));
    expect(summary.frontDoorResolution).toBe(15 / 40);
    expect(summary.demandIntoAdultSocialCare).toBe(25);
  });

  it('an empty period', () => {
    expect(tierSummary({}, {})).toEqual({
      cases: 0,
      tiers: tierFigures({}),
      frontDoorResolution: null,
      demandIntoAdultSocialCare: 0,
    });
  });

  it('refuses counts of different case sets', () => {
    expect(() => tierSummary({ 1: 3 }, { 1: 2 })).toThrow('tier counts (3 cases) and peak counts (2) disagree');
  });
});

describe('compareProportions', () => {
  it('45/100 against a baseline of 30/100: +15 points, p = 0.0285, significant', () => {
    const row = compareProportions(30, 100, 45, 100);
    expect(row.baselineShare).toBe(0.3);
    expect(row.share).toBe(0.45);
    expect(row.changePp).toBe(15); // not 15.000000000000002
    expectRelClose(row.pValue, 0.028459736916310577034); // see z-test.spec.ts
    expect(row.significant).toBe(true);
  });

  it('changePp is exact where subtracting the shares is not', () => {
    expect((45 / 100 - 30 / 100) * 100).toBe(15.000000000000002);
    expect((58 / 100 - 14 / 100) * 100).toBe(43.99999999999999);
    expect(compareProportions(14, 100, 58, 100).changePp).toBe(44);
    expect(compareProportions(58, 100, 14, 100).changePp).toBe(-44);
    expect(compareProportions(1, 10, 3, 10).changePp).toBe(20);
    expect(compareProportions(1, 3, 1, 6).changePp).toBe(-50 / 3);
    expect(compareProportions(7, 7, 0, 3).changePp).toBe(-100);
  });

  it('changePp with millions of cases stays close', () => {
    const row = compareProportions(123457, 1000003, 234567, 1999993);
    expectRelClose(row.changePp, (234567 / 1999993 - 123457 / 1000003) * 100, 1e-12);
  });

  it('changePp falls back to subtracting shares past 2^53', () => {
    const big = 2 ** 40;
    const row = compareProportions(big / 4, big, big / 2, big);
    expect(row.changePp).toBe(25);
  });

  it('p just above 0.05 is not significant', () => {
    const row = compareProportions(1, 10, 5, 10);
    expectRelClose(row.pValue, 0.050961936967763320554);
    expect(row.pValue!).toBeGreaterThan(SIGNIFICANCE_LEVEL);
    expect(row.significant).toBe(false);
  });

  it('equal shares: change 0, p = 1', () => {
    expect(compareProportions(10, 50, 20, 100)).toEqual({
      baselineShare: 0.2,
      share: 0.2,
      changePp: 0,
      pValue: 1,
      significant: false,
    });
  });

  it('a side with no cases: shares, change and p null where undefined, never significant', () => {
    expect(compareProportions(0, 0, 5, 10)).toEqual({
      baselineShare: null,
      share: 0.5,
      changePp: null,
      pValue: null,
      significant: false,
    });
    expect(compareProportions(5, 10, 0, 0)).toEqual({
      baselineShare: 0.5,
      share: null,
      changePp: null,
      pValue: null,
      significant: false,
    });
  });

  it('rejects a count above its total', () => {
    expect(() => compareProportions(11, 10, 1, 10)).toThrow(RangeError);
  });
});

describe('compareTiers', () => {
  it('compares each of the six tiers with the baseline', () => {
    const rows = compareTiers({ 1: 30, 2: 70 }, { 1: 45, 2: 55 });
    expect(rows.map((r) => r.tier)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(rows[1]).toMatchObject({ tier: 1, baselineCases: 30, baselineShare: 0.3, cases: 45, share: 0.45, changePp: 15, significant: true });
    expect(rows[2]).toMatchObject({ tier: 2, baselineCases: 70, baselineShare: 0.7, cases: 55, share: 0.55, changePp: -15, significant: true });
    // with two tiers, both rows test the same split
    expectRelClose(rows[1].pValue, 0.028459736916310577034);
    expectRelClose(rows[2].pValue, 0.028459736916310577034);
    // a tier without cases on either side: pooled proportion 0, p = 1
    expect(rows[0]).toEqual({
      tier: 0,
      baselineCases: 0,
      baselineShare: 0,
      cases: 0,
      share: 0,
      changePp: 0,
      pValue: 1,
      significant: false,
    });
  });

  it('field order matches the API', () => {
    expect(Object.keys(compareTiers({ 1: 1 }, { 1: 1 })[0])).toEqual([
      'tier',
      'baselineCases',
      'baselineShare',
      'cases',
      'share',
      'changePp',
      'pValue',
      'significant',
    ]);
  });

  it('uses each period’s own total of cases', () => {
    // baseline 20/200 in tier 3, now 30/150: p = 0.2 vs 0.1, pooled 50/350
    const rows = compareTiers({ 3: 20, 1: 180 }, { 3: 30, 1: 120 });
    expect(rows[3]).toMatchObject({ baselineShare: 0.1, share: 0.2, changePp: 10 });
    const pooled = 50 / 350;
    const z = 0.1 / Math.sqrt(pooled * (1 - pooled) * (1 / 150 + 1 / 200));
    expect(z).toBeCloseTo(2.6457513110645907, 12); // = √7
    expectRelClose(rows[3].pValue, 0.0081509715935027003); // erfc(√7 ÷ √2), mpmath
    expect(rows[3].significant).toBe(true);
  });

  it('an empty baseline or period gives null shares, changes and p-values', () => {
    for (const row of compareTiers({}, { 1: 5 })) {
      expect(row).toMatchObject({ baselineCases: 0, baselineShare: null, changePp: null, pValue: null, significant: false });
    }
    for (const row of compareTiers({ 2: 5 }, {})) {
      expect(row).toMatchObject({ cases: 0, share: null, changePp: null, pValue: null, significant: false });
    }
  });
});
