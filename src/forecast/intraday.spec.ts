import { dayShares, halfHoursOf, profileOf, SLOTS, SlotCount } from './intraday';
import { halfHourItems } from './forecast-series';

const flat = new Array<number>(SLOTS).fill(1);

describe('halfHoursOf', () => {
  it('a usual day has 48 half-hours from local midnight', () => {
    const h = halfHoursOf('2026-01-15');
    expect(h).toHaveLength(48);
    expect(h[0].from.toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(h[47].to.toISOString()).toBe('2026-01-16T00:00:00.000Z');
    expect(h.map((x) => x.slot)).toEqual([...Array(48).keys()]);
  });

  it('a summer day starts at 23:00 UTC the day before', () => {
    expect(halfHoursOf('2026-07-01')[0].from.toISOString()).toBe('2026-06-30T23:00:00.000Z');
  });

  it('the spring clock change has 46: 01:00–02:00 local does not happen', () => {
    const h = halfHoursOf('2026-03-29');
    expect(h).toHaveLength(46);
    expect(h.map((x) => x.slot)).not.toContain(2);
    expect(h.map((x) => x.slot)).not.toContain(3);
  });

  it('the autumn clock change has 50: 01:00–02:00 local happens twice', () => {
    const h = halfHoursOf('2026-10-25');
    expect(h).toHaveLength(50);
    expect(h.filter((x) => x.slot === 2)).toHaveLength(2);
    expect(h[0].from.toISOString()).toBe('2026-10-24T23:00:00.000Z');
  });
});

describe('profile and day shares', () => {
  const counts: SlotCount[] = [
    { isoWeekday: 1, slot: 20, contacts: 30 }, // Monday 10:00 peak
    { isoWeekday: 1, slot: 30, contacts: 10 },
    { isoWeekday: 7, slot: 24, contacts: 5 },
  ];
  const profile = profileOf(counts, flat);

  it('each weekday sums to 1; a weekday without data takes the fallback shape', () => {
    for (let w = 1; w <= 7; w++) expect(profile[w].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(profile[1][20]).toBeCloseTo(0.75, 12);
    expect(profile[3][5]).toBeCloseTo(1 / 48, 12);
  });

  it('spreads a Monday by its shape, with the 10:00 peak', () => {
    const { halfHours, shares } = dayShares('2026-01-12', profile, false);
    expect(shares[20]).toBeCloseTo(0.75, 12);
    expect(halfHours[20].from.toISOString()).toBe('2026-01-12T10:00:00.000Z');
  });

  it('a bank holiday takes Sunday\'s shape', () => {
    const { shares } = dayShares('2026-05-04', profile, true); // a Monday
    expect(shares[24]).toBeCloseTo(1, 12);
  });

  it('the clock-change days still sum to the day', () => {
    for (const date of ['2026-03-29', '2026-10-25']) {
      const { shares } = dayShares(date, profileOf([], flat), false);
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    // Autumn: the repeated 01:00 half-hour is two real half-hours; every half-hour of a flat day is 1/50.
    expect(dayShares('2026-10-25', profileOf([], flat), false).shares[2]).toBeCloseTo(1 / 50, 12);
  });

  it('half-hour items add up to the day and carry an interval', () => {
    const daily = {
      days: [{ date: '2026-10-25', contacts: 500, low: 400, high: 600 }],
      backtest: { weeks: 4, wape: 0.1, seasonalNaiveWape: 0.2 },
      method: 'x',
    };
    const items = halfHourItems(daily, profileOf([], flat), new Set());
    expect(items).toHaveLength(50);
    expect(items.reduce((a, i) => a + i.contacts, 0)).toBeCloseTo(500, 9);
    for (const i of items) expect(i.low < i.contacts && i.contacts < i.high).toBe(true);
  });
});
