import { yearOnYearPercent } from './year-on-year';

describe('year-on-year change to two decimals', () => {
  it("reproduces the seed's website table (2019–2021)", () => {
    expect(yearOnYearPercent(1929574, 1412732)).toBe(36.58);
    expect(yearOnYearPercent(2757610, 1929574)).toBe(42.91);
    expect(yearOnYearPercent(3829276, 2875557)).toBe(33.17);
    expect(yearOnYearPercent(5022330, 3829276)).toBe(31.16);
    expect(yearOnYearPercent(24190538, 20054271)).toBe(20.63);
    expect(yearOnYearPercent(28151029, 24190538)).toBe(16.37);
  });

  it('rounds an exact half away from zero, falls, and has no change without a usable previous year', () => {
    expect(yearOnYearPercent(100005, 100000)).toBe(0.01); // 0.005 % exactly
    expect(yearOnYearPercent(99995, 100000)).toBe(-0.01);
    expect(yearOnYearPercent(90, 100)).toBe(-10);
    expect(yearOnYearPercent(5, 0)).toBeNull();
    expect(yearOnYearPercent(5, null)).toBeNull();
  });
});
