import {
  dateOfDayNumber,
  dayNumberOf,
  dayNumberOfYmd,
  daysInMonth,
  isoWeekdayOfDayNumber,
  isValidLocalDate,
  localDateOf,
  localPartsOf,
  londonOffsetMs,
  startOfLocalDay,
  ymdOfDayNumber,
} from './london-time';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

/** Independent reference: Intl's own wall-clock reading, no caching. */
const reference = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  weekday: 'short',
});
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
function referenceParts(d: Date) {
  const p: Record<string, string> = {};
  for (const part of reference.formatToParts(d)) p[part.type] = part.value;
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    isoWeekday: WEEKDAYS[p.weekday],
    minuteOfDay: +p.hour * 60 + +p.minute,
  };
}

describe('civil day numbers', () => {
  it('matches Date.UTC for every day from 1899 to 3001', () => {
    const first = Date.UTC(1899, 0, 1) / 86_400_000;
    const last = Date.UTC(3001, 0, 1) / 86_400_000;
    for (let n = first; n <= last; n++) {
      const d = new Date(n * 86_400_000);
      const [y, m, day] = ymdOfDayNumber(n);
      if (y !== d.getUTCFullYear() || m !== d.getUTCMonth() + 1 || day !== d.getUTCDate()) {
        throw new Error(`day ${n}: ${y}-${m}-${day} vs ${d.toISOString()}`);
      }
      if (dayNumberOfYmd(y, m, day) !== n) throw new Error(`round trip failed at ${n}`);
      if (isoWeekdayOfDayNumber(n) !== (d.getUTCDay() || 7)) throw new Error(`weekday wrong at ${n}`);
    }
  });

  it('formats and parses YYYY-MM-DD', () => {
    expect(dayNumberOf('1970-01-01')).toBe(0);
    expect(dateOfDayNumber(0)).toBe('1970-01-01');
    expect(dateOfDayNumber(-1)).toBe('1969-12-31');
    expect(dateOfDayNumber(dayNumberOf('2000-02-29') + 1)).toBe('2000-03-01');
    expect(dateOfDayNumber(dayNumberOf('2100-02-28') + 1)).toBe('2100-03-01');
    expect(isoWeekdayOfDayNumber(dayNumberOf('2021-12-27'))).toBe(1);
    expect(isoWeekdayOfDayNumber(dayNumberOf('2021-12-26'))).toBe(7);
  });

  it('knows leap years and month lengths', () => {
    expect(daysInMonth(2020, 2)).toBe(29);
    expect(daysInMonth(2021, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2021, 4)).toBe(30);
    expect(daysInMonth(2021, 12)).toBe(31);
  });

  it.each([
    ['2021-02-28', true],
    ['2020-02-29', true],
    ['2021-02-29', false],
    ['2021-02-30', false],
    ['2021-04-31', false],
    ['2021-13-01', false],
    ['2021-00-10', false],
    ['2021-01-00', false],
    ['2021-1-01', false],
    ['2021-01-01T00:00', false],
    [' 2021-01-01', false],
    ['', false],
  ])('isValidLocalDate(%p) = %p', (value, valid) => {
    expect(isValidLocalDate(value)).toBe(valid);
  });
});

describe('localDateOf', () => {
  it('puts 2021-03-31T23:30Z on 1 April (BST)', () => {
    expect(localDateOf(at('2021-03-31T23:30:00Z'))).toBe('2021-04-01');
  });

  it('keeps winter instants on the UTC date (GMT)', () => {
    expect(localDateOf(at('2021-12-31T23:59:59.999Z'))).toBe('2021-12-31');
    expect(localDateOf(at('2022-01-01T00:00:00Z'))).toBe('2022-01-01');
  });

  it('moves the date at 23:00Z in summer', () => {
    expect(localDateOf(at('2021-07-14T22:59:59.999Z'))).toBe('2021-07-14');
    expect(localDateOf(at('2021-07-14T23:00:00Z'))).toBe('2021-07-15');
  });

  it('accepts instants written with an offset', () => {
    expect(localDateOf(at('2021-04-01T00:30:00+01:00'))).toBe('2021-04-01');
  });

  it('rejects an invalid Date', () => {
    expect(() => localDateOf(new Date('nope'))).toThrow(RangeError);
    expect(() => localPartsOf(new Date(NaN))).toThrow(RangeError);
  });
});

describe('localPartsOf across the 2021 clock changes', () => {
  it('spring forward, 28 March 01:00Z: 00:59:59 GMT then 02:00 BST', () => {
    expect(localPartsOf(at('2021-03-28T00:59:59Z'))).toEqual({ date: '2021-03-28', isoWeekday: 7, minuteOfDay: 59 });
    expect(localPartsOf(at('2021-03-28T01:00:00Z'))).toEqual({ date: '2021-03-28', isoWeekday: 7, minuteOfDay: 120 });
    expect(londonOffsetMs(Date.parse('2021-03-28T00:59:59.999Z'))).toBe(0);
    expect(londonOffsetMs(Date.parse('2021-03-28T01:00:00Z'))).toBe(HOUR);
  });

  it('fall back, 31 October 01:00Z: 01:59 BST then 01:00 GMT', () => {
    expect(localPartsOf(at('2021-10-31T00:59:00Z'))).toEqual({ date: '2021-10-31', isoWeekday: 7, minuteOfDay: 119 });
    expect(localPartsOf(at('2021-10-31T01:00:00Z'))).toEqual({ date: '2021-10-31', isoWeekday: 7, minuteOfDay: 60 });
    expect(londonOffsetMs(Date.parse('2021-10-31T00:59:59.999Z'))).toBe(HOUR);
    expect(londonOffsetMs(Date.parse('2021-10-31T01:00:00Z'))).toBe(0);
  });

  it('2021-10-31T00:30Z and 01:30Z are both local 01:30, at different offsets', () => {
    const bst = localPartsOf(at('2021-10-31T00:30:00Z'));
    const gmt = localPartsOf(at('2021-10-31T01:30:00Z'));
    expect(bst).toEqual({ date: '2021-10-31', isoWeekday: 7, minuteOfDay: 90 });
    expect(gmt).toEqual(bst);
    expect(londonOffsetMs(Date.parse('2021-10-31T00:30:00Z'))).toBe(HOUR);
    expect(londonOffsetMs(Date.parse('2021-10-31T01:30:00Z'))).toBe(0);
  });

  it('the day before each change is unaffected', () => {
    expect(localPartsOf(at('2021-03-27T23:59:00Z'))).toEqual({ date: '2021-03-27', isoWeekday: 6, minuteOfDay: 1439 });
    expect(localPartsOf(at('2021-10-30T22:59:00Z'))).toEqual({ date: '2021-10-30', isoWeekday: 6, minuteOfDay: 1439 });
    expect(localPartsOf(at('2021-10-30T23:00:00Z'))).toEqual({ date: '2021-10-31', isoWeekday: 7, minuteOfDay: 0 });
  });

  it('uses the historical rules (British Standard Time 1968–71, double summer time 1941)', () => {
    expect(londonOffsetMs(Date.parse('1970-01-15T12:00:00Z'))).toBe(HOUR);
    expect(londonOffsetMs(Date.parse('1941-06-15T12:00:00Z'))).toBe(2 * HOUR);
    expect(londonOffsetMs(Date.parse('1910-06-15T12:00:00Z'))).toBe(0);
  });

  it('falls back to an exact per-instant offset in an hour with a non-hour change (LMT → GMT, 1847)', () => {
    // London LMT was −0:01:15 until 1847-12-01 00:00 LMT, i.e. 00:01:15 UTC.
    expect(londonOffsetMs(Date.parse('1847-12-01T00:01:14Z'))).toBe(-75_000);
    expect(londonOffsetMs(Date.parse('1847-12-01T00:01:15Z'))).toBe(0);
    expect(londonOffsetMs(Date.parse('1847-11-30T12:00:00Z'))).toBe(-75_000);
  });

  it('agrees with Intl at every 7 minutes 13 seconds through 2020–2023', () => {
    const start = Date.parse('2020-01-01T00:00:00Z');
    const end = Date.parse('2024-01-01T00:00:00Z');
    for (let ms = start; ms < end; ms += 433_000) {
      const d = new Date(ms);
      const got = localPartsOf(d);
      const want = referenceParts(d);
      if (got.date !== want.date || got.isoWeekday !== want.isoWeekday || got.minuteOfDay !== want.minuteOfDay) {
        throw new Error(`${d.toISOString()}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
      }
      if (localDateOf(d) !== want.date) throw new Error(`localDateOf ${d.toISOString()}`);
    }
  });

  it('agrees with Intl on random instants 1900–2999', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const lo = Date.parse('1900-01-01T00:00:00Z');
    const hi = Date.parse('2999-12-31T23:59:59Z');
    for (let i = 0; i < 20_000; i++) {
      const d = new Date(Math.floor(lo + rand() * (hi - lo)));
      expect(localPartsOf(d)).toEqual(referenceParts(d));
    }
  });
});

describe('startOfLocalDay', () => {
  it.each([
    ['2021-01-01', '2021-01-01T00:00:00.000Z'],
    ['2021-03-28', '2021-03-28T00:00:00.000Z'], // change day itself still starts in GMT
    ['2021-03-29', '2021-03-28T23:00:00.000Z'],
    ['2021-04-01', '2021-03-31T23:00:00.000Z'],
    ['2021-10-31', '2021-10-30T23:00:00.000Z'], // starts in BST
    ['2021-11-01', '2021-11-01T00:00:00.000Z'],
    ['1970-01-01', '1969-12-31T23:00:00.000Z'], // British Standard Time
  ])('%s starts at %s', (date, iso) => {
    expect(startOfLocalDay(date).toISOString()).toBe(iso);
  });
});
