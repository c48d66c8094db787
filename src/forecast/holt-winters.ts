/**
 * Daily totals by Holt–Winters exponential smoothing: a level, a damped additive trend and a
 * multiplicative day-of-week factor (a weekday's share scales with demand, and a closed day's
 * factor is 0). Pure arithmetic; days given as NaN (bank holidays, gaps) are skipped, not fitted.
 */

export const WEEK = 7;

export interface HoltWintersParams { alpha: number; beta: number; gamma: number; phi: number }

export interface HoltWintersState {
  params: HoltWintersParams;
  level: number;
  trend: number;
  /** factor of each position in the week, indexed by (day index mod 7) of the series */
  season: number[];
  /** series length the state is at (the next day is index n) */
  n: number;
  /** Σ |error| of forecasts 1–28 days ahead made weekly through the series (the fit criterion) */
  score: number;
  /** with `collect`: relative errors (actual − forecast) ÷ forecast of those forecasts, by days ahead − 1 */
  aheadErrors?: number[][];
}

/**
 * Parameters tried. The criterion is the error weeks ahead, not one day ahead: rotas are planned
 * weeks out, and one-day-ahead errors cannot tell a slow trend from noise.
 */
const ALPHAS = [0.05, 0.1, 0.2, 0.35, 0.5];
const BETAS = [0, 0.02, 0.05, 0.1];
const GAMMAS = [0.05, 0.15, 0.3];
const PHIS = [0.9, 0.95, 0.98, 0.99];
/** Days ahead scored, and the history before the first scored origin. */
export const SCORED_DAYS = 4 * WEEK;
const WARM_UP = 4 * WEEK;

/** Fits the series (one value a day, NaN for a day not to fit) and returns the best-scoring state. */
export function fitHoltWinters(y: readonly number[]): HoltWintersState {
  let best: HoltWintersState | undefined;
  for (const alpha of ALPHAS)
    for (const beta of BETAS)
      for (const gamma of GAMMAS)
        for (const phi of PHIS) {
          const s = runHoltWinters(y, { alpha, beta, gamma, phi });
          if (!best || s.score < best.score) best = s;
        }
  return runHoltWinters(y, best!.params, true);
}

/** Runs the smoothing with given parameters. Needs at least two weeks with data. */
export function runHoltWinters(y: readonly number[], params: HoltWintersParams, collect = false): HoltWintersState {
  const { alpha, beta, gamma, phi } = params;
  const init = initialState(y);
  let { level, trend } = init;
  const season = init.season;
  let score = 0;
  const aheadErrors = collect ? Array.from({ length: SCORED_DAYS }, () => [] as number[]) : undefined;
  for (let t = 0; t < y.length; t++) {
    const i = t % WEEK;
    if (t >= WARM_UP && t % WEEK === 0) score += aheadError(y, t, { params, level, trend, season, n: t, score: 0 }, aheadErrors);
    const prior = level;
    if (Number.isNaN(y[t])) {
      level = level + phi * trend;
      trend = phi * trend;
      continue;
    }
    // A closed weekday (factor ~0) says nothing about the level; only its factor is kept up to date.
    if (season[i] > 1e-6) level = alpha * (y[t] / season[i]) + (1 - alpha) * (level + phi * trend);
    else level = level + phi * trend;
    trend = beta * (level - prior) + (1 - beta) * phi * trend;
    if (level > 1e-9) season[i] = gamma * (y[t] / level) + (1 - gamma) * season[i];
  }
  return { params, level, trend, season, n: y.length, score, ...(aheadErrors && { aheadErrors }) };
}

/** Σ |actual − forecast| over the days after `t` that have data, forecast from the state at `t`. */
function aheadError(y: readonly number[], t: number, state: HoltWintersState, relative?: number[][]): number {
  let error = 0;
  for (let h = 1; h <= SCORED_DAYS && t + h - 1 < y.length; h++) {
    const actual = y[t + h - 1];
    if (Number.isNaN(actual)) continue;
    const point = forecastAt(state, h);
    error += Math.abs(actual - point);
    if (relative && point > 0) relative[h - 1].push((actual - point) / point);
  }
  return error;
}

/** Level from the first fortnight with data, trend from its two halves, weekday factors from their ratios. */
function initialState(y: readonly number[]): { level: number; trend: number; season: number[] } {
  const weekMean = (w: number): number => {
    const days = y.slice(w * WEEK, w * WEEK + WEEK).filter((v) => !Number.isNaN(v));
    return days.length ? days.reduce((a, b) => a + b, 0) / days.length : NaN;
  };
  const weeks = Math.floor(y.length / WEEK);
  const means = Array.from({ length: Math.min(weeks, 4) }, (_, w) => weekMean(w));
  const known = means.filter((m) => !Number.isNaN(m));
  const level = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 0;
  const trend = known.length >= 2 ? (known[known.length - 1] - known[0]) / (WEEK * (known.length - 1)) : 0;
  const season = new Array<number>(WEEK).fill(0);
  const counts = new Array<number>(WEEK).fill(0);
  for (let t = 0; t < means.length * WEEK; t++) {
    const m = means[Math.floor(t / WEEK)];
    if (Number.isNaN(y[t]) || Number.isNaN(m) || m <= 0) continue;
    season[t % WEEK] += y[t] / m;
    counts[t % WEEK]++;
  }
  return { level, trend, season: season.map((s, i) => (counts[i] ? s / counts[i] : 1)) };
}

/** Point forecast h ≥ 1 days after the fitted series, at weekday position `position` (default: its own). */
export function forecastAt(state: HoltWintersState, h: number, position = (state.n + h - 1) % WEEK): number {
  const { phi } = state.params;
  // Σ φ^k for k = 1…h: the damped trend's total contribution.
  const damped = phi === 1 ? h : (phi * (1 - phi ** h)) / (1 - phi);
  return Math.max(0, (state.level + damped * state.trend) * state.season[position]);
}

/** Seasonal naive: each day as the same weekday in the last week with data. */
export function seasonalNaive(y: readonly number[], h: number): number {
  for (let back = y.length - WEEK + ((h - 1) % WEEK); back >= 0; back -= WEEK) {
    if (!Number.isNaN(y[back])) return y[back];
  }
  return 0;
}
