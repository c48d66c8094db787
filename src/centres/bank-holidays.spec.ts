import bankHolidays from '../../config/bank-holidays.json';
import { dayNumberOf, isoWeekdayOfDayNumber, isValidLocalDate } from '../periods/london-time';

/** config/bank-holidays.json: England and Wales bank holidays, 2015–2030. */
const dates: string[] = bankHolidays['england-and-wales'];
const ofYear = (year: number) => dates.filter((d) => d.startsWith(`${year}-`));

describe('config/bank-holidays.json', () => {
  it('lists 2021 exactly, with both Christmas substitutes', () => {
    expect(ofYear(2021)).toEqual([
      '2021-01-01', // New Year's Day
      '2021-04-02', // Good Friday
      '2021-04-05', // Easter Monday
      '2021-05-03', // Early May bank holiday
      '2021-05-31', // Spring bank holiday
      '2021-08-30', // Summer bank holiday
      '2021-12-27', // Christmas Day (substitute day)
      '2021-12-28', // Boxing Day (substitute day)
    ]);
  });

  it('lists 2022 exactly, with the jubilee and the state funeral', () => {
    expect(ofYear(2022)).toEqual([
      '2022-01-03', // New Year's Day (substitute day)
      '2022-04-15', // Good Friday
      '2022-04-18', // Easter Monday
      '2022-05-02', // Early May bank holiday
      '2022-06-02', // Spring bank holiday, moved for the Platinum Jubilee
      '2022-06-03', // Platinum Jubilee bank holiday
      '2022-08-29', // Summer bank holiday
      '2022-09-19', // State funeral of Queen Elizabeth II
      '2022-12-26', // Boxing Day
      '2022-12-27', // Christmas Day (substitute day)
    ]);
  });

  it('has the other one-off changes', () => {
    expect(dates).toContain('2020-05-08'); // VE Day 75, moved from 4 May
    expect(dates).not.toContain('2020-05-04');
    expect(dates).toContain('2023-05-08'); // coronation of King Charles III
    expect(dates).not.toContain('2022-05-30'); // spring holiday moved to 2 June
  });

  it('covers 2015–2030, sorted, unique, valid, on weekdays only', () => {
    expect(dates[0]).toBe('2015-01-01');
    expect(dates[dates.length - 1]).toBe('2030-12-26');
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    for (const d of dates) {
      expect(isValidLocalDate(d)).toBe(true);
      expect(isoWeekdayOfDayNumber(dayNumberOf(d))).toBeLessThanOrEqual(5);
    }
    for (let year = 2015; year <= 2030; year++) {
      const expected = year === 2022 ? 10 : year === 2023 ? 9 : 8;
      expect([year, ofYear(year).length]).toEqual([year, expected]);
    }
  });
});
