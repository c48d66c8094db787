import { formatCell } from './report-model';

describe('formatCell', () => {
  it.each([
    [1.24, '+1.2 pp'],
    [-1.26, '-1.3 pp'],
    [-0.04, '0.0 pp'],
    [0.04, '0.0 pp'],
    [0, '0.0 pp'],
    [0.05, '+0.1 pp'],
    [-12.345, '-12.3 pp'],
  ])('writes a change of %p points as %p, signed as it reads', (value, text) => {
    expect(formatCell(value, 'points')).toBe(text);
  });

  it('writes counts with en-GB separators and shares to one decimal', () => {
    expect(formatCell(112374, 'count')).toBe('112,374');
    expect(formatCell(0.82349, 'share')).toBe('82.3%');
    expect(formatCell(null, 'count')).toBe('');
  });
});
