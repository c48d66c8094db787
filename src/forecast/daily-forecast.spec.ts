import { dateOfDayNumber, dayNumberOf, isoWeekdayOfDayNumber } from '../periods/london-time';
import { addDays } from '../periods/period';
import { forecastDays, intervalSpread, quantile } from './daily-forecast';
import { fitHoltWinters, forecastAt, seasonalNaive } from './holt-winters';

const NONE = new Set<string>();
/** Monday 2025-01-06: 16 weeks of history, forecast from Monday 2025-04-28. */
const START = '2025-01-06';
const WEEKS = 16;
const FROM = addDays(START, WEEKS * 7);

function series(f: (t: number, isoWeekday: number) => number, days = WEEKS * 7): number[] {
  return Array.from({ length: days }, (_, t) => f(t, isoWeekdayOfDayNumber(dayNumberOf(START) + t)));
}

describe('Holt–Winters on known series', () => {
  it('a constant stays constant, with a backtest WAPE of 0', () => {
    const f = forecastDays({ from: START, counts: series(() => 100) }, FROM, addDays(FROM, 27), NONE);
    for (const d of f.days) expect(d.contacts).toBeCloseTo(100, 6);
    expect(f.backtest.weeks).toBe(4);
    expect(f.backtest.wape).toBeCloseTo(0, 6);
  });

  it('a pure weekly shape repeats, closed weekends forecast 0', () => {
    const shape = [0, 120, 100, 95, 90, 80, 0, 0]; // by ISO weekday; weekends closed
    const f = forecastDays({ from: START, counts: series((_, w) => shape[w]) }, FROM, addDays(FROM, 13), NONE);
    for (const d of f.days) expect(d.contacts).toBeCloseTo(shape[isoWeekdayOfDayNumber(dayNumberOf(d.date))], 4);
    const weekend = f.days.filter((d) => isoWeekdayOfDayNumber(dayNumberOf(d.date)) >= 6);
    expect(weekend).toHaveLength(4);
    for (const d of weekend) expect(d.contacts).toBeLessThan(1e-6);
  });

  it('follows a linear trend (damped, so a little under it four weeks on)', () => {
    const y = series((t) => 200 + 2 * t);
    const f = forecastDays({ from: START, counts: y }, FROM, addDays(FROM, 27), NONE);
    f.days.forEach((d, h) => {
      const truth = 200 + 2 * (y.length + h);
      expect(Math.abs(d.contacts - truth) / truth).toBeLessThan(h < 7 ? 0.03 : 0.08);
      if (h >= 7) expect(d.contacts).toBeGreaterThan(f.days[h - 7].contacts); // still rising week on week
    });
    // The level has risen well past the history's mean: the trend was taken, not averaged away.
    expect(f.days[0].contacts).toBeGreaterThan(200 + 2 * (y.length - 3));
  });

  it('beats seasonal naive when the weekly shape carries noise', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const shape = [0, 1.3, 1.1, 1, 1, 0.9, 0.4, 0.3];
    const y = series((t, w) => Math.round(500 * shape[w] * (1 + (rnd() - 0.5) * 0.3)), 30 * 7);
    const f = forecastDays({ from: START, counts: y }, addDays(START, 30 * 7), addDays(START, 30 * 7 + 6), NONE);
    expect(f.backtest.wape!).toBeLessThan(f.backtest.seasonalNaiveWape!);
  });

  it('forecasts a bank holiday like the Sunday of its week and leaves it out of the fit', () => {
    const shape = [0, 300, 250, 240, 230, 200, 100, 50];
    const y = series((_, w) => shape[w]);
    // A Monday bank holiday in the history with Sunday-like demand, and one in the forecast.
    const pastHoliday = addDays(START, 7 * 10);
    y[7 * 10] = 50;
    const futureHoliday = addDays(FROM, 7);
    const f = forecastDays({ from: START, counts: y }, FROM, addDays(FROM, 13), new Set([pastHoliday, futureHoliday]));
    const byDate = new Map(f.days.map((d) => [d.date, d.contacts]));
    expect(byDate.get(futureHoliday)).toBeCloseTo(50, 4);
    expect(byDate.get(FROM)).toBeCloseTo(300, 4); // the ordinary Monday before it is untouched
  });

  it('skips gaps (NaN) rather than reading them as no demand', () => {
    const y = series(() => 100);
    y.fill(NaN, 35, 49);
    const f = forecastDays({ from: START, counts: y }, FROM, addDays(FROM, 6), NONE);
    for (const d of f.days) expect(d.contacts).toBeCloseTo(100, 6);
  });

  it('gives an interval around the point', () => {
    const shape = [0, 1.3, 1.1, 1, 1, 0.9, 0.4, 0.3];
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const y = series((_, w) => 400 * shape[w] * (0.85 + rnd() * 0.3));
    const f = forecastDays({ from: START, counts: y }, FROM, addDays(FROM, 6), NONE);
    for (const d of f.days) {
      expect(d.low).toBeLessThanOrEqual(d.contacts);
      expect(d.high).toBeGreaterThanOrEqual(d.contacts);
      expect(d.high).toBeGreaterThan(d.low);
    }
  });
});

describe('building blocks', () => {
  it('seasonal naive repeats the last week', () => {
    const y = [1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 14, 15, 16, 17];
    expect([1, 2, 7, 8, 9].map((h) => seasonalNaive(y, h))).toEqual([11, 12, 17, 11, 12]);
  });

  it('a damped trend adds Σφ^k', () => {
    const s = fitHoltWinters(series((t) => 100 + t));
    const step = forecastAt(s, 2) / s.season[(s.n + 1) % 7] - forecastAt(s, 1) / s.season[s.n % 7];
    expect(step).toBeCloseTo(s.trend * s.params.phi ** 2, 6);
  });

  it('quantiles interpolate and spreads default with too few errors', () => {
    expect(quantile([0, 10], 0.1)).toBeCloseTo(1, 12);
    expect(intervalSpread([0.1])).toEqual({ low: -0.25, high: 0.25 });
    const errors = Array.from({ length: 11 }, (_, i) => (i - 5) / 10);
    expect(intervalSpread(errors)).toEqual({ low: expect.closeTo(-0.4, 9), high: expect.closeTo(0.4, 9) });
  });

  it('dates are local days', () => {
    expect(dateOfDayNumber(dayNumberOf(FROM))).toBe('2025-04-28');
  });
});
