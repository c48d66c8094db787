/**
 * Synthetic contact-centre demand with a known shape, for scoring the forecast: a weekly shape,
 * a 10:00 intraday peak, a steady trend, day-to-day noise and Sunday-like bank holidays. Times
 * are built in Europe/London with @date-fns/tz, independently of the service's own code.
 */
import { TZDate } from '@date-fns/tz';
import { prng } from './random';

/** Relative demand by ISO weekday (index 1 = Monday). */
export const WEEKLY_SHAPE = [0, 1.35, 1.15, 1.05, 1.0, 0.9, 0.25, 0.12];
/** Relative demand per local half-hour 0–47: 08:00–18:00 with the peak at 10:00. */
export const INTRADAY_SHAPE = Array.from({ length: 48 }, (_, s) => (s >= 16 && s < 36 ? 0.4 + Math.exp(-(((s - 20) / 2) ** 2)) : 0));

export interface DemandSpec {
  channel: string;
  centre: string;
  /** Monday weekday demand on the first day */
  base: number;
  /** growth per week, e.g. 0.005 = 0.5 % */
  weeklyGrowth: number;
  /** day-to-day noise, relative standard deviation */
  noise: number;
  bankHolidays: ReadonlySet<string>;
  seed: number;
}

export interface GeneratedEvent {
  id: string;
  source: string;
  occurredAt: string;
  channel: string;
  centre: string;
  durationSeconds: number;
}

/** Dates from `from` to `to` inclusive, as YYYY-MM-DD. */
export function datesOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

function isoWeekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** Expected contacts of a day (before noise). */
export function expectedDay(spec: DemandSpec, start: string, date: string): number {
  const weeks = (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / (7 * 86_400_000);
  const shape = spec.bankHolidays.has(date) ? WEEKLY_SHAPE[7] : WEEKLY_SHAPE[isoWeekday(date)];
  return spec.base * shape * (1 + spec.weeklyGrowth) ** weeks;
}

/** The contacts of each day from `from` to `to`; ids are unique per spec seed. */
export function generateDemand(spec: DemandSpec, start: string, from: string, to: string): GeneratedEvent[] {
  const rnd = prng(spec.seed + Date.parse(from) / 86_400_000);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const cumulative: number[] = [];
  INTRADAY_SHAPE.reduce((a, w, i) => (cumulative[i] = a + w), 0);
  const total = cumulative[47];
  const events: GeneratedEvent[] = [];
  for (const date of datesOf(from, to)) {
    const mean = expectedDay(spec, start, date) * (1 + spec.noise * normal());
    const n = Math.max(0, Math.round(mean + Math.sqrt(Math.max(mean, 0)) * normal()));
    const [y, m, d] = date.split('-').map(Number);
    for (let i = 0; i < n; i++) {
      const u = rnd() * total;
      const slot = cumulative.findIndex((c) => c > u);
      const second = Math.floor(rnd() * 1800);
      const at = new TZDate(y, m - 1, d, Math.floor(slot / 2), (slot % 2) * 30 + Math.floor(second / 60), second % 60, 'Europe/London');
      events.push({
        id: `${spec.seed}-${date}-${i}`,
        source: 'netcall',
        occurredAt: new Date(at.getTime()).toISOString(),
        channel: spec.channel,
        centre: spec.centre,
        durationSeconds: 120 + Math.floor(rnd() * 240),
      });
    }
  }
  return events;
}
