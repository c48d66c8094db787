import bankHolidayConfig from '../../config/bank-holidays.json';
import { compileOpeningHours, DEFAULT_OPENING_HOURS, isOutOfHours, OpeningHours, parseClock } from './opening-hours';

const BANK_HOLIDAYS: ReadonlySet<string> = new Set(bankHolidayConfig['england-and-wales']);
const out = (iso: string, hours: OpeningHours = DEFAULT_OPENING_HOURS, holidays = BANK_HOLIDAYS) =>
  isOutOfHours(new Date(iso), hours, holidays);

describe('default opening hours (Mon–Fri 09:00–17:00, Europe/London)', () => {
  it('is open from 09:00 up to, not including, 17:00 (winter, GMT)', () => {
    // Wednesday 1 December 2021
    expect(out('2021-12-01T08:59:00Z')).toBe(true);
    expect(out('2021-12-01T08:59:59.999Z')).toBe(true);
    expect(out('2021-12-01T09:00:00Z')).toBe(false);
    expect(out('2021-12-01T12:00:00Z')).toBe(false);
    expect(out('2021-12-01T16:59:59Z')).toBe(false);
    expect(out('2021-12-01T16:59:59.999Z')).toBe(false);
    expect(out('2021-12-01T17:00:00Z')).toBe(true);
    expect(out('2021-12-01T23:30:00Z')).toBe(true);
    expect(out('2021-12-01T00:00:00Z')).toBe(true);
  });

  it('uses local time in summer (BST): 09:00 local is 08:00Z', () => {
    // Thursday 15 July 2021
    expect(out('2021-07-15T07:59:00Z')).toBe(true); // 08:59 BST
    expect(out('2021-07-15T08:00:00Z')).toBe(false); // 09:00 BST
    expect(out('2021-07-15T15:59:59Z')).toBe(false); // 16:59:59 BST
    expect(out('2021-07-15T16:00:00Z')).toBe(true); // 17:00 BST
    expect(out('2021-07-15T16:30:00Z')).toBe(true); // in hours by UTC, not by London time
  });

  it('follows the clock change on the Monday after it', () => {
    expect(out('2021-03-29T08:00:00Z')).toBe(false); // Mon 29 March, 09:00 BST
    expect(out('2021-11-01T08:30:00Z')).toBe(true); // Mon 1 November, 08:30 GMT
    expect(out('2021-11-01T09:00:00Z')).toBe(false);
  });

  it('is closed at weekends', () => {
    expect(out('2021-12-04T12:00:00Z')).toBe(true); // Saturday
    expect(out('2021-12-05T12:00:00Z')).toBe(true); // Sunday
    expect(out('2021-12-03T12:00:00Z')).toBe(false); // Friday
    expect(out('2021-12-06T12:00:00Z')).toBe(false); // Monday
  });

  it('uses the local weekday: Friday 23:30Z in summer is already Saturday', () => {
    expect(out('2021-07-16T23:30:00Z', { ...DEFAULT_OPENING_HOURS, days: [6], opens: '00:00' })).toBe(false);
  });

  it('is closed on bank holidays, including both 2021 Christmas substitute days', () => {
    expect(out('2021-12-24T12:00:00Z')).toBe(false); // Christmas Eve is a working day
    expect(out('2021-12-27T12:00:00Z')).toBe(true);
    expect(out('2021-12-28T12:00:00Z')).toBe(true);
    expect(out('2021-12-29T12:00:00Z')).toBe(false);
    expect(out('2022-01-03T12:00:00Z')).toBe(true);
    expect(out('2021-05-31T10:00:00Z')).toBe(true); // spring bank holiday, in BST
  });

  it('matches bank holidays by local date, not UTC date', () => {
    // 23:30Z on Sunday 30 May is 00:30 BST on the bank holiday Monday; open at that hour
    // only for a round-the-clock centre, which is then shut by the holiday.
    const allDay: OpeningHours = { days: [1, 2, 3, 4, 5, 6, 7], opens: '00:00', closes: '24:00', bankHolidaysClosed: true };
    expect(out('2021-05-30T23:30:00Z', allDay)).toBe(true);
    expect(out('2021-05-30T22:30:00Z', allDay)).toBe(false);
  });
});

describe('per-centre opening hours', () => {
  const saturdays: OpeningHours = { days: [1, 2, 3, 4, 5, 6], opens: '08:30', closes: '18:00', bankHolidaysClosed: false };

  it('honours its own days and times', () => {
    expect(out('2021-12-04T08:29:00Z', saturdays)).toBe(true);
    expect(out('2021-12-04T08:30:00Z', saturdays)).toBe(false);
    expect(out('2021-12-04T17:59:00Z', saturdays)).toBe(false);
    expect(out('2021-12-04T18:00:00Z', saturdays)).toBe(true);
    expect(out('2021-12-05T12:00:00Z', saturdays)).toBe(true);
  });

  it('stays open on bank holidays when not closed for them', () => {
    expect(out('2021-12-27T12:00:00Z', saturdays)).toBe(false);
  });

  it('treats 24:00 as the end of the day', () => {
    const late: OpeningHours = { days: [1, 2, 3, 4, 5], opens: '09:00', closes: '24:00', bankHolidaysClosed: true };
    expect(out('2021-12-01T23:59:59Z', late)).toBe(false);
    expect(out('2021-12-02T00:00:00Z', late)).toBe(true); // Thursday opens again at 09:00
    expect(out('2021-12-02T00:00:00Z', { ...late, opens: '00:00' })).toBe(false);
  });

  it('ignores the bank-holiday set it is not asked to use', () => {
    expect(out('2021-12-27T12:00:00Z', DEFAULT_OPENING_HOURS, new Set())).toBe(false);
  });
});

describe('validating opening hours', () => {
  it('parses HH:MM', () => {
    expect(parseClock('00:00')).toBe(0);
    expect(parseClock('09:30')).toBe(570);
    expect(parseClock('23:59')).toBe(1439);
    expect(parseClock('24:00', true)).toBe(1440);
    for (const bad of ['24:00', '9:00', '09:60', '25:00', '0900', '09:00:00', '']) {
      expect(() => parseClock(bad)).toThrow(RangeError);
    }
  });

  it.each<[string, Partial<OpeningHours>, RegExp]>([
    ['a weekday 0', { days: [0, 1] }, /ISO weekday/],
    ['a weekday 8', { days: [8] }, /ISO weekday/],
    ['a fractional weekday', { days: [1.5] }, /ISO weekday/],
    ['a bad opening time', { opens: '9am' }, /HH:MM/],
    ['24:00 as an opening time', { opens: '24:00' }, /HH:MM/],
    ['closing before opening', { opens: '17:00', closes: '09:00' }, /not before/],
    ['closing at opening', { opens: '09:00', closes: '09:00' }, /not before/],
  ])('refuses %s', (_name, change, problem) => {
    expect(() => compileOpeningHours({ ...DEFAULT_OPENING_HOURS, ...change })).toThrow(problem);
    expect(() => out('2021-12-01T12:00:00Z', { ...DEFAULT_OPENING_HOURS, ...change })).toThrow(problem);
  });

  it('keeps the default hours immutable', () => {
    expect(Object.isFrozen(DEFAULT_OPENING_HOURS)).toBe(true);
    expect(DEFAULT_OPENING_HOURS).toEqual({ days: [1, 2, 3, 4, 5], opens: '09:00', closes: '17:00', bankHolidaysClosed: true });
  });
});
