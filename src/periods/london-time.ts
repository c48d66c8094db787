/**
 * Europe/London local time for instants, and exact civil-date arithmetic on 'YYYY-MM-DD'.
 *
 * Runs once per contact event in the ingestion pipeline, so the hot path is a Map lookup plus
 * integer arithmetic: the UTC offset is computed with Intl once per UTC hour and cached. That is
 * exact for London because every offset change since 1847 happens on a whole UTC hour; an hour
 * that is not uniform (checked when it is first seen) falls back to a per-instant lookup.
 */

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface LocalParts {
  /** local date 'YYYY-MM-DD' */
  date: string;
  /** 1 = Monday … 7 = Sunday */
  isoWeekday: IsoWeekday;
  /** whole minutes since local midnight, 0–1439 */
  minuteOfDay: number;
}

export const LONDON = 'Europe/London';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Civil dates as day numbers (days since 1970-01-01). Integer-only algorithms from
// H. Hinnant, "chrono-Compatible Low-Level Date Algorithms": no Date objects, no float drift.
// ---------------------------------------------------------------------------------------------

/** Day number of a proleptic Gregorian date (month 1–12). */
export function dayNumberOfYmd(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0, so the leap day is the last day of the "year"
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Day number of a 'YYYY-MM-DD' string; the caller guarantees the format (see isValidLocalDate). */
export function dayNumberOf(date: string): number {
  return dayNumberOfYmd(+date.slice(0, 4), +date.slice(5, 7), +date.slice(8, 10));
}

/** [year, month 1–12, day] of a day number. */
export function ymdOfDayNumber(dayNumber: number): [number, number, number] {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => (i < 10 ? '0' : '') + i);

/** 'YYYY-MM-DD' for a year 0–9999 (years are zero-padded so strings sort like dates). */
export function formatYmd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
}

export function dateOfDayNumber(dayNumber: number): string {
  const [y, m, d] = ymdOfDayNumber(dayNumber);
  return formatYmd(y, m, d);
}

/** ISO weekday of a day number: day 0 (1970-01-01) was a Thursday. */
export function isoWeekdayOfDayNumber(dayNumber: number): IsoWeekday {
  return ((((dayNumber + 3) % 7) + 7) % 7 + 1) as IsoWeekday;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written exactly as 'YYYY-MM-DD' (so not 2021-02-30). */
export function isValidLocalDate(date: string): boolean {
  const m = LOCAL_DATE_RE.exec(date);
  if (!m) return false;
  const month = +m[2];
  const day = +m[3];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(+m[1], month);
}

// ---------------------------------------------------------------------------------------------
// UTC offset of Europe/London, cached per UTC hour.
// ---------------------------------------------------------------------------------------------

/**
 * Intl is the runtime's tz database. We read the local wall-clock fields rather than use
 * @date-fns/tz's tzOffset, which gets the sign of offsets like -00:01:15 (London LMT) wrong.
 */
const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Offset in ms (local − UTC) at one instant, straight from Intl; slow, so only used to fill the cache. */
function intlOffsetMs(ms: number): number {
  const f: Record<string, number> = {};
  for (const part of wallClock.formatToParts(ms)) {
    if (part.type !== 'literal') f[part.type] = +part.value;
  }
  const localMs =
    dayNumberOfYmd(f.year, f.month, f.day) * DAY_MS + f.hour * HOUR_MS + f.minute * MINUTE_MS + f.second * 1000;
  // Intl reports whole seconds, so compare with the instant truncated to its second.
  return localMs - (ms - mod(ms, 1000));
}

/** Per UTC hour: the offset if it holds for the whole hour, else NaN (look up per instant). */
const offsetByHour = new Map<number, number>();
/** Bound the cache (about 114 years of hours) so a stream of odd timestamps cannot grow it forever. */
const MAX_CACHED_HOURS = 1_000_000;

/** UTC offset of Europe/London at an instant, in ms (local = UTC + offset). */
export function londonOffsetMs(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR_MS;
    const atStart = intlOffsetMs(start);
    offset = atStart === intlOffsetMs(start + HOUR_MS - 1) ? atStart : NaN;
    if (offsetByHour.size >= MAX_CACHED_HOURS) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset === offset ? offset : intlOffsetMs(ms); // offset !== offset only for NaN
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

function instantMs(instant: Date): number {
  const ms = instant.getTime();
  if (ms !== ms) throw new RangeError('Invalid Date');
  return ms;
}

// Memo of the last day formatted: events arrive roughly in time order, so consecutive calls
// usually share a local day and skip the string building.
let lastDayNumber = NaN;
let lastDate = '';

function dateOfDayNumberMemo(dayNumber: number): string {
  if (dayNumber !== lastDayNumber) {
    lastDate = dateOfDayNumber(dayNumber);
    lastDayNumber = dayNumber;
  }
  return lastDate;
}

/** Local (Europe/London) date of an instant, 'YYYY-MM-DD'. */
export function localDateOf(instant: Date): string {
  const ms = instantMs(instant);
  return dateOfDayNumberMemo(Math.floor((ms + londonOffsetMs(ms)) / DAY_MS));
}

/** Local date, ISO weekday and minute of day of an instant in Europe/London. */
export function localPartsOf(instant: Date): LocalParts {
  const ms = instantMs(instant);
  const local = ms + londonOffsetMs(ms);
  const dayNumber = Math.floor(local / DAY_MS);
  return {
    date: dateOfDayNumberMemo(dayNumber),
    isoWeekday: isoWeekdayOfDayNumber(dayNumber),
    minuteOfDay: Math.floor((local - dayNumber * DAY_MS) / MINUTE_MS),
  };
}

/**
 * UTC instant of local midnight at the start of a local date. Two-step lookup because the
 * offset is keyed by the UTC instant we are solving for; London midnight is never inside a
 * clock change (they happen at 01:00 UTC), so the answer is unique.
 */
export function startOfLocalDay(date: string): Date {
  const local = dayNumberOf(date) * DAY_MS;
  const firstGuess = local - londonOffsetMs(local);
  return new Date(local - londonOffsetMs(firstGuess));
}
