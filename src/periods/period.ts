/**
 * Reporting periods in UK local-government conventions (docs/definitions.md "Periods"; docs/http-contract.md "Selecting a
 * period"). All dates are Europe/London local dates 'YYYY-MM-DD', inclusive at both ends; the
 * financial year runs 1 April – 31 March and its quarters are Q1 Apr–Jun … Q4 Jan–Mar.
 */
import {
  dateOfDayNumber,
  dayNumberOf,
  daysInMonth,
  formatYmd,
  isValidLocalDate,
  startOfLocalDay,
} from './london-time';

export type PeriodKind = 'year' | 'month' | 'fy' | 'fy_quarter' | 'range';

export interface Period {
  /** first local date, inclusive */
  from: string;
  /** last local date, inclusive */
  to: string;
  kind: PeriodKind;
  /** canonical spelling: '2021', '2021-12', 'FY2021-22', 'FY2021-22-Q3' or '2021-01-01/2021-03-31' */
  label: string;
}

export type Interval = 'month' | 'fy_quarter' | 'fy' | 'year';

export const INTERVALS: readonly Interval[] = ['month', 'fy_quarter', 'fy', 'year'];

/** A bad period selection; `field` is the query parameter to blame ('period', 'from' or 'to'). */
export class PeriodError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'PeriodError';
  }
}

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;
/** Longest from/to range; stops a typo like 2021→3021 from scanning a millennium of intervals. */
export const MAX_RANGE_YEARS = 20;

const MIN_DATE = `${MIN_YEAR}-01-01`;
const MAX_DATE = `${MAX_YEAR}-12-31`;

const PERIOD_FORMATS = "2021 (calendar year), 2021-12 (month), FY2021-22 (financial year) or FY2021-22-Q3 (financial quarter)";

// ---------------------------------------------------------------------------------------------
// Local date arithmetic (exact: integer day numbers, never Date or float maths)
// ---------------------------------------------------------------------------------------------

/** The local date `days` days after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumberOf(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier); daysBetween(d, d) = 0. */
export function daysBetween(from: string, to: string): number {
  return dayNumberOf(to) - dayNumberOf(from);
}

/** First day of a month given as a month index (year × 12 + month − 1), so months add like integers. */
function firstOfMonthIndex(index: number): string {
  return formatYmd(Math.floor(index / 12), (index % 12) + 1, 1);
}

function monthIndexOf(date: string): number {
  return +date.slice(0, 4) * 12 + +date.slice(5, 7) - 1;
}

/** Start year of the financial year holding a local date: April onwards belongs to this year's FY. */
function fyStartYearOf(date: string): number {
  const year = +date.slice(0, 4);
  return +date.slice(5, 7) >= 4 ? year : year - 1;
}

function fyLabel(startYear: number): string {
  return `FY${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** 'FY2021-22' for any local date from 2021-04-01 to 2022-03-31. */
export function financialYearOf(localDate: string): string {
  return fyLabel(fyStartYearOf(localDate));
}

/** Financial quarter 1–4 of a local date (April–June is 1, January–March is 4). */
export function financialQuarterOf(localDate: string): 1 | 2 | 3 | 4 {
  const month = +localDate.slice(5, 7);
  return (month >= 4 ? Math.floor((month - 4) / 3) + 1 : 4) as 1 | 2 | 3 | 4;
}

// ---------------------------------------------------------------------------------------------
// Period constructors (no range checks: previousPeriod may step below MIN_YEAR)
// ---------------------------------------------------------------------------------------------

export function yearPeriod(year: number): Period {
  return { from: formatYmd(year, 1, 1), to: formatYmd(year, 12, 31), kind: 'year', label: String(year) };
}

export function monthPeriod(year: number, month: number): Period {
  const from = formatYmd(year, month, 1);
  return { from, to: formatYmd(year, month, daysInMonth(year, month)), kind: 'month', label: from.slice(0, 7) };
}

export function fyPeriod(startYear: number): Period {
  return {
    from: formatYmd(startYear, 4, 1),
    to: formatYmd(startYear + 1, 3, 31),
    kind: 'fy',
    label: fyLabel(startYear),
  };
}

export function fyQuarterPeriod(startYear: number, quarter: number): Period {
  // Q1 starts in April of the start year; Q4 is January–March of the next calendar year.
  const first = startYear * 12 + 3 + (quarter - 1) * 3;
  return {
    from: firstOfMonthIndex(first),
    to: addDays(firstOfMonthIndex(first + 3), -1),
    kind: 'fy_quarter',
    label: `${fyLabel(startYear)}-Q${quarter}`,
  };
}

export function rangePeriod(from: string, to: string): Period {
  return { from, to, kind: 'range', label: `${from}/${to}` };
}

// ---------------------------------------------------------------------------------------------
// Parsing a query
// ---------------------------------------------------------------------------------------------

export interface PeriodQuery {
  period?: string;
  from?: string;
  to?: string;
}

/** Reads `period=` or `from=`+`to=` from a query; throws PeriodError naming the bad parameter. */
export function parsePeriod(query: PeriodQuery): Period {
  const { period, from, to } = query;
  const hasRange = from !== undefined || to !== undefined;
  if (period !== undefined) {
    if (hasRange) throw new PeriodError('period', 'give either period or from and to, not both');
    return withinYears('period', parsePeriodValue(singleValue('period', period)));
  }
  if (!hasRange) {
    throw new PeriodError('period', `is required: give period as ${PERIOD_FORMATS}, or from and to as YYYY-MM-DD`);
  }
  if (from === undefined) throw new PeriodError('from', 'is required when to is given (YYYY-MM-DD)');
  if (to === undefined) throw new PeriodError('to', 'is required when from is given (YYYY-MM-DD)');
  return parseRange(singleValue('from', from), singleValue('to', to));
}

/** Query parsers hand over arrays for repeated parameters (?period=a&period=b); refuse those. */
function singleValue(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new PeriodError(field, 'must be given once, as a single value');
  return value;
}

const YEAR_RE = /^(\d{4})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
const FY_RE = /^FY(\d{4})-(\d{2})(?:-Q(\d))?$/;

function parsePeriodValue(value: string): Period {
  let m = YEAR_RE.exec(value);
  if (m) return yearPeriod(+m[1]);
  m = MONTH_RE.exec(value);
  if (m) {
    const month = +m[2];
    if (month < 1 || month > 12) throw new PeriodError('period', `month must be 01–12 in '${value}'`);
    return monthPeriod(+m[1], month);
  }
  m = FY_RE.exec(value);
  if (m) {
    const startYear = +m[1];
    const expected = String((startYear + 1) % 100).padStart(2, '0');
    if (m[2] !== expected) {
      throw new PeriodError('period', `financial year ${startYear} ends in ${startYear + 1}, so write FY${startYear}-${expected}`);
    }
    if (m[3] === undefined) return fyPeriod(startYear);
    const quarter = +m[3];
    if (quarter < 1 || quarter > 4) throw new PeriodError('period', `quarter must be Q1–Q4 in '${value}'`);
    return fyQuarterPeriod(startYear, quarter);
  }
  throw new PeriodError('period', `'${truncate(value)}' is not a period: use ${PERIOD_FORMATS}`);
}

function parseRange(from: string, to: string): Period {
  checkDate('from', from);
  checkDate('to', to);
  if (from > to) throw new PeriodError('from', `${from} is after to ${to}`);
  // Same month and day MAX_RANGE_YEARS later, compared as text: exact, and needs no clamping
  // when that day does not exist (29 February).
  const limit = String(+from.slice(0, 4) + MAX_RANGE_YEARS).padStart(4, '0') + from.slice(4);
  if (to >= limit) throw new PeriodError('to', `the range may cover at most ${MAX_RANGE_YEARS} years`);
  return withinYears('to', rangePeriod(from, to));
}

function checkDate(field: string, value: string): void {
  if (!isValidLocalDate(value)) {
    const problem = /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? `${value} is not a calendar date`
      : `'${truncate(value)}' is not a date in the form YYYY-MM-DD`;
    throw new PeriodError(field, problem);
  }
  if (value < MIN_DATE || value > MAX_DATE) {
    throw new PeriodError(field, `must be within ${MIN_YEAR}–${MAX_YEAR}`);
  }
}

function withinYears(field: string, p: Period): Period {
  if (p.from < MIN_DATE || p.to > MAX_DATE) {
    throw new PeriodError(field, `${p.label} is outside the years ${MIN_YEAR}–${MAX_YEAR}`);
  }
  return p;
}

/** Error texts echo the client's value; keep a hostile value from bloating the reply. */
function truncate(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

// ---------------------------------------------------------------------------------------------
// Using a period
// ---------------------------------------------------------------------------------------------

/**
 * Half-open UTC bounds [start, end) of a period: local midnight starting `from` and local
 * midnight after `to`, so days around a clock change are 23 or 25 hours long.
 */
export function periodBounds(p: Period): { start: Date; end: Date } {
  return { start: startOfLocalDay(p.from), end: startOfLocalDay(addDays(p.to, 1)) };
}

/** Length in months of each interval and the month index (mod length) that starts one. */
const INTERVAL_SHAPE: Record<Interval, { months: number; anchor: number }> = {
  month: { months: 1, anchor: 0 },
  fy_quarter: { months: 3, anchor: 0 }, // Apr/Jul/Oct/Jan: calendar quarters, numbered from April
  fy: { months: 12, anchor: 3 }, // April
  year: { months: 12, anchor: 0 },
};

/** Every interval that meets the period, in time order, the first and last clipped to its edges. */
export function intervalsOf(p: Period, interval: Interval): { from: string; to: string }[] {
  const shape = INTERVAL_SHAPE[interval];
  if (!shape) throw new RangeError(`unknown interval '${String(interval)}'`);
  const { months, anchor } = shape;
  const firstMonth = monthIndexOf(p.from);
  let index = firstMonth - (((firstMonth - anchor) % months) + months) % months;
  const out: { from: string; to: string }[] = [];
  for (let start = firstOfMonthIndex(index); start <= p.to; ) {
    const next = firstOfMonthIndex((index += months));
    const end = addDays(next, -1);
    out.push({ from: start < p.from ? p.from : start, to: end > p.to ? p.to : end });
    start = next;
  }
  return out;
}

/** The period of the same kind just before: previous year, month, FY, FY quarter, or equal-length range. */
export function previousPeriod(p: Period): Period {
  const year = +p.from.slice(0, 4);
  switch (p.kind) {
    case 'year':
      return yearPeriod(year - 1);
    case 'month': {
      const index = monthIndexOf(p.from) - 1;
      return monthPeriod(Math.floor(index / 12), (index % 12) + 1);
    }
    case 'fy':
      return fyPeriod(year - 1);
    case 'fy_quarter': {
      const quarter = financialQuarterOf(p.from);
      const startYear = fyStartYearOf(p.from);
      return quarter === 1 ? fyQuarterPeriod(startYear - 1, 4) : fyQuarterPeriod(startYear, quarter - 1);
    }
    case 'range': {
      const days = daysBetween(p.from, p.to) + 1;
      return rangePeriod(addDays(p.from, -days), addDays(p.from, -1));
    }
  }
}

/** The same period a year before (29 February becomes 28 February in a range). */
export function samePeriodLastYear(p: Period): Period {
  const year = +p.from.slice(0, 4);
  switch (p.kind) {
    case 'year':
      return yearPeriod(year - 1);
    case 'month':
      return monthPeriod(year - 1, +p.from.slice(5, 7));
    case 'fy':
      return fyPeriod(year - 1);
    case 'fy_quarter':
      return fyQuarterPeriod(fyStartYearOf(p.from) - 1, financialQuarterOf(p.from));
    case 'range':
      return rangePeriod(yearEarlier(p.from), yearEarlier(p.to));
  }
}

function yearEarlier(date: string): string {
  const year = +date.slice(0, 4) - 1;
  const month = +date.slice(5, 7);
  return formatYmd(year, month, Math.min(+date.slice(8, 10), daysInMonth(year, month)));
}

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
];

/** The English name of a local date's month: "December". */
export function monthOf(date: string): string {
  return MONTH_NAMES[+date.slice(5, 7) - 1];
}

/** A period as a report writes it: "December 2021", "October–December 2021", "2021/22", "2021". */
export function periodName(p: Period): string {
  const month = monthOf;
  switch (p.kind) {
    case 'year':
      return p.label;
    case 'month':
      return `${month(p.from)} ${p.from.slice(0, 4)}`;
    case 'fy':
      return `${p.from.slice(0, 4)}/${p.to.slice(2, 4)}`;
    case 'fy_quarter':
      return `${month(p.from)}–${month(p.to)} ${p.to.slice(0, 4)}`;
    case 'range':
      return `${p.from} to ${p.to}`;
  }
}

/** How a report names the period before this one: "the preceding three months". */
export function precedingName(p: Period): string {
  const spans: Record<PeriodKind, string> = {
    year: 'the preceding year', fy: 'the preceding year', fy_quarter: 'the preceding three months', month: 'the preceding month',
    range: 'the preceding period',
  };
  return spans[p.kind];
}
