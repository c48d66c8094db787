/**
 * A forecast's series items (docs/http-contract.md "Forecast and staffing"): one per local date,
 * or one per half-hour of each date spread by the intraday profile. Pure arithmetic.
 */
import type { DailyForecast, DayForecast } from './daily-forecast';
import { dayShares, Profile } from './intraday';

export interface SeriesItem { from: string; to: string; contacts: number; low: number; high: number }

/** z of the 90th percentile of the normal: an 80 % interval is ±1.2816 standard deviations. */
const Z80 = 1.2815515655446004;

export function dailyItems(days: readonly DayForecast[]): SeriesItem[] {
  return days.map((d) => ({ from: d.date, to: d.date, contacts: d.contacts, low: d.low, high: d.high }));
}

/**
 * Half-hour items: the day's forecast × the half-hour's share. Their interval adds the day's
 * relative uncertainty (from the backtest) to the count noise of a small number (Poisson).
 */
export function halfHourItems(forecast: DailyForecast, profile: Profile, bankHolidays: ReadonlySet<string>): SeriesItem[] {
  return forecast.days.flatMap((d) => {
    // The day's relative standard deviation, read back from its interval.
    const sigma = d.contacts > 0 ? (d.high - d.low) / (2 * Z80 * d.contacts) : 0;
    const { halfHours, shares } = dayShares(d.date, profile, bankHolidays.has(d.date));
    return halfHours.map((h, i) => {
      const contacts = d.contacts * shares[i];
      const sd = Math.sqrt((contacts * sigma) ** 2 + contacts);
      return {
        from: h.from.toISOString(),
        to: h.to.toISOString(),
        contacts,
        low: Math.max(0, contacts - Z80 * sd),
        high: contacts + Z80 * sd,
      };
    });
  });
}
