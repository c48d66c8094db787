import { ApiError } from '../common/http/api-error';
import { loadReferenceConfig } from '../config/reference-config';
import { erlangParams, forecastParams, staffingParams } from './forecast-params';
import { historyOf } from './forecast.service';

const config = loadReferenceConfig('config');

function problemsOf(f: () => unknown): { path: string; problem: string }[] {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return e.details ?? [];
    throw e;
  }
  throw new Error('no 400');
}

describe('forecast parameters', () => {
  it('takes a channel, dates at most 13 weeks apart, and the interval', () => {
    expect(forecastParams({ channel: 'telephony', from: '2025-01-06', to: '2025-04-07', interval: 'half_hour' }, config)).toEqual({
      selection: { channel: 'telephony' }, from: '2025-01-06', to: '2025-04-07', interval: 'half_hour',
    });
  });

  it('takes whole weeks of history to answer beside the forecast, 1 to 13', () => {
    const q = { channel: 'telephony', from: '2025-01-06', to: '2025-01-12' };
    expect(forecastParams({ ...q, history: '8' }, config).historyWeeks).toBe(8);
    expect(problemsOf(() => forecastParams({ ...q, history: '14' }, config))).toEqual([{ path: 'history', problem: 'must be a number ≥ 1 and ≤ 13' }]);
    expect(problemsOf(() => forecastParams({ ...q, history: '2.5' }, config))).toEqual([{ path: 'history', problem: 'must be a whole number of weeks from 1 to 13' }]);
  });

  it('names every problem', () => {
    expect(problemsOf(() => forecastParams({ from: '2025-13-01', to: '2025-05-01', centre: 'x' }, config)).map((p) => p.path)).toEqual([
      'channel', 'centre', 'from',
    ]);
    expect(problemsOf(() => forecastParams({ channel: 'telephony', from: '2025-01-06', to: '2025-04-08' }, config))).toEqual([
      { path: 'to', problem: 'must be at most 13 weeks after from' },
    ]);
  });
});

describe('staffing and Erlang parameters', () => {
  it('defaults to 80 % in 20 s, 85 % occupancy, 30 % shrinkage', () => {
    expect(staffingParams({ channel: 'telephony', date: '2025-01-06' }, config).target).toEqual({
      serviceLevel: 0.8, answerSeconds: 20, maxOccupancy: 0.85, shrinkage: 0.3,
    });
  });

  it.each([
    ['serviceLevel', '0', 'must be a number > 0 and < 1'],
    ['serviceLevel', '1', 'must be a number > 0 and < 1'],
    ['shrinkage', '1', 'must be a number ≥ 0 and < 1'],
    ['shrinkage', '-0.1', 'must be a number ≥ 0 and < 1'],
    ['maxOccupancy', '0', 'must be a number > 0 and ≤ 1'],
    ['maxOccupancy', '1.01', 'must be a number > 0 and ≤ 1'],
    ['ahtSeconds', '0', 'must be a number > 0 and ≤ 86400'],
    ['ahtSeconds', '1e3', 'must be a number > 0 and ≤ 86400'],
  ])('%s=%s: %s', (name, value, problem) => {
    expect(problemsOf(() => staffingParams({ channel: 'telephony', date: '2025-01-06', [name]: value }, config))).toEqual([{ path: name, problem }]);
  });

  it('accepts the edges that are allowed', () => {
    expect(staffingParams({ channel: 'telephony', date: '2025-01-06', shrinkage: '0', maxOccupancy: '1' }, config).target).toMatchObject({
      shrinkage: 0, maxOccupancy: 1,
    });
    expect(erlangParams({ contacts: '0', ahtSeconds: '180' })).toMatchObject({ contacts: 0, intervalMinutes: 30 });
  });
});

describe('history', () => {
  const lookback = { from: '2025-01-06', to: '2025-04-27' }; // 16 weeks
  const days = (from: string, n: number, count = 10) =>
    new Map(Array.from({ length: n }, (_, i) => [new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10), count]));

  it('starts at the first day with contacts', () => {
    const h = historyOf(days('2025-02-03', 84), lookback, '2025-04-28', { channel: 'telephony' });
    expect(h.from).toBe('2025-02-03');
    expect(h.counts).toHaveLength(84);
  });

  it('reads a week without any contact as a gap', () => {
    const counts = days('2025-01-06', 112);
    for (const [d] of counts) if (d >= '2025-02-10' && d <= '2025-02-16') counts.delete(d);
    const h = historyOf(counts, lookback, '2025-04-28', { channel: 'telephony' });
    expect(h.counts.filter(Number.isNaN)).toHaveLength(7);
  });

  it('refuses under 8 weeks with contacts, saying what is missing', () => {
    expect(problemsOf(() => historyOf(days('2025-03-10', 49), lookback, '2025-04-28', { channel: 'email', centre: 'here2help' }))).toEqual([{
      path: 'from',
      problem: 'needs at least 8 weeks of contacts before 2025-04-28 for channel email, centre here2help; found 7 weeks with contacts in the year before it',
    }]);
  });
});
