import { changeFrom, countSentence, directionOfTravel, ragOf } from './indicator-figures';

describe('RAG against a target with a margin', () => {
  it.each([
    // value, target, polarity, margin, rag
    [0.9, 0.9, 'higher', 0.05, 'Green'], // target met exactly
    [0.95, 0.9, 'higher', 0.05, 'Green'],
    [0.85, 0.9, 'higher', 0.05, 'Amber'], // exactly at the margin (0.9 − 0.05 is not 0.85 in floats)
    [0.8499, 0.9, 'higher', 0.05, 'Red'],
    [0.05, 0.05, 'lower', 0.05, 'Green'],
    [0.1, 0.05, 'lower', 0.05, 'Amber'],
    [0.1001, 0.05, 'lower', 0.05, 'Red'],
    [0.01, 0.05, 'lower', 0.05, 'Green'],
    [84, null, 'none', 0.05, 'No Status'],
    [84, 80, 'none', 0.05, 'No Status'],
    [null, 0.9, 'higher', 0.05, 'No Status'],
    [0.5, null, 'higher', 0.05, 'No Status'],
  ] as const)('%p against %p (%s, margin %p) is %s', (value, target, polarity, margin, rag) => {
    expect(ragOf(value, target, polarity, margin)).toBe(rag);
  });
});

describe('direction of travel with a band', () => {
  it.each([
    [0.83, 0.82, 'higher', 0.01, 'Improving'], // a difference equal to the band counts
    [0.8299, 0.82, 'higher', 0.01, 'No Noticeable Change'],
    [0.81, 0.82, 'higher', 0.01, 'Deteriorating'],
    [0.81, 0.82, 'lower', 0.01, 'Improving'],
    [0.83, 0.82, 'lower', 0.01, 'Deteriorating'],
    [0.825, 0.82, 'lower', 0.01, 'No Noticeable Change'],
    [84, 82, 'none', 0.01, 'N/A'],
    [0.5, null, 'higher', 0.01, 'N/A'],
    [null, 0.5, 'higher', 0.01, 'N/A'],
  ] as const)('%p after %p (%s, band %p) is %s', (value, previous, polarity, band, direction) => {
    expect(directionOfTravel(value, previous, polarity, band)).toBe(direction);
  });
});

describe('change from an earlier value', () => {
  it('is absolute and unrounded percent, null where a value is missing, percent null from 0', () => {
    expect(changeFrom(84, 82)).toEqual({ absolute: 2, percent: (2 / 82) * 100 });
    expect(changeFrom(84, 98)).toEqual({ absolute: -14, percent: (-14 / 98) * 100 });
    expect(changeFrom(0.8235, 0.8)).toEqual({ absolute: 0.0235, percent: (0.0235 / 0.8) * 100 });
    expect(changeFrom(5, 0)).toEqual({ absolute: 5, percent: null });
    expect(changeFrom(null, 3)).toBeNull();
    expect(changeFrom(3, null)).toBeNull();
  });
});

describe("the seed's sentence for a count", () => {
  const base = {
    noun: 'compliments received', periodName: 'October–December 2021', precedingName: 'the preceding three months',
    lastYearName: 'October–December 2020',
  };

  it('reads as the seed: an increase on the quarter before, but less than a year ago', () => {
    expect(countSentence({ ...base, value: 84, previous: 82, lastYear: 98 })).toBe(
      '84 compliments received in October–December 2021, an increase of 2 (2.4%) compared with the preceding three months, '
      + 'but 14 (14.3%) less than the 98 in October–December 2020.',
    );
  });

  it('says "and" when both changes go the same way, and handles equal or missing earlier values', () => {
    expect(countSentence({ ...base, value: 1200, previous: 1000, lastYear: 1100 })).toBe(
      '1,200 compliments received in October–December 2021, an increase of 200 (20%) compared with the preceding three months, '
      + 'and 100 (9.1%) more than the 1,100 in October–December 2020.',
    );
    expect(countSentence({ ...base, value: 82, previous: 82, lastYear: null })).toBe(
      '82 compliments received in October–December 2021, the same as in the preceding three months.',
    );
    expect(countSentence({ ...base, value: 80, previous: null, lastYear: 0 })).toBe(
      '80 compliments received in October–December 2021, 80 more than the 0 in October–December 2020.',
    );
    expect(countSentence({ ...base, value: 7, previous: null, lastYear: null })).toBe('7 compliments received in October–December 2021.');
  });
});
