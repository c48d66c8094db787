import { fixedOf, plus, times, toPence, toPounds, ZERO } from './money';

describe('exact money', () => {
  it('multiplies unit costs as integer pence', () => {
    // 0.15 × 3 is 0.44999999999999996 in floating point; as pence it is exactly 45.
    expect(toPounds(times(fixedOf(0.15), 3))).toBe(0.45);
    expect(toPounds(times(fixedOf(2.83), 62966))).toBe(178193.78);
    expect(toPence(times(fixedOf(8.62), 2143))).toBe('18472.66');
  });

  it('adds amounts of different scales', () => {
    const total = plus(plus(ZERO, times(fixedOf(0.155), 3)), times(fixedOf(2.83), 1));
    expect(total).toEqual({ units: 3295n, scale: 3 });
    expect(toPounds(total)).toBe(3.295);
    expect(toPence(total)).toBe('3.30');
  });

  it('rounds to the penny half away from zero', () => {
    expect(toPence({ units: 1005n, scale: 3 })).toBe('1.01');
    expect(toPence({ units: 1004n, scale: 3 })).toBe('1.00');
    expect(toPence({ units: -1005n, scale: 3 })).toBe('-1.01');
    expect(toPence(ZERO)).toBe('0.00');
    expect(toPence({ units: 7n, scale: 2 })).toBe('0.07');
  });

  it('reads whole-pound and sub-penny unit costs', () => {
    expect(fixedOf(3)).toEqual({ units: 300n, scale: 2 });
    expect(fixedOf(0.1)).toEqual({ units: 10n, scale: 2 });
    expect(fixedOf(0.0125)).toEqual({ units: 125n, scale: 4 });
    expect(() => fixedOf(-1)).toThrow(RangeError);
  });
});
