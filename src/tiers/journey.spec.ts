import { compareCodePoints, compareJourneyEvents, JourneyEvent, summariseJourney } from './journey';
import type { Tier } from './tier-rules';

const at = (iso: string) => new Date(iso);
const ev = (id: string, iso: string, tier: Tier): JourneyEvent => ({ id, occurredAt: at(iso), tier });

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('summariseJourney', () => {
  it('a single event is entry, final and peak, with no transitions', () => {
    expect(summariseJourney([ev('a', '2021-05-01T09:00:00Z', 2)])).toEqual({ entry: 2, final: 2, peak: 2, transitions: [] });
  });

  it('escalation then step-down: entry 1, peak 4, final 3', () => {
    const events = [
      ev('e1', '2021-05-01T09:00:00Z', 1),
      ev('e2', '2021-05-03T09:00:00Z', 4),
      ev('e3', '2021-06-01T09:00:00Z', 3),
    ];
    expect(summariseJourney(events)).toEqual({
      entry: 1,
      final: 3,
      peak: 4,
      transitions: [
        { from: 1, to: 4 },
        { from: 4, to: 3 },
      ],
    });
  });

  it('counts a transition only where consecutive tiers differ', () => {
    const events = [
      ev('a', '2021-05-01T09:00:00Z', 1),
      ev('b', '2021-05-02T09:00:00Z', 1),
      ev('c', '2021-05-03T09:00:00Z', 2),
      ev('d', '2021-05-04T09:00:00Z', 2),
      ev('e', '2021-05-05T09:00:00Z', 1),
      ev('f', '2021-05-06T09:00:00Z', 2),
    ];
    expect(summariseJourney(events).transitions).toEqual([
      { from: 1, to: 2 },
      { from: 2, to: 1 },
      { from: 1, to: 2 },
    ]);
  });

  it('a journey that stays in one tier has no transitions', () => {
    const events = [ev('a', '2021-05-01T09:00:00Z', 0), ev('b', '2021-05-02T09:00:00Z', 0)];
    expect(summariseJourney(events)).toEqual({ entry: 0, final: 0, peak: 0, transitions: [] });
  });

  it('the peak can be the entry', () => {
    const events = [ev('a', '2021-05-01T09:00:00Z', 5), ev('b', '2021-05-02T09:00:00Z', 1)];
    expect(summariseJourney(events)).toEqual({ entry: 5, final: 1, peak: 5, transitions: [{ from: 5, to: 1 }] });
  });

  it('gives the same summary whatever order the events arrive in', () => {
    const events = [
      ev('x', '2021-05-01T09:00:00Z', 0),
      ev('b', '2021-05-01T10:00:00Z', 3),
      ev('a', '2021-05-01T10:00:00Z', 1), // same instant as b: a goes first
      ev('c', '2021-05-02T08:00:00+01:00', 5), // 07:00Z on the 2nd
      ev('d', '2021-05-02T07:30:00Z', 2),
    ];
    const expected = {
      entry: 0,
      final: 2,
      peak: 5,
      transitions: [
        { from: 0, to: 1 },
        { from: 1, to: 3 },
        { from: 3, to: 5 },
        { from: 5, to: 2 },
      ],
    };
    const all = permutations(events);
    expect(all).toHaveLength(120);
    for (const order of all) expect(summariseJourney(order)).toEqual(expected);
  });

  it('orders by time before id', () => {
    const events = [ev('a', '2021-05-02T09:00:00Z', 4), ev('z', '2021-05-01T09:00:00Z', 1)];
    expect(summariseJourney(events)).toMatchObject({ entry: 1, final: 4 });
  });

  it('orders events at the same instant by id as strings, not numbers ("10" before "9")', () => {
    const t = '2021-05-01T09:00:00Z';
    expect(summariseJourney([ev('9', t, 2), ev('10', t, 1)])).toMatchObject({ entry: 1, final: 2 });
  });

  it('orders ids by code point: upper case before lower case, a prefix first', () => {
    const t = '2021-05-01T09:00:00Z';
    expect(summariseJourney([ev('a', t, 2), ev('B', t, 1)])).toMatchObject({ entry: 1, final: 2 });
    expect(summariseJourney([ev('ab', t, 2), ev('a', t, 1)])).toMatchObject({ entry: 1, final: 2 });
  });

  it('orders ids by code point, not UTF-16 code unit (U+FFFD before U+1F600)', () => {
    const t = '2021-05-01T09:00:00Z';
    const replacement = 'id-\uFFFD';
    const emoji = 'id-\u{1F600}';
    expect(emoji < replacement).toBe(true); // JavaScript's own order would be wrong here
    expect(summariseJourney([ev(emoji, t, 3), ev(replacement, t, 1)])).toMatchObject({ entry: 1, final: 3 });
    expect(summariseJourney([ev(replacement, t, 1), ev(emoji, t, 3)])).toMatchObject({ entry: 1, final: 3 });
  });

  it('breaks a tie of instant and id by tier, so arrival order never matters', () => {
    const t = '2021-05-01T09:00:00Z';
    const a = ev('same', t, 3);
    const b = ev('same', t, 1);
    expect(summariseJourney([a, b])).toEqual(summariseJourney([b, a]));
    expect(summariseJourney([a, b])).toEqual({ entry: 1, final: 3, peak: 3, transitions: [{ from: 1, to: 3 }] });
  });

  it('compares instants, not their written offsets', () => {
    // 10:00+01:00 is 09:00Z, before 09:30Z
    const events = [ev('b', '2021-07-01T09:30:00Z', 2), ev('a', '2021-07-01T10:00:00+01:00', 1)];
    expect(summariseJourney(events)).toMatchObject({ entry: 1, final: 2 });
  });

  it('does not reorder the caller’s array', () => {
    const events = [ev('b', '2021-05-02T09:00:00Z', 2), ev('a', '2021-05-01T09:00:00Z', 1)];
    const copy = [...events];
    summariseJourney(events);
    expect(events).toEqual(copy);
  });

  it('rejects an empty journey and an invalid date', () => {
    expect(() => summariseJourney([])).toThrow(new RangeError('a journey needs at least one event'));
    expect(() => summariseJourney([ev('a', 'not a date', 1)])).toThrow('event "a" has an invalid occurredAt');
  });
});

describe('compareCodePoints', () => {
  it.each([
    ['', '', 0],
    ['a', 'a', 0],
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['', 'a', -1],
    ['a', '', 1],
    ['abc', 'abd', -1],
    ['abc', 'ab', 1],
    ['Z', 'a', -1],
    ['10', '9', -1],
    ['\uFFFF', '\u{10000}', -1],
    ['\u{10000}', '\uFFFF', 1],
    ['x\u{1F600}', 'x\u{1F600}', 0],
    ['x\u{1F600}a', 'x\u{1F600}b', -1],
    ['\u{1F600}', '\u{1F601}', -1],
    ['é', 'f', 1], // U+00E9 after U+0066
  ])('%j vs %j → %i', (a, b, sign) => {
    expect(Math.sign(compareCodePoints(a, b))).toBe(sign);
  });

  it('matches the order of UTF-8 bytes (PostgreSQL COLLATE "C")', () => {
    const ids = ['b', 'a', 'B', '\uFFFD', '\u{1F600}', '\uE000', 'a\u{10FFFF}', 'a\uD7FF', '~', 'é', '10', '9', ''];
    const byBytes = [...ids].sort((x, y) => Buffer.compare(Buffer.from(x, 'utf8'), Buffer.from(y, 'utf8')));
    expect([...ids].sort(compareCodePoints)).toEqual(byBytes);
  });
});

describe('compareJourneyEvents', () => {
  it('sorts by time, then id, then tier', () => {
    const events = [
      ev('b', '2021-05-01T09:00:00Z', 1),
      ev('a', '2021-05-01T09:00:00Z', 2),
      ev('a', '2021-05-01T09:00:00Z', 0),
      ev('c', '2021-05-01T08:59:59.999Z', 5),
    ];
    expect([...events].sort(compareJourneyEvents).map((e) => `${e.id}${e.tier}`)).toEqual(['c5', 'a0', 'a2', 'b1']);
  });
});
