import { keepWindow, lagSeconds, lsnBytes, PrimarySample } from './replica-lag';

describe('replica lag', () => {
  it('reads WAL positions as bytes', () => {
    expect(lsnBytes('0/0')).toBe(0n);
    expect(lsnBytes('0/16B3748')).toBe(0x16b3748n);
    expect(lsnBytes('16/B374D848') - lsnBytes('15/FFFFFFFF')).toBe(0xb374d849n);
  });

  const samples: PrimarySample[] = [
    { at: 0, lsn: 100n },
    { at: 1000, lsn: 100n },
    { at: 2000, lsn: 250n },
    { at: 3000, lsn: 400n },
  ];

  it('is 0 when the replica has replayed all the primary wrote, however idle both have been', () => {
    expect(lagSeconds(samples, 400n, 3_600_000)).toBe(0);
    expect(lagSeconds([], 0n, 10_000)).toBe(0);
  });

  it('counts from the last moment the primary had written no more than the replica replayed', () => {
    expect(lagSeconds(samples, 100n, 3500)).toBe(2.5);
    expect(lagSeconds(samples, 260n, 3500)).toBe(1.5);
    expect(lagSeconds(samples, 399n, 3000)).toBe(1);
  });

  it('falls back to the last replayed transaction, at least the window, when the samples do not reach back', () => {
    expect(lagSeconds(samples, 50n, 3000, 120)).toBe(120);
    expect(lagSeconds(samples, 50n, 3000, 1)).toBe(3);
  });

  it('keeps the window and the sample just before it', () => {
    expect(keepWindow(samples, 3000, 1500).map((s) => s.at)).toEqual([1000, 2000, 3000]);
    expect(keepWindow(samples, 3000, 10_000)).toHaveLength(4);
  });
});
