import { caseJourney, journeyChanges, StoredJourneyEvent } from './journey-deltas';
import type { Tier } from './tier-rules';

const e = (id: string, at: string, tier: Tier, localDate: string, isNew = false): StoredJourneyEvent => ({
  id, occurredAt: new Date(at), tier, localDate, isNew,
});

describe('caseJourney', () => {
  it('is null without events and dates a journey by its first event', () => {
    expect(caseJourney([])).toBeNull();
    const j = caseJourney([e('b', '2021-05-02T10:00:00Z', 3, '2021-05-02'), e('a', '2021-04-30T23:30:00Z', 1, '2021-05-01')]);
    expect(j).toEqual({
      entry: 1, final: 3, peak: 3, transitions: [{ from: 1, to: 3 }],
      firstAt: new Date('2021-04-30T23:30:00Z'), firstDate: '2021-05-01', events: 2,
    });
  });
});

describe('journeyChanges', () => {
  it('adds a new case once, with its transitions', () => {
    const { deltas, journeys } = journeyChanges(new Map([['c1', [
      e('1', '2021-01-01T10:00:00Z', 1, '2021-01-01', true),
      e('2', '2021-01-02T10:00:00Z', 3, '2021-01-02', true),
    ]]]));
    expect(journeys.get('c1')).toMatchObject({ entry: 1, final: 3, peak: 3, firstDate: '2021-01-01' });
    expect(deltas.tiers()).toEqual([{ firstDate: '2021-01-01', entry: 1, final: 3, peak: 3, delta: 1 }]);
    expect(deltas.transitions()).toEqual([{ firstDate: '2021-01-01', from: 1, to: 3, delta: 1 }]);
  });

  it('moves a case to its new first date when a late event comes first', () => {
    const { deltas } = journeyChanges(new Map([['c1', [
      e('old', '2021-03-01T10:00:00Z', 3, '2021-03-01'),
      e('late', '2021-02-01T10:00:00Z', 0, '2021-02-01', true),
    ]]]));
    expect(deltas.tiers()).toEqual([
      { firstDate: '2021-02-01', entry: 0, final: 3, peak: 3, delta: 1 },
      { firstDate: '2021-03-01', entry: 3, final: 3, peak: 3, delta: -1 },
    ]);
    expect(deltas.transitions()).toEqual([{ firstDate: '2021-02-01', from: 0, to: 3, delta: 1 }]);
  });

  it('drops deltas that cancel out across cases, and a new event that changes nothing', () => {
    const { deltas } = journeyChanges(new Map([
      // c1 goes 1 → 1 (an extra tier 1 event: no change of key or transitions)
      ['c1', [e('a', '2021-01-01T10:00:00Z', 1, '2021-01-01'), e('b', '2021-01-05T10:00:00Z', 1, '2021-01-05', true)]],
    ]));
    expect(deltas.tiers()).toEqual([]);
    expect(deltas.transitions()).toEqual([]);
  });
});
