import { changePp } from './channel-shift';

describe('channel shift in percentage points', () => {
  it('is the change of share × 100, null for the first item or a missing share', () => {
    expect(changePp(0.5, 0.75)).toBe(25);
    expect(changePp(0.82, 0.8)).toBe((0.8 - 0.82) * 100);
    expect(changePp(undefined, 0.5)).toBeNull();
    expect(changePp(null, 0.5)).toBeNull();
    expect(changePp(0.5, null)).toBeNull();
  });
});
