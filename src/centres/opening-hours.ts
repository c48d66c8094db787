/**
 * Contact-centre opening hours, for the out-of-hours share (docs/definitions.md "Contact centres and opening hours"): a contact
 * is in hours from `opens` up to, not including, `closes` local (Europe/London) time on the
 * listed ISO weekdays; with `bankHolidaysClosed`, England and Wales bank holidays are out of hours.
 */
import { LocalParts, localPartsOf } from '../periods/london-time';

export interface OpeningHours {
  /** ISO weekdays the centre is open, 1 = Monday … 7 = Sunday */
  days: number[];
  /** local opening time 'HH:MM', inclusive */
  opens: string;
  /** local closing time 'HH:MM', exclusive; '24:00' means open until midnight */
  closes: string;
  bankHolidaysClosed: boolean;
}

/** Centres without their own hours: Monday–Friday 09:00–17:00, closed on bank holidays. */
export const DEFAULT_OPENING_HOURS: Readonly<OpeningHours> = Object.freeze({
  days: Object.freeze([1, 2, 3, 4, 5]) as number[],
  opens: '09:00',
  closes: '17:00',
  bankHolidaysClosed: true,
});

interface CompiledHours {
  /** open[isoWeekday] */
  open: boolean[];
  opensMinute: number;
  closesMinute: number;
  bankHolidaysClosed: boolean;
}

const CLOCK_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of 'HH:MM' (00:00–23:59, and 24:00 when `allowMidnight`). */
export function parseClock(value: string, allowMidnight = false): number {
  if (allowMidnight && value === '24:00') return 24 * 60;
  const m = CLOCK_RE.exec(value);
  if (!m) throw new RangeError(`'${value}' is not a time of day HH:MM`);
  return +m[1] * 60 + +m[2];
}

/** Checks opening hours from configuration and turns them into lookups; throws RangeError if invalid. */
export function compileOpeningHours(hours: OpeningHours): CompiledHours {
  const open = new Array<boolean>(8).fill(false);
  for (const day of hours.days) {
    if (!Number.isInteger(day) || day < 1 || day > 7) throw new RangeError(`opening day ${day} is not an ISO weekday 1–7`);
    open[day] = true;
  }
  const opensMinute = parseClock(hours.opens);
  const closesMinute = parseClock(hours.closes, true);
  // Overnight opening would need the previous day's weekday and bank-holiday rules; refuse it
  // rather than guess.
  if (opensMinute >= closesMinute) throw new RangeError(`opening time ${hours.opens} is not before closing time ${hours.closes}`);
  return { open, opensMinute, closesMinute, bankHolidaysClosed: hours.bankHolidaysClosed === true };
}

/** Hours objects come from configuration and live for the process, so compile each once. */
const compiled = new WeakMap<OpeningHours, CompiledHours>();

function compiledFor(hours: OpeningHours): CompiledHours {
  let c = compiled.get(hours);
  if (!c) {
    c = compileOpeningHours(hours);
    compiled.set(hours, c);
  }
  return c;
}

/**
 * True when the instant falls outside the centre's opening hours in Europe/London local time,
 * or on a bank holiday (local date in `bankHolidays`) when the centre closes on them.
 * Treat `hours` as immutable: it is compiled once per object.
 */
export function isOutOfHours(instant: Date, hours: OpeningHours, bankHolidays: ReadonlySet<string>): boolean {
  return isOutOfHoursAt(localPartsOf(instant), hours, bankHolidays);
}

/** The same, for local parts the caller already has (the intake needs the local date anyway). */
export function isOutOfHoursAt(
  { date, isoWeekday, minuteOfDay }: LocalParts,
  hours: OpeningHours,
  bankHolidays: ReadonlySet<string>,
): boolean {
  const c = compiledFor(hours);
  // Whole minutes suffice: opens and closes are whole minutes, so 16:59:59 (minute 1019) < 17:00.
  if (!c.open[isoWeekday] || minuteOfDay < c.opensMinute || minuteOfDay >= c.closesMinute) return true;
  return c.bankHolidaysClosed && bankHolidays.has(date);
}
