import { centreMetrics, CentreSums } from './centres';

const zero: CentreSums = {
  centre: 'here2help', contacts: 0, selfService: 0, timed: 0, outOfHours: 0, withOutcome: 0, resolved: 0, abandoned: 0,
  waited: 0, answered: 0, answeredWaitSum: 0, withinServiceLevel: 0, handled: 0, handledDurationSum: 0,
  satisfactionResponses: 0, satisfactionSum: 0,
};

describe('centre metrics from summed counts', () => {
  it('is null wherever there is nothing to measure, never 0 or NaN', () => {
    expect(centreMetrics(zero)).toEqual({
      centre: 'here2help', contacts: 0, selfServiceShare: null, firstContactResolution: null, abandonmentRate: null,
      averageSpeedOfAnswerSeconds: null, serviceLevel: null, averageHandlingSeconds: null, outOfHoursShare: null,
      satisfaction: { responses: 0, mean: null },
    });
  });

  it('leaves abandoned contacts out of first-contact resolution and volumes out of the out-of-hours share', () => {
    const m = centreMetrics({
      ...zero, contacts: 110, selfService: 30, timed: 10, outOfHours: 4, withOutcome: 8, resolved: 3, abandoned: 2,
      waited: 7, answered: 5, answeredWaitSum: 101, withinServiceLevel: 4, handled: 6, handledDurationSum: 1800,
      satisfactionResponses: 3, satisfactionSum: 11,
    });
    expect(m.selfServiceShare).toBe(30 / 110);
    expect(m.firstContactResolution).toBe(3 / 6); // resolved ÷ (with an outcome − abandoned)
    expect(m.abandonmentRate).toBe(2 / 8);
    expect(m.averageSpeedOfAnswerSeconds).toBe(101 / 5);
    expect(m.serviceLevel).toBe(4 / 7); // ÷ contacts carrying a wait, answered or abandoned
    expect(m.averageHandlingSeconds).toBe(300);
    expect(m.outOfHoursShare).toBe(4 / 10); // ÷ timed contacts: 100 volume contacts have no time of day
    expect(m.satisfaction).toEqual({ responses: 3, mean: 11 / 3 });
  });

  it('gives a null first-contact resolution when every outcome is abandoned', () => {
    expect(centreMetrics({ ...zero, contacts: 2, timed: 2, withOutcome: 2, abandoned: 2 }).firstContactResolution).toBeNull();
  });
});
