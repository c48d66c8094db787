/**
 * The day's shape: a day-of-week × half-hour profile of the history's timed contacts, and the
 * half-hours of a local date built in Europe/London (46 on the spring clock change, 50 in
 * autumn). Pure arithmetic.
 */
import { TZDate } from '@date-fns/tz';
import { isoWeekdayOfDayNumber, dayNumberOf, localPartsOf, LONDON } from '../periods/london-time';

export const SLOTS = 48;
const HALF_HOUR_MS = 30 * 60_000;

export interface HalfHour {
  from: Date;
  to: Date;
  /** local wall-clock half-hour of `from`, 0 = 00:00–00:30 … 47 = 23:30–24:00 */
  slot: number;
}

/** The half-hours of a local date, in order: local midnight to the next local midnight. */
export function halfHoursOf(date: string): HalfHour[] {
  const [y, m, d] = date.split('-').map(Number);
  const start = new TZDate(y, m - 1, d, LONDON).getTime();
  const end = new TZDate(y, m - 1, d + 1, LONDON).getTime();
  const out: HalfHour[] = [];
  for (let t = start; t < end; t += HALF_HOUR_MS) {
    const from = new Date(t);
    out.push({ from, to: new Date(t + HALF_HOUR_MS), slot: Math.floor(localPartsOf(from).minuteOfDay / 30) });
  }
  return out;
}

/** Counts of timed contacts by ISO weekday (1–7) and local half-hour slot (0–47). */
export interface SlotCount { isoWeekday: number; slot: number; contacts: number }

/** shares[isoWeekday][slot], each weekday summing to 1; a weekday without data gets `fallback`'s shape. */
export type Profile = number[][];

export function profileOf(counts: readonly SlotCount[], fallback: readonly number[]): Profile {
  const sums = Array.from({ length: 8 }, () => new Array<number>(SLOTS).fill(0));
  for (const c of counts) sums[c.isoWeekday][c.slot] += c.contacts;
  return sums.map((row) => normalised(row) ?? normalised([...fallback])!);
}

function normalised(row: number[]): number[] | undefined {
  const total = row.reduce((a, b) => a + b, 0);
  return total > 0 ? row.map((v) => v / total) : undefined;
}

/**
 * Shares of a day's contacts per half-hour of that date. A wall-clock half-hour that occurs twice
 * (autumn) is a real half-hour both times, so each takes its usual weight; one that does not occur
 * (spring) drops out; then the day is scaled to sum to 1. Bank holidays take Sunday's shape.
 */
export function dayShares(date: string, profile: Profile, bankHoliday: boolean): { halfHours: HalfHour[]; shares: number[] } {
  const halfHours = halfHoursOf(date);
  const weekday = bankHoliday ? 7 : isoWeekdayOfDayNumber(dayNumberOf(date));
  const raw = halfHours.map((h) => profile[weekday][h.slot]);
  const total = raw.reduce((a, b) => a + b, 0);
  const shares = total > 0 ? raw.map((r) => r / total) : raw.map(() => 1 / halfHours.length);
  return { halfHours, shares };
}
