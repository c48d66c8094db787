import { Injectable } from '@nestjs/common';
import { ApiError } from '../common/http/api-error';
import { ReferenceConfig } from '../config/reference-config';
import { isOutOfHoursAt } from '../centres/opening-hours';
import { localPartsOf, dayNumberOf, dateOfDayNumber } from '../periods/london-time';
import { addDays } from '../periods/period';
import { Backtest, DailyForecast, forecastDays, MIN_BASIS_DAYS } from './daily-forecast';
import { ErlangAnswer, staffInterval } from './erlang';
import type { ErlangParams, ForecastParams, StaffingParams } from './forecast-params';
import { MAX_FORECAST_DAYS } from './forecast-params';
import { dailyItems, halfHourItems, SeriesItem } from './forecast-series';
import { ForecastRepository, HistorySums, Selection } from './forecast.repository';
import { Profile, profileOf, SLOTS } from './intraday';
import { WEEK } from './holt-winters';

/** History read before `from`: a year and the backtest's weeks. */
export const LOOKBACK_DAYS = 53 * WEEK;
/** Recent weeks the intraday profile is measured over. */
export const PROFILE_DAYS = 8 * WEEK;
/** Forecast models kept in memory (a model is a few kB). */
const CACHE_SIZE = 256;
/** Answers kept whole (a half-hourly quarter is ~4,400 items, under 1 MB): few, for the heap's sake. */
const ANSWER_CACHE_SIZE = 8;

export interface ForecastBody {
  basis: { from: string; to: string };
  method: string;
  backtest: Backtest;
  series: SeriesItem[];
}

export interface ActualDay { from: string; to: string; contacts: number }

export interface StaffingInterval extends Omit<ErlangAnswer, 'contacts'> { from: string; to: string; contacts: number }

export interface StaffingBody {
  date: string;
  basis: { from: string; to: string };
  intervals: StaffingInterval[];
  total: { contacts: number; agentHours: number; staffHours: number };
}

/** Everything made from one selection's history before one date: the 13 weeks after it, forecast. */
interface Model {
  basis: { from: string; to: string };
  daily: DailyForecast;
  profile: Profile;
  /** measured mean handling time over the basis, seconds; null when none was measured */
  ahtSeconds: number | null;
}

/**
 * Forecasts and staffing (docs/forecasting.md). A model is cached under its selection, its
 * `from` and the sums of the history it was made from (contact_stats over the lookback), so a
 * contact counted in that history — and only such a contact — makes the next call rebuild it.
 */
@Injectable()
export class ForecastService {
  private readonly models = new Map<string, Promise<Model>>();
  /** Answers by their model and `to` and interval; a model rebuilt is a new object, so its answers are new too. */
  private readonly answers = new WeakMap<Model, Map<string, ForecastBody>>();
  private readonly recentAnswers: [Model, string][] = [];

  constructor(
    private readonly repo: ForecastRepository,
    private readonly config: ReferenceConfig,
  ) {}

  async forecast(p: ForecastParams): Promise<ForecastBody> {
    const model = await this.model(p.selection, p.from);
    const key = `${p.to}|${p.interval}`;
    const kept = this.answers.get(model)?.get(key);
    if (kept) return kept;
    const last = dayNumberOf(p.to) - dayNumberOf(p.from) + 1;
    const daily = { ...model.daily, days: model.daily.days.slice(0, last) };
    const series = p.interval === 'day' ? dailyItems(daily.days) : halfHourItems(daily, model.profile, this.config.bankHolidays);
    const body = { basis: model.basis, method: model.daily.method, backtest: model.daily.backtest, series };
    this.keepAnswer(model, key, body);
    return body;
  }

  private keepAnswer(model: Model, key: string, body: ForecastBody): void {
    const byKey = this.answers.get(model) ?? new Map<string, ForecastBody>();
    this.answers.set(model, byKey.set(key, body));
    this.recentAnswers.push([model, key]);
    if (this.recentAnswers.length > ANSWER_CACHE_SIZE) {
      const [oldModel, oldKey] = this.recentAnswers.shift()!;
      if (!this.recentAnswers.some(([m, k]) => m === oldModel && k === oldKey)) this.answers.get(oldModel)?.delete(oldKey);
    }
  }

  async staffing(p: StaffingParams): Promise<StaffingBody> {
    const model = await this.model(p.selection, p.date);
    const ahtSeconds = p.ahtSeconds ?? model.ahtSeconds;
    if (ahtSeconds === null || ahtSeconds <= 0) {
      throw ApiError.validation([{ path: 'ahtSeconds', problem: 'no handling times were measured for this selection; give ahtSeconds' }]);
    }
    const daily = { ...model.daily, days: model.daily.days.slice(0, 1) };
    const hours = this.config.hoursOf(p.selection.centre);
    const intervals = halfHourItems(daily, model.profile, this.config.bankHolidays)
      .filter((h) => !isOutOfHoursAt(localPartsOf(new Date(h.from)), hours, this.config.bankHolidays))
      .map((h) => ({ from: h.from, to: h.to, ...staffInterval(h.contacts, ahtSeconds, 1800, p.target) }));
    return { date: p.date, basis: model.basis, intervals, total: totalOf(intervals) };
  }

  /** Contacts of each of the `weeks` weeks before `from`, oldest first (for charts beside the forecast). */
  async weeklyHistory(selection: Selection, from: string, weeks: number): Promise<number[]> {
    const range = { from: addDays(from, -weeks * WEEK), to: addDays(from, -1) };
    const counts = await this.repo.dailyContacts(datesOf(range), selection);
    return Array.from({ length: weeks }, (_, w) =>
      Array.from({ length: WEEK }, (__, d) => counts.get(addDays(range.from, w * WEEK + d)) ?? 0).reduce((a, b) => a + b, 0));
  }

  /**
   * Contacts counted per day from `weeks` weeks before `from` to `to`, ending before `today`
   * (a day not over yet has no actual): the history a chart draws beside the forecast.
   */
  async dailyActual(selection: Selection, from: string, to: string, weeks: number, today: string): Promise<ActualDay[]> {
    const last = to < today ? to : addDays(today, -1);
    const range = { from: addDays(from, -weeks * WEEK), to: last };
    if (range.to < range.from) return [];
    const counts = await this.repo.dailyContacts(datesOf(range), selection);
    return datesOf(range).map((d) => ({ from: d, to: d, contacts: counts.get(d) ?? 0 }));
  }

  erlang(p: ErlangParams): ErlangAnswer {
    const traffic = (p.contacts * p.ahtSeconds) / (p.intervalMinutes * 60);
    if (traffic > 20_000) throw ApiError.validation([{ path: 'contacts', problem: 'gives more than 20,000 Erlangs in the interval' }]);
    return staffInterval(p.contacts, p.ahtSeconds, p.intervalMinutes * 60, p.target);
  }

  private async model(selection: Selection, from: string): Promise<Model> {
    const lookback = { from: addDays(from, -LOOKBACK_DAYS), to: addDays(from, -1) };
    const sums = await this.repo.historySums(lookback, selection);
    const key = JSON.stringify([selection.channel, selection.centre ?? null, selection.service ?? null, from, sums]);
    let model = this.models.get(key);
    if (model) {
      this.models.delete(key); // most recently used last
    } else {
      model = this.build(selection, from, lookback, sums);
      model.catch(() => this.models.delete(key));
    }
    this.models.set(key, model);
    if (this.models.size > CACHE_SIZE) this.models.delete(this.models.keys().next().value!);
    return model;
  }

  private async build(selection: Selection, from: string, lookback: { from: string; to: string }, sums: HistorySums): Promise<Model> {
    const counts = await this.repo.dailyContacts(datesOf(lookback), selection);
    const history = historyOf(counts, lookback, from, selection);
    const basis = { from: history.from, to: lookback.to };
    const profileRange = { from: addDays(from, -PROFILE_DAYS), to: lookback.to };
    const holidays = [...this.config.bankHolidays].filter((d) => d >= profileRange.from && d <= profileRange.to);
    const slots = await this.repo.halfHourProfile(profileRange, selection, holidays);
    const daily = forecastDays(history, from, addDays(from, MAX_FORECAST_DAYS), this.config.bankHolidays);
    return {
      basis,
      daily,
      profile: profileOf(slots, new Array<number>(SLOTS).fill(1)),
      ahtSeconds: sums.handled > 0 ? sums.handledSeconds / sums.handled : null,
    };
  }
}

/**
 * The daily history from its first day with contacts to the day before `from`. A week (counted
 * back from `from`) without a single contact is a gap in the data, not a week of no demand.
 * Under 8 weeks with contacts: 400 saying what is missing.
 */
export function historyOf(
  counts: ReadonlyMap<string, number>,
  lookback: { from: string; to: string },
  from: string,
  selection: Selection,
): { from: string; counts: number[] } {
  const days: number[] = [];
  for (let d = dayNumberOf(lookback.from); d <= dayNumberOf(lookback.to); d++) days.push(counts.get(dateOfDayNumber(d)) ?? 0);
  // Weeks end on the day before `from`: the lookback is whole weeks.
  for (let w = 0; w < days.length; w += WEEK) {
    const week = days.slice(w, w + WEEK);
    if (week.every((c) => c === 0)) days.fill(NaN, w, w + WEEK);
  }
  const first = days.findIndex((c) => !Number.isNaN(c));
  const withData = days.filter((c) => !Number.isNaN(c)).length;
  if (first < 0 || withData < MIN_BASIS_DAYS) {
    const what = [`channel ${selection.channel}`, selection.centre && `centre ${selection.centre}`, selection.service && `service ${selection.service}`]
      .filter(Boolean)
      .join(', ');
    throw ApiError.validation([{
      path: 'from',
      problem: `needs at least 8 weeks of contacts before ${from} for ${what}; found ${Math.floor(withData / WEEK)} weeks with contacts in the year before it`,
    }]);
  }
  return { from: addDays(lookback.from, first), counts: days.slice(first) };
}

function datesOf(range: { from: string; to: string }): string[] {
  const out: string[] = [];
  for (let d = dayNumberOf(range.from); d <= dayNumberOf(range.to); d++) out.push(dateOfDayNumber(d));
  return out;
}

function totalOf(intervals: readonly StaffingInterval[]): StaffingBody['total'] {
  return {
    contacts: intervals.reduce((a, i) => a + i.contacts, 0),
    agentHours: intervals.reduce((a, i) => a + i.agents, 0) / 2,
    staffHours: intervals.reduce((a, i) => a + i.staff, 0) / 2,
  };
}
