import { erfc, normalCdf, twoProportionZTest, twoSidedPValue } from './z-test';

/** |actual − expected| ≤ rel × |expected|. */
function expectRelClose(actual: number | null, expected: number, rel = 1e-14): void {
  expect(actual).not.toBeNull();
  const error = Math.abs((actual as number) - expected);
  if (error > rel * Math.abs(expected)) {
    throw new Error(`expected ${expected}, got ${actual} (relative error ${error / Math.abs(expected)} > ${rel})`);
  }
}

describe('erfc', () => {
  // Reference values to 20 significant digits from mpmath at 40-digit precision.
  it.each([
    [0, 1],
    [1e-10, 0.99999999988716208329],
    [0.1, 0.8875370839817151078],
    [0.3, 0.67137324054087257236],
    [0.46875, 0.50738652678206200841], // edge of the first interval
    [0.47, 0.50625494911391786348],
    [0.5, 0.47950012218695346232],
    [1, 0.15729920705028513066],
    [1.5, 0.033894853524689272933],
    [2, 0.0046777349810472658379],
    [3, 0.000022090496998585441373],
    [3.99, 1.6739211364520843377e-8],
    [4, 1.5417257900280018852e-8], // edge of the second interval
    [4.01, 1.4196939421371026189e-8],
    [5, 1.5374597944280348502e-12],
    [6, 2.1519736712498913117e-17],
    [10, 2.088487583762544757e-45],
    [20, 5.3958656116079009289e-176],
    [26, 5.6631924088561428465e-296],
    [-0.3, 1.3286267594591274276],
    [-1, 1.8427007929497148693],
    [-3, 1.9999779095030014146],
    [-6, 2],
  ])('erfc(%p) = %p to 1e-14 relative', (x, expected) => {
    expectRelClose(erfc(x), expected);
  });

  it('underflows to 0 far in the upper tail and tends to 2 in the lower', () => {
    expect(erfc(26.6)).toBe(0);
    expect(erfc(1e6)).toBe(0);
    expect(erfc(Infinity)).toBe(0);
    expect(erfc(-Infinity)).toBe(2);
    expect(erfc(-30)).toBe(2);
    expect(erfc(NaN)).toBeNaN();
  });

  it('is symmetric: erfc(−x) = 2 − erfc(x)', () => {
    for (const x of [0.01, 0.2, 0.46875, 0.7, 1.3, 2.2, 3.7, 4.2]) expectRelClose(erfc(-x), 2 - erfc(x), 1e-15);
  });

  it('decreases monotonically across the interval edges', () => {
    const xs = [0.46874, 0.46875, 0.46876, 3.99999, 4, 4.00001];
    for (let i = 1; i < xs.length; i++) expect(erfc(xs[i])).toBeLessThan(erfc(xs[i - 1]));
  });

  it('is far more accurate than Abramowitz–Stegun 7.1.26 (error ~1e-7)', () => {
    const as7126 = (x: number) => {
      const t = 1 / (1 + 0.3275911 * x);
      return t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
    };
    const exact = 0.033894853524689272933; // erfc(1.5)
    expect(Math.abs(as7126(1.5) - exact) / exact).toBeGreaterThan(1e-8);
    expect(Math.abs(erfc(1.5) - exact) / exact).toBeLessThan(1e-15);
  });
});

describe('normalCdf and twoSidedPValue', () => {
  it.each([
    // two-sided p for z = the 97.5% normal quantile is 0.05
    [1.959963984540054, 0.05],
    [1, 0.3173105078629141],
    [3, 0.0026997960632601866],
    // P(|Z| ≥ 6) = 1.97317529007539628e-9 (mpmath; scipy 2·norm.sf(6) = 1.973175290075389e-9).
    [6, 1.9731752900753962814e-9],
    [0, 1],
    [2.5758293035489, 0.010000000000000022007],
    [8, 1.2441921148543568247e-15],
    [10, 1.5239706048321052132e-23],
    [37, 1.1451142445049153645e-299],
  ])('two-sided p for z = %p is %p', (z, p) => {
    // erfc(x) has condition number 2x², so the rounding of z ÷ √2 alone (≈1e-16 relative)
    // costs up to z² × 1e-16 relative far out in the tail (1e-13 at z = 37).
    const rel = Math.max(1e-14, z * z * 1e-16);
    expectRelClose(twoSidedPValue(z), p, rel);
    expectRelClose(twoSidedPValue(-z), p, rel);
  });

  it('is 0 beyond double range', () => {
    expect(twoSidedPValue(40)).toBe(0);
  });

  it('Φ has its textbook values', () => {
    expect(normalCdf(0)).toBe(0.5);
    expectRelClose(normalCdf(-1.959963984540054), 0.025);
    expectRelClose(normalCdf(1.959963984540054), 0.975);
    expectRelClose(normalCdf(-6), 9.865876450376981407e-10);
    expectRelClose(normalCdf(1), 0.84134474606854293, 1e-15);
  });
});

describe('twoProportionZTest', () => {
  it('45/100 against 30/100, worked by hand', () => {
    // pooled p = 75/200 = 0.375; se = √(0.375 × 0.625 × (1/100 + 1/100)) = √0.0046875
    // z = (0.45 − 0.30) ÷ √0.0046875 = 0.15 ÷ 0.068465319688... = 2.19089023002066...
    const { z, pValue } = twoProportionZTest(45, 100, 30, 100);
    expectRelClose(z, 0.15 / Math.sqrt(0.0046875));
    expectRelClose(z, 2.1908902300206644538);
    expectRelClose(pValue, 0.028459736916310577034);
    expect(pValue!).toBeLessThan(0.05);
  });

  it('is antisymmetric in z and symmetric in p when the sides swap', () => {
    const forward = twoProportionZTest(45, 100, 30, 100);
    const back = twoProportionZTest(30, 100, 45, 100);
    expect(back.z).toBe(-forward.z!);
    expect(back.pValue).toBe(forward.pValue);
  });

  it('1/2 against 0/2', () => {
    // p = 1/4; se = √(1/4 × 3/4 × (1/2 + 1/2)) = √3/4; z = (1/2) ÷ (√3/4) = 2/√3
    const { z, pValue } = twoProportionZTest(1, 2, 0, 2);
    expectRelClose(z, 2 / Math.sqrt(3));
    expectRelClose(pValue, 0.24821307898992358347);
  });

  it('520/1000 against 480/1000', () => {
    // p = 0.5; se = √(0.25 × 0.002) = √0.0005; z = 0.04 ÷ √0.0005 = 0.8 × √5 = 1.78885438...
    const { z, pValue } = twoProportionZTest(520, 1000, 480, 1000);
    expectRelClose(z, 0.8 * Math.sqrt(5));
    expectRelClose(pValue, 0.073638270120302653638);
    expect(pValue!).toBeGreaterThan(0.05);
  });

  it('5/10 against 1/10 is just short of significant', () => {
    // p = 0.3; se = √(0.21 × 0.2) = √0.042; z = 0.4 ÷ √0.042 = 1.95180014589706...
    const { z, pValue } = twoProportionZTest(5, 10, 1, 10);
    expectRelClose(z, 0.4 / Math.sqrt(0.042));
    expectRelClose(pValue, 0.050961936967763320554);
  });

  it('unequal sizes: 180/1000 against 150/1000 and 0/10 against 1/10', () => {
    expectRelClose(twoProportionZTest(180, 1000, 150, 1000).pValue, 0.070721483409303948753);
    const { z, pValue } = twoProportionZTest(0, 10, 1, 10);
    // p = 1/20; se = √(0.05 × 0.95 × 0.2) = √0.0095; z = −0.1 ÷ √0.0095
    expectRelClose(z, -0.1 / Math.sqrt(0.0095));
    expectRelClose(pValue, 0.30490178817878833006);
  });

  it('a million cases a side', () => {
    const { z, pValue } = twoProportionZTest(300000, 1000000, 299000, 1000000);
    expectRelClose(z, 1.5437697225229063023, 1e-13);
    expectRelClose(pValue, 0.12264412869030828278, 1e-13);
  });

  it('equal proportions give z = 0 and p = 1', () => {
    expect(twoProportionZTest(10, 50, 10, 50)).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionZTest(1, 3, 2, 6)).toEqual({ z: 0, pValue: 1 }); // exact, not 1e-17
  });

  it('null where either side has no cases', () => {
    expect(twoProportionZTest(0, 0, 5, 10)).toEqual({ z: null, pValue: null });
    expect(twoProportionZTest(5, 10, 0, 0)).toEqual({ z: null, pValue: null });
    expect(twoProportionZTest(0, 0, 0, 0)).toEqual({ z: null, pValue: null });
  });

  it('p = 1 (z undefined) where the pooled proportion is 0 or 1', () => {
    expect(twoProportionZTest(0, 10, 0, 20)).toEqual({ z: null, pValue: 1 });
    expect(twoProportionZTest(10, 10, 20, 20)).toEqual({ z: null, pValue: 1 });
  });

  it('rejects counts that are not proportions', () => {
    expect(() => twoProportionZTest(11, 10, 1, 10)).toThrow('x1 must be an integer from 0 to n1 (10), got 11');
    expect(() => twoProportionZTest(1, 10, -1, 10)).toThrow('x2 must be an integer from 0 to n2 (10), got -1');
    expect(() => twoProportionZTest(1.5, 10, 1, 10)).toThrow(RangeError);
    expect(() => twoProportionZTest(1, -10, 1, 10)).toThrow('n1 must be a non-negative integer, got -10');
    expect(() => twoProportionZTest(1, 10, 1, NaN)).toThrow(RangeError);
  });
});
