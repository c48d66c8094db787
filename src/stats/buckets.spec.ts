import { addDays, intervalsOf, parsePeriod } from '../periods/period';
import { bucketEnd, bucketsOf, DayRange, Grain } from './buckets';

/** The days each bucket covers, as the SQL writes them: day-of-month blocks, months, quarters. */
function daysOf(grain: Grain, start: string): string[] {
  const out: string[] = [];
  for (let d = start; d <= bucketEnd(grain, start); d = addDays(d, 1)) out.push(d);
  return out;
}

/** Bucket start of a day at a grain, as GRAIN_BUCKETS computes it in SQL. */
function startOf(grain: Grain, day: string): string {
  const dom = +day.slice(8, 10);
  const first = `${day.slice(0, 8)}01`;
  switch (grain) {
    case 'd':
      return day;
    case 'f':
      return addDays(first, Math.floor((dom - 1) / 4) * 4);
    case 'h':
      return addDays(first, Math.floor((dom - 1) / 16) * 16);
    case 'm':
      return first;
    case 'q':
      return `${day.slice(0, 5)}${String(Math.floor((+day.slice(5, 7) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  }
}

function tiles(ranges: DayRange[]): void {
  const covered: string[] = [];
  for (const [grain, starts] of bucketsOf(ranges)) {
    for (const s of starts) {
      const days = daysOf(grain, s);
      // a real bucket of that grain: every day in it maps back to its start
      const strays = days.filter((d) => startOf(grain, d) !== s);
      if (strays.length) throw new Error(`${grain} ${s} holds ${strays.join(', ')}`);
      covered.push(...days);
    }
  }
  const expected: string[] = [];
  for (const r of ranges) for (let d = r.from; d <= r.to; d = addDays(d, 1)) expected.push(d);
  expect(covered.sort()).toEqual(expected.sort());
}

describe('bucketsOf: the fewest aggregate rows that tile a period', () => {
  it('reads a financial year as four quarters and a calendar month as one month', () => {
    expect(bucketsOf([parsePeriod({ period: 'FY2021-22' })])).toEqual(
      new Map([['q', ['2021-04-01', '2021-07-01', '2021-10-01', '2022-01-01']]]),
    );
    expect(bucketsOf([parsePeriod({ period: '2022-02' })])).toEqual(new Map([['m', ['2022-02-01']]]));
  });

  it('reads a month edge with half-month and four-day blocks', () => {
    // 15 and 16 May are days; 17–31 is the second half month.
    expect(bucketsOf([{ from: '2021-05-15', to: '2021-05-31' }])).toEqual(
      new Map([
        ['d', ['2021-05-15', '2021-05-16']],
        ['h', ['2021-05-17']],
      ]),
    );
    expect(bucketsOf([{ from: '2021-08-01', to: '2021-08-10' }])).toEqual(
      new Map([
        ['f', ['2021-08-01', '2021-08-05']],
        ['d', ['2021-08-09', '2021-08-10']],
      ]),
    );
  });

  it('splits at series intervals so no row spans two of them', () => {
    const fy = parsePeriod({ period: 'FY2021-22' });
    expect(bucketsOf(intervalsOf(fy, 'month')).get('m')).toHaveLength(12);
    expect(bucketsOf(intervalsOf(fy, 'month')).has('q')).toBe(false);
  });

  it('tiles every day exactly once, for many ranges (leap years, short months, quarter edges)', () => {
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 400; i++) {
      const from = addDays('2019-11-01', Math.floor(rnd() * 900));
      const to = addDays(from, Math.floor(rnd() * (i % 4 === 0 ? 500 : 70)));
      tiles([{ from, to }]);
    }
    tiles([{ from: '2024-02-01', to: '2024-02-29' }]);
    tiles([{ from: '2024-02-17', to: '2024-03-16' }]);
    tiles([{ from: '2021-12-31', to: '2021-12-31' }]);
    tiles(intervalsOf(parsePeriod({ from: '2021-03-15', to: '2022-05-10' }), 'fy_quarter'));
  });

  it('keeps a partial month to a handful of rows', () => {
    for (let start = '2021-01-01'; start <= '2021-12-31'; start = addDays(start, 1)) {
      const monthEnd = bucketEnd('m', `${start.slice(0, 8)}01`);
      const rows = [...bucketsOf([{ from: start, to: monthEnd }]).values()].reduce((n, l) => n + l.length, 0);
      expect(rows).toBeLessThanOrEqual(7); // ≤ 3 days, 3 four-day blocks, a half month
      const head = [...bucketsOf([{ from: `${start.slice(0, 8)}01`, to: start }]).values()].reduce((n, l) => n + l.length, 0);
      expect(head).toBeLessThanOrEqual(7);
    }
  });
});
