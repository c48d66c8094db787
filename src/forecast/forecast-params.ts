/**
 * The forecast and staffing parameters checked, each problem naming its field (400). Pure.
 */
import { ApiError, ProblemDetail } from '../common/http/api-error';
import type { ReferenceConfig } from '../config/reference-config';
import { isValidLocalDate } from '../periods/london-time';
import { daysBetween } from '../periods/period';
import { DEFAULT_TARGET, ErlangTarget } from './erlang';
import type { Selection } from './forecast.repository';

/** The longest forecast: `to` at most 13 weeks after `from`. */
export const MAX_FORECAST_DAYS = 13 * 7;

type Query = Record<string, string | undefined>;

/** Collects problems; `done()` throws them as one 400. */
export class ParamCheck {
  readonly problems: ProblemDetail[] = [];

  date(q: Query, name: string): string {
    const v = q[name];
    if (v === undefined) this.problems.push({ path: name, problem: 'is required (YYYY-MM-DD)' });
    else if (!isValidLocalDate(v)) this.problems.push({ path: name, problem: 'must be a date YYYY-MM-DD' });
    return v ?? '';
  }

  /** A number in a range; `open` ends exclude their bound. */
  number(q: Query, name: string, fallback: number | undefined, range: { min?: number; max?: number; openMin?: boolean; openMax?: boolean }): number {
    const v = q[name];
    if (v === undefined) {
      if (fallback === undefined) this.problems.push({ path: name, problem: 'is required' });
      return fallback ?? NaN;
    }
    const n = /^\s*-?(\d+\.?\d*|\.\d+)\s*$/.test(v) ? Number(v) : NaN;
    const { min, max, openMin, openMax } = range;
    const tooLow = min !== undefined && (openMin ? n <= min : n < min);
    const tooHigh = max !== undefined && (openMax ? n >= max : n > max);
    if (Number.isNaN(n) || tooLow || tooHigh) {
      const lo = min === undefined ? '' : `${openMin ? '>' : '≥'} ${min}`;
      const hi = max === undefined ? '' : `${openMax ? '<' : '≤'} ${max}`;
      this.problems.push({ path: name, problem: `must be a number ${[lo, hi].filter(Boolean).join(' and ')}` });
    }
    return n;
  }

  selection(q: Query, config: ReferenceConfig): Selection {
    const { channel, centre, service } = q;
    if (channel === undefined) this.problems.push({ path: 'channel', problem: 'is required' });
    else if (!config.channelByName.has(channel)) {
      this.problems.push({ path: 'channel', problem: `unknown channel; one of ${[...config.channelByName.keys()].join(', ')}` });
    }
    if (centre !== undefined && !config.centreNames.includes(centre)) {
      this.problems.push({ path: 'centre', problem: `unknown centre; one of ${config.centreNames.join(', ')}` });
    }
    return { channel: channel ?? '', ...(centre !== undefined && { centre }), ...(service !== undefined && { service }) };
  }

  done(): void {
    if (this.problems.length) throw ApiError.validation(this.problems);
  }
}

export interface ForecastParams {
  selection: Selection;
  from: string;
  to: string;
  interval: 'day' | 'half_hour';
  /** weeks of actual daily contacts before `from` asked for beside the forecast */
  historyWeeks?: number;
}

export function forecastParams(q: Query, config: ReferenceConfig): ForecastParams {
  const check = new ParamCheck();
  const selection = check.selection(q, config);
  const from = check.date(q, 'from');
  const to = check.date(q, 'to');
  if (isValidLocalDate(from) && isValidLocalDate(to)) {
    const days = daysBetween(from, to);
    if (days < 0) check.problems.push({ path: 'to', problem: 'must not be before from' });
    else if (days > MAX_FORECAST_DAYS) check.problems.push({ path: 'to', problem: 'must be at most 13 weeks after from' });
  }
  const historyWeeks = q.history === undefined ? undefined : check.number(q, 'history', undefined, { min: 1, max: 13 });
  if (historyWeeks !== undefined && !Number.isInteger(historyWeeks) && !check.problems.some((p) => p.path === 'history')) {
    check.problems.push({ path: 'history', problem: 'must be a whole number of weeks from 1 to 13' });
  }
  check.done();
  const interval = q.interval === 'half_hour' ? 'half_hour' : 'day';
  return { selection, from, to, interval, ...(historyWeeks !== undefined && { historyWeeks }) };
}

/** The service target of a staffing call, defaults from docs/http-contract.md. */
export function targetOf(check: ParamCheck, q: Query): ErlangTarget {
  return {
    serviceLevel: check.number(q, 'serviceLevel', DEFAULT_TARGET.serviceLevel, { min: 0, max: 1, openMin: true, openMax: true }),
    answerSeconds: check.number(q, 'answerSeconds', DEFAULT_TARGET.answerSeconds, { min: 0, max: 86_400 }),
    maxOccupancy: check.number(q, 'maxOccupancy', DEFAULT_TARGET.maxOccupancy, { min: 0, max: 1, openMin: true }),
    shrinkage: check.number(q, 'shrinkage', DEFAULT_TARGET.shrinkage, { min: 0, max: 1, openMax: true }),
  };
}

export interface StaffingParams { selection: Selection; date: string; ahtSeconds?: number; target: ErlangTarget }

export function staffingParams(q: Query, config: ReferenceConfig): StaffingParams {
  const check = new ParamCheck();
  const selection = check.selection(q, config);
  const date = check.date(q, 'date');
  const target = targetOf(check, q);
  const ahtSeconds = q.ahtSeconds === undefined ? undefined : check.number(q, 'ahtSeconds', undefined, { min: 0, max: 86_400, openMin: true });
  check.done();
  return { selection, date, target, ...(ahtSeconds !== undefined && { ahtSeconds }) };
}

export interface ErlangParams { contacts: number; intervalMinutes: number; ahtSeconds: number; target: ErlangTarget }

export function erlangParams(q: Query): ErlangParams {
  const check = new ParamCheck();
  const contacts = check.number(q, 'contacts', undefined, { min: 0, max: 10_000_000 });
  const intervalMinutes = check.number(q, 'intervalMinutes', 30, { min: 0, max: 1440, openMin: true });
  const ahtSeconds = check.number(q, 'ahtSeconds', undefined, { min: 0, max: 86_400, openMin: true });
  const target = targetOf(check, q);
  check.done();
  return { contacts, intervalMinutes, ahtSeconds, target };
}
