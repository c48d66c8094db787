import { costAvoided, MixCount } from './cost-avoided';

const rates: Record<string, number> = { self_service: 0.15, telephony: 2.83, face_to_face: 8.62 };
const unitCost = (channel: string, handling: MixCount['handling']) =>
  handling === 'self_service' ? rates.self_service : rates[channel];

describe('costAvoided', () => {
  it('is null when the baseline has no contacts', () => {
    expect(costAvoided([], [{ channel: 'telephony', handling: 'assisted', count: 5 }], unitCost)).toBeNull();
    expect(costAvoided([{ channel: 'telephony', handling: 'assisted', count: 0 }], [], unitCost)).toBeNull();
  });

  it('prices the period at the baseline mix and subtracts its actual cost', () => {
    // baseline: half phone, half web; period: 100 contacts, 80 web and 20 phone.
    const baseline: MixCount[] = [
      { channel: 'telephony', handling: 'assisted', count: 10 },
      { channel: 'online', handling: 'self_service', count: 10 },
    ];
    const current: MixCount[] = [
      { channel: 'telephony', handling: 'assisted', count: 20 },
      { channel: 'online', handling: 'self_service', count: 80 },
    ];
    const atBaselineMix = 50 * 2.83 + 50 * 0.15;
    const actual = 20 * 2.83 + 80 * 0.15;
    expect(costAvoided(baseline, current, unitCost)).toBeCloseTo(atBaselineMix - actual, 10);
    expect(costAvoided(baseline, current, unitCost)).toBe(80.4); // (50 − 20) × 2.83 + (50 − 80) × 0.15, exactly
  });

  it('is zero when the period keeps the baseline mix, and for an empty period', () => {
    const mix: MixCount[] = [
      { channel: 'face_to_face', handling: 'assisted', count: 3 },
      { channel: 'online', handling: 'self_service', count: 9 },
    ];
    expect(costAvoided(mix, mix.map((r) => ({ ...r, count: r.count * 7 })), unitCost)).toBe(0); // exactly, not nearly
    expect(costAvoided(mix, [], unitCost)).toBe(0);
  });

  it('stays exact where floating-point sums drift (one third of a mix, large counts)', () => {
    const baseline: MixCount[] = [
      { channel: 'telephony', handling: 'assisted', count: 1 },
      { channel: 'online', handling: 'self_service', count: 2 },
    ];
    const current: MixCount[] = [{ channel: 'online', handling: 'self_service', count: 3_000_000_001 }];
    // at the baseline mix each contact costs (2.83 + 2 × 0.15) ÷ 3 = 1.043333…; actual 0.15 each
    expect(costAvoided(baseline, current, unitCost)).toBe((3_000_000_001 * 313 - 3_000_000_001 * 45) / 300);
  });

  it('counts a channel the baseline never saw at its own cost only', () => {
    const baseline: MixCount[] = [{ channel: 'online', handling: 'self_service', count: 4 }];
    const current: MixCount[] = [{ channel: 'face_to_face', handling: 'assisted', count: 1 }];
    expect(costAvoided(baseline, current, unitCost)).toBe(-8.47);
  });
});
