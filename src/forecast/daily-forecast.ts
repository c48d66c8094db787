/**
 * The daily forecast of a selection: Holt–Winters on the basis's daily totals, bank holidays
 * forecast like the Sunday of their week, an 80 % interval from the backtest's relative errors,
 * and the backtest itself against seasonal naive (docs/forecasting.md). Pure arithmetic.
 */
import { dateOfDayNumber, dayNumberOf, isoWeekdayOfDayNumber } from '../periods/london-time';
import { fitHoltWinters, forecastAt, HoltWintersState, SCORED_DAYS, seasonalNaive, WEEK } from './holt-winters';

/** Days of history a forecast needs, and the weeks its backtest scores. */
export const MIN_BASIS_DAYS = 8 * WEEK;
export const BACKTEST_WEEKS = 4;

export interface DailyHistory {
  /** first local date of `counts` */
  from: string;
  /** contacts per day from `from`; NaN for a day without data */
  counts: number[];
}

export interface DayForecast { date: string; contacts: number; low: number; high: number }

export interface Backtest { weeks: number; wape: number | null; seasonalNaiveWape: number | null }

export interface DailyForecast {
  days: DayForecast[];
  backtest: Backtest;
  method: string;
}

type Spread = { low: number; high: number };

/**
 * The 80 % interval's relative ends for each week ahead (1–4), from the relative errors of the
 * fitted method's own forecasts 1–28 days ahead, made every week through the history; the
 * backtest's errors where the history is too short for them.
 */
function spreadsByWeekAhead(aheadErrors: readonly number[][], backtestErrors: readonly number[]): Spread[] {
  return Array.from({ length: SCORED_DAYS / WEEK }, (_, w) => {
    const errors = aheadErrors.slice(w * WEEK, (w + 1) * WEEK).flat();
    return intervalSpread(errors.length >= 30 ? errors : backtestErrors);
  });
}

/** Beyond the weeks measured, the interval widens like a random walk's: with the square root of the days ahead. */
function spreadAt(spreads: readonly Spread[], h: number): Spread {
  const week = Math.min(spreads.length, Math.ceil(h / WEEK));
  const s = spreads[week - 1];
  const last = spreads.length * WEEK - WEEK / 2; // the middle of the last week measured
  const widen = h > last ? Math.sqrt(h / last) : 1;
  return { low: Math.max(-1, s.low * widen), high: s.high * widen };
}

export const METHOD = 'holt-winters-damped-weekly';

/** Forecasts the days `targetFrom`…`targetTo` from the history, which must end the day before `targetFrom`. */
export function forecastDays(history: DailyHistory, targetFrom: string, targetTo: string, bankHolidays: ReadonlySet<string>): DailyForecast {
  const y = fittable(history, bankHolidays);
  const backtest = runBacktest(history, y, bankHolidays);
  const state = fitHoltWinters(y);
  const spreads = spreadsByWeekAhead(state.aheadErrors ?? [], backtest.relativeErrors);
  const days: DayForecast[] = [];
  const start = dayNumberOf(history.from);
  for (let d = dayNumberOf(targetFrom); d <= dayNumberOf(targetTo); d++) {
    const h = d - start + 1 - y.length;
    const contacts = dayPoint(state, h, d, bankHolidays);
    const spread = spreadAt(spreads, h);
    days.push({ date: dateOfDayNumber(d), contacts, low: Math.max(0, contacts * (1 + spread.low)), high: contacts * (1 + spread.high) });
  }
  const { weeks, wape, seasonalNaiveWape } = backtest;
  return { days, backtest: { weeks, wape, seasonalNaiveWape }, method: METHOD };
}

/** The series as fitted: bank holidays left out (they follow their own pattern), gaps as NaN. */
function fittable(history: DailyHistory, bankHolidays: ReadonlySet<string>): number[] {
  const start = dayNumberOf(history.from);
  return history.counts.map((c, i) => (bankHolidays.has(dateOfDayNumber(start + i)) ? NaN : c));
}

/** Point forecast of day number `day`, h days after the series; a bank holiday takes its week's Sunday factor. */
function dayPoint(state: HoltWintersState, h: number, day: number, bankHolidays: ReadonlySet<string>): number {
  if (!bankHolidays.has(dateOfDayNumber(day))) return forecastAt(state, h);
  const toSunday = 7 - isoWeekdayOfDayNumber(day);
  return forecastAt(state, h, (state.n + h - 1 + toSunday) % WEEK);
}

interface BacktestRun extends Backtest { relativeErrors: number[] }

/**
 * The method and seasonal naive forecast the last weeks of the history from the history before
 * them; scored by WAPE over the days with data. Relative errors of the method give the interval.
 */
function runBacktest(history: DailyHistory, y: number[], bankHolidays: ReadonlySet<string>): BacktestRun {
  const weeks = Math.min(BACKTEST_WEEKS, Math.floor((y.length - MIN_BASIS_DAYS / 2) / WEEK));
  if (weeks < 1) return { weeks: 0, wape: null, seasonalNaiveWape: null, relativeErrors: [] };
  const cut = y.length - weeks * WEEK;
  const train = y.slice(0, cut);
  const state = fitHoltWinters(train);
  const start = dayNumberOf(history.from);
  let actualSum = 0;
  let methodError = 0;
  let naiveError = 0;
  const relativeErrors: number[] = [];
  for (let t = cut; t < y.length; t++) {
    const actual = history.counts[t];
    if (Number.isNaN(actual)) continue;
    const h = t - cut + 1;
    const point = dayPoint(state, h, start + t, bankHolidays);
    const naive = bankHolidays.has(dateOfDayNumber(start + t)) ? sundayNaive(train, h, start + t) : seasonalNaive(train, h);
    actualSum += actual;
    methodError += Math.abs(actual - point);
    naiveError += Math.abs(actual - naive);
    if (point > 0) relativeErrors.push((actual - point) / point);
  }
  return {
    weeks,
    wape: actualSum > 0 ? methodError / actualSum : null,
    seasonalNaiveWape: actualSum > 0 ? naiveError / actualSum : null,
    relativeErrors,
  };
}

/** Seasonal naive's reading of a bank holiday: the last Sunday, as the method treats it. */
function sundayNaive(train: number[], h: number, day: number): number {
  return seasonalNaive(train, h + 7 - isoWeekdayOfDayNumber(day));
}

/** The 10th and 90th percentiles of relative errors (an 80 % interval); ±25 % with too few to tell. */
export function intervalSpread(relativeErrors: readonly number[]): { low: number; high: number } {
  if (relativeErrors.length < 10) return { low: -0.25, high: 0.25 };
  const sorted = [...relativeErrors].sort((a, b) => a - b);
  return { low: Math.min(0, quantile(sorted, 0.1)), high: Math.max(0, quantile(sorted, 0.9)) };
}

/** Linear-interpolated quantile of sorted values. */
export function quantile(sorted: readonly number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}
