import {
  addDays,
  daysBetween,
  financialQuarterOf,
  financialYearOf,
  intervalsOf,
  parsePeriod,
  Period,
  PeriodError,
  PeriodQuery,
  periodBounds,
  periodName,
  precedingName,
  previousPeriod,
  samePeriodLastYear,
} from './period';

function errorOf(query: PeriodQuery): PeriodError {
  try {
    parsePeriod(query);
  } catch (e) {
    if (e instanceof PeriodError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(query)} to be refused`);
}

describe('parsePeriod: period=', () => {
  it.each<[string, Omit<Period, 'label'>]>([
    ['2021', { from: '2021-01-01', to: '2021-12-31', kind: 'year' }],
    ['2021-12', { from: '2021-12-01', to: '2021-12-31', kind: 'month' }],
    ['2021-02', { from: '2021-02-01', to: '2021-02-28', kind: 'month' }],
    ['2020-02', { from: '2020-02-01', to: '2020-02-29', kind: 'month' }],
    ['2021-04', { from: '2021-04-01', to: '2021-04-30', kind: 'month' }],
    ['FY2021-22', { from: '2021-04-01', to: '2022-03-31', kind: 'fy' }],
    ['FY1999-00', { from: '1999-04-01', to: '2000-03-31', kind: 'fy' }],
    ['FY2021-22-Q1', { from: '2021-04-01', to: '2021-06-30', kind: 'fy_quarter' }],
    ['FY2021-22-Q2', { from: '2021-07-01', to: '2021-09-30', kind: 'fy_quarter' }],
    ['FY2021-22-Q3', { from: '2021-10-01', to: '2021-12-31', kind: 'fy_quarter' }],
    ['FY2021-22-Q4', { from: '2022-01-01', to: '2022-03-31', kind: 'fy_quarter' }],
    ['FY2023-24-Q4', { from: '2024-01-01', to: '2024-03-31', kind: 'fy_quarter' }],
    ['1900', { from: '1900-01-01', to: '1900-12-31', kind: 'year' }],
    ['2999-12', { from: '2999-12-01', to: '2999-12-31', kind: 'month' }],
  ])('%s', (period, expected) => {
    expect(parsePeriod({ period })).toEqual({ ...expected, label: period });
  });

  it.each([
    ['', /not a period/],
    ['21', /not a period/],
    ['2021-1', /not a period/],
    ['2021-13', /month must be 01–12/],
    ['2021-00', /month must be 01–12/],
    ['2021-12-01', /not a period/],
    ['FY2021-23', /ends in 2022, so write FY2021-22/],
    ['FY2021-2022', /not a period/],
    ['FY2021/22', /not a period/],
    ['fy2021-22', /not a period/],
    ['FY1999-99', /write FY1999-00/],
    ['FY2021-22-Q5', /quarter must be Q1–Q4/],
    ['FY2021-22-Q0', /quarter must be Q1–Q4/],
    ['FY2021-22-Q', /not a period/],
    ['2021-Q3', /not a period/],
    [' 2021', /not a period/],
    ['1899', /outside the years 1900–2999/],
    ['3000', /outside the years 1900–2999/],
    ['FY2999-00', /outside the years 1900–2999/],
    ['FY1899-00', /outside the years 1900–2999/],
  ])('refuses %p', (period, problem) => {
    const e = errorOf({ period });
    expect(e.field).toBe('period');
    expect(e.problem).toMatch(problem);
  });

  it('keeps a long bad value out of the message', () => {
    const e = errorOf({ period: 'x'.repeat(10_000) });
    expect(e.problem.length).toBeLessThan(200);
  });
});

describe('parsePeriod: from= and to=', () => {
  it('reads an inclusive range', () => {
    expect(parsePeriod({ from: '2021-01-01', to: '2021-03-31' })).toEqual({
      from: '2021-01-01',
      to: '2021-03-31',
      kind: 'range',
      label: '2021-01-01/2021-03-31',
    });
  });

  it('allows a single day and 29 February in a leap year', () => {
    expect(parsePeriod({ from: '2020-02-29', to: '2020-02-29' })).toMatchObject({ from: '2020-02-29', to: '2020-02-29' });
  });

  it('allows up to 20 years and no more', () => {
    expect(parsePeriod({ from: '2001-01-01', to: '2020-12-31' }).to).toBe('2020-12-31');
    expect(errorOf({ from: '2001-01-01', to: '2021-01-01' })).toMatchObject({ field: 'to', problem: expect.stringMatching(/at most 20 years/) });
    // 20 years from 29 Feb 2080 ends on 28 Feb 2100 (2100 is not a leap year).
    expect(parsePeriod({ from: '2080-02-29', to: '2100-02-28' }).kind).toBe('range');
    expect(errorOf({ from: '2080-02-29', to: '2100-03-01' }).field).toBe('to');
  });

  it.each<[PeriodQuery, string, RegExp]>([
    [{}, 'period', /is required/],
    [{ period: '2021', from: '2021-01-01' }, 'period', /not both/],
    [{ period: '2021', to: '2021-01-01' }, 'period', /not both/],
    [{ period: '2021', from: '2021-01-01', to: '2021-12-31' }, 'period', /not both/],
    [{ from: '2021-01-01' }, 'to', /is required/],
    [{ to: '2021-01-01' }, 'from', /is required/],
    [{ from: '2021-02-30', to: '2021-03-01' }, 'from', /2021-02-30 is not a calendar date/],
    [{ from: '2021-02-01', to: '2021-02-29' }, 'to', /not a calendar date/],
    [{ from: '2021-1-1', to: '2021-02-01' }, 'from', /form YYYY-MM-DD/],
    [{ from: '2021-01-01', to: '01/02/2021' }, 'to', /form YYYY-MM-DD/],
    [{ from: '2021-01-01T00:00:00Z', to: '2021-01-02' }, 'from', /form YYYY-MM-DD/],
    [{ from: '', to: '2021-01-02' }, 'from', /form YYYY-MM-DD/],
    [{ from: '2021-03-02', to: '2021-03-01' }, 'from', /is after to/],
    [{ from: '1899-12-31', to: '1900-01-05' }, 'from', /within 1900–2999/],
    [{ from: '2999-12-01', to: '3000-01-01' }, 'to', /within 1900–2999/],
  ])('refuses %j', (query, field, problem) => {
    const e = errorOf(query);
    expect(e.field).toBe(field);
    expect(e.problem).toMatch(problem);
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toContain(field);
  });

  it('refuses repeated parameters that arrive as arrays', () => {
    const e = errorOf({ period: ['2021', '2022'] as unknown as string });
    expect(e).toMatchObject({ field: 'period', problem: expect.stringMatching(/once/) });
    expect(errorOf({ from: ['2021-01-01'] as unknown as string, to: '2021-01-02' }).field).toBe('from');
  });
});

describe('local date helpers', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2021-03-31', 1)).toBe('2021-04-01');
    expect(addDays('2021-12-31', 1)).toBe('2022-01-01');
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2021-02-28', 1)).toBe('2021-03-01');
    expect(addDays('2021-01-01', -1)).toBe('2020-12-31');
    expect(addDays('2021-01-01', 0)).toBe('2021-01-01');
    expect(addDays('2021-01-01', 365)).toBe('2022-01-01');
  });

  it('counts days between dates, ignoring clock changes', () => {
    expect(daysBetween('2021-01-01', '2021-12-31')).toBe(364);
    expect(daysBetween('2020-01-01', '2021-01-01')).toBe(366);
    expect(daysBetween('2021-03-27', '2021-03-29')).toBe(2);
    expect(daysBetween('2021-03-29', '2021-03-27')).toBe(-2);
  });

  it.each([
    ['2021-03-31', 'FY2020-21', 4],
    ['2021-04-01', 'FY2021-22', 1],
    ['2021-06-30', 'FY2021-22', 1],
    ['2021-07-01', 'FY2021-22', 2],
    ['2021-12-31', 'FY2021-22', 3],
    ['2022-01-01', 'FY2021-22', 4],
    ['2022-03-31', 'FY2021-22', 4],
    ['2000-01-15', 'FY1999-00', 4],
    ['2099-05-01', 'FY2099-00', 1],
  ])('%s is in %s Q%d', (date, fy, quarter) => {
    expect(financialYearOf(date)).toBe(fy);
    expect(financialQuarterOf(date)).toBe(quarter);
  });
});

describe('periodBounds', () => {
  const iso = (p: Period) => {
    const { start, end } = periodBounds(p);
    return [start.toISOString(), end.toISOString()];
  };

  it('uses local midnights, half-open', () => {
    expect(iso(parsePeriod({ period: '2021' }))).toEqual(['2021-01-01T00:00:00.000Z', '2022-01-01T00:00:00.000Z']);
    expect(iso(parsePeriod({ period: 'FY2021-22' }))).toEqual(['2021-03-31T23:00:00.000Z', '2022-03-31T23:00:00.000Z']);
    expect(iso(parsePeriod({ period: '2021-07' }))).toEqual(['2021-06-30T23:00:00.000Z', '2021-07-31T23:00:00.000Z']);
  });

  it('gives 23- and 25-hour days at the clock changes', () => {
    const spring = periodBounds(parsePeriod({ from: '2021-03-28', to: '2021-03-28' }));
    expect(spring.start.toISOString()).toBe('2021-03-28T00:00:00.000Z');
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3_600_000);
    const autumn = periodBounds(parsePeriod({ from: '2021-10-31', to: '2021-10-31' }));
    expect(autumn.start.toISOString()).toBe('2021-10-30T23:00:00.000Z');
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * 3_600_000);
  });

  it('puts 2021-03-31T23:30Z inside FY2021-22 and outside FY2020-21', () => {
    const t = Date.parse('2021-03-31T23:30:00Z');
    const inFy = (label: string) => {
      const { start, end } = periodBounds(parsePeriod({ period: label }));
      return start.getTime() <= t && t < end.getTime();
    };
    expect(inFy('FY2021-22')).toBe(true);
    expect(inFy('FY2020-21')).toBe(false);
  });
});

describe('intervalsOf', () => {
  const fy = parsePeriod({ period: 'FY2021-22' });

  it('splits a financial year into months', () => {
    const months = intervalsOf(fy, 'month');
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({ from: '2021-04-01', to: '2021-04-30' });
    expect(months[10]).toEqual({ from: '2022-02-01', to: '2022-02-28' });
    expect(months[11]).toEqual({ from: '2022-03-01', to: '2022-03-31' });
  });

  it('splits a financial year into its quarters', () => {
    expect(intervalsOf(fy, 'fy_quarter')).toEqual([
      { from: '2021-04-01', to: '2021-06-30' },
      { from: '2021-07-01', to: '2021-09-30' },
      { from: '2021-10-01', to: '2021-12-31' },
      { from: '2022-01-01', to: '2022-03-31' },
    ]);
  });

  it('clips intervals to the edges of the period', () => {
    expect(intervalsOf(fy, 'year')).toEqual([
      { from: '2021-04-01', to: '2021-12-31' },
      { from: '2022-01-01', to: '2022-03-31' },
    ]);
    expect(intervalsOf(parsePeriod({ period: '2021' }), 'fy')).toEqual([
      { from: '2021-01-01', to: '2021-03-31' },
      { from: '2021-04-01', to: '2021-12-31' },
    ]);
    expect(intervalsOf(parsePeriod({ from: '2021-02-15', to: '2021-05-10' }), 'month')).toEqual([
      { from: '2021-02-15', to: '2021-02-28' },
      { from: '2021-03-01', to: '2021-03-31' },
      { from: '2021-04-01', to: '2021-04-30' },
      { from: '2021-05-01', to: '2021-05-10' },
    ]);
  });

  it('gives one clipped interval when the period lies inside one', () => {
    const day = parsePeriod({ from: '2021-05-05', to: '2021-05-05' });
    for (const interval of ['month', 'fy_quarter', 'fy', 'year'] as const) {
      expect(intervalsOf(day, interval)).toEqual([{ from: '2021-05-05', to: '2021-05-05' }]);
    }
  });

  it('starts a quarter series in the right place for a January start', () => {
    expect(intervalsOf(parsePeriod({ from: '2022-02-01', to: '2022-07-01' }), 'fy_quarter')).toEqual([
      { from: '2022-02-01', to: '2022-03-31' },
      { from: '2022-04-01', to: '2022-06-30' },
      { from: '2022-07-01', to: '2022-07-01' },
    ]);
  });

  it('covers every day exactly once, in order, on random ranges', () => {
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let i = 0; i < 300; i++) {
      const from = addDays('1990-01-01', rand(20_000));
      const to = addDays(from, rand(2_000));
      const p = parsePeriod({ from, to });
      for (const interval of ['month', 'fy_quarter', 'fy', 'year'] as const) {
        const parts = intervalsOf(p, interval);
        expect(parts[0].from).toBe(from);
        expect(parts[parts.length - 1].to).toBe(to);
        for (let k = 1; k < parts.length; k++) expect(parts[k].from).toBe(addDays(parts[k - 1].to, 1));
        for (const part of parts) expect(part.from <= part.to).toBe(true);
      }
    }
  });
});

describe('previousPeriod', () => {
  it.each([
    ['2021', '2020', '2020-01-01', '2020-12-31'],
    ['2021-01', '2020-12', '2020-12-01', '2020-12-31'],
    ['2021-03', '2021-02', '2021-02-01', '2021-02-28'],
    ['FY2021-22', 'FY2020-21', '2020-04-01', '2021-03-31'],
    ['FY2000-01', 'FY1999-00', '1999-04-01', '2000-03-31'],
    ['FY2021-22-Q1', 'FY2020-21-Q4', '2021-01-01', '2021-03-31'],
    ['FY2021-22-Q2', 'FY2021-22-Q1', '2021-04-01', '2021-06-30'],
    ['FY2021-22-Q3', 'FY2021-22-Q2', '2021-07-01', '2021-09-30'],
    ['FY2021-22-Q4', 'FY2021-22-Q3', '2021-10-01', '2021-12-31'],
  ])('%s → %s', (period, label, from, to) => {
    const prev = previousPeriod(parsePeriod({ period }));
    expect(prev).toEqual({ ...parsePeriod({ period: label }), from, to });
    expect(prev.label).toBe(label);
  });

  it('moves a range back by its own length', () => {
    expect(previousPeriod(parsePeriod({ from: '2021-03-01', to: '2021-03-31' }))).toEqual({
      from: '2021-01-29',
      to: '2021-02-28',
      kind: 'range',
      label: '2021-01-29/2021-02-28',
    });
    expect(previousPeriod(parsePeriod({ from: '2021-01-01', to: '2021-01-01' }))).toMatchObject({
      from: '2020-12-31',
      to: '2020-12-31',
    });
  });
});

describe('the same period a year before, and how a report names a period', () => {
  const p = (period: string) => parsePeriod({ period });
  it.each([
    ['FY2021-22-Q3', 'FY2020-21-Q3', 'October–December 2021', 'the preceding three months'],
    ['FY2021-22-Q4', 'FY2020-21-Q4', 'January–March 2022', 'the preceding three months'],
    ['2021-12', '2020-12', 'December 2021', 'the preceding month'],
    ['FY2021-22', 'FY2020-21', '2021/22', 'the preceding year'],
    ['2021', '2020', '2021', 'the preceding year'],
  ])('%s: a year before is %s; named %s', (period, lastYear, name, preceding) => {
    expect(samePeriodLastYear(p(period)).label).toBe(lastYear);
    expect(periodName(p(period))).toBe(name);
    expect(precedingName(p(period))).toBe(preceding);
  });
  it('moves a range back a year, 29 February to 28 February', () => {
    expect(samePeriodLastYear(parsePeriod({ from: '2024-02-29', to: '2024-03-10' }))).toMatchObject({ from: '2023-02-28', to: '2023-03-10' });
  });
});
