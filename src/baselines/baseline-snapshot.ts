import type { Handling } from '../config/reference-config';
import type { Tier } from '../tiers/tier-rules';

/** What a baseline freezes (stored as JSON, returned as is): never recomputed from later data. */
export interface BaselineSnapshot {
  name: string;
  description: string | null;
  period: { from: string; to: string };
  createdAt: string;
  tiers: {
    cases: number;
    /** All six tiers each, in tier order. */
    final: Array<{ tier: Tier; cases: number }>;
    peak: Array<{ tier: Tier; cases: number }>;
    entry: Array<{ tier: Tier; cases: number }>;
  };
  channels: {
    total: number;
    selfService: number;
    assisted: number;
    channels: Array<{ channel: string; handling: Handling; count: number }>;
  };
}
