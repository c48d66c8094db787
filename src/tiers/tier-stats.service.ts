import { Injectable } from '@nestjs/common';
import type { Period } from '../periods/period';
import { TierCounts, tierSummary, TierSummary } from './tier-figures';
import type { Tier } from './tier-rules';
import { TierKeyCount, TierStatsRepository, TransitionCount } from './tier-stats.repository';

export type TierBasis = 'final' | 'peak' | 'entry';
export const TIER_BASES: readonly TierBasis[] = ['final', 'peak', 'entry'];

export interface PeriodEcho { from: string; to: string }
export type TierStats = { period: PeriodEcho } & TierSummary;

export interface TierFlows {
  period: PeriodEcho;
  cases: number;
  transitions: TransitionCount[];
  journeys: Array<{ entry: Tier; final: Tier; cases: number }>;
}

/** Cases of a period by final, peak and entry tier. */
export type TierCountsByBasis = Record<TierBasis, TierCounts>;

/** The cases of a period are those whose first event falls in it (cohort view). */
@Injectable()
export class TierStatsService {
  constructor(private readonly repo: TierStatsRepository) {}

  async tiers(period: Period, by: TierBasis = 'final'): Promise<TierStats> {
    const counts = countsByBasis(await this.repo.tierKeys(period));
    return { period: echo(period), ...tierSummary(counts[by], counts.peak) };
  }

  async counts(period: Period): Promise<TierCountsByBasis> {
    return countsByBasis(await this.repo.tierKeys(period));
  }

  async flows(period: Period): Promise<TierFlows> {
    const [keys, transitions] = await Promise.all([this.repo.tierKeys(period), this.repo.transitions(period)]);
    const journeys = new Map<string, { entry: Tier; final: Tier; cases: number }>();
    for (const k of keys) {
      const key = `${k.entry}|${k.final}`;
      const row = journeys.get(key) ?? { entry: k.entry, final: k.final, cases: 0 };
      row.cases += k.cases;
      journeys.set(key, row);
    }
    return {
      period: echo(period),
      cases: keys.reduce((s, k) => s + k.cases, 0),
      transitions,
      journeys: [...journeys.values()].sort((a, b) => a.entry - b.entry || a.final - b.final),
    };
  }
}

function echo(p: Period): PeriodEcho {
  return { from: p.from, to: p.to };
}

export function countsByBasis(keys: readonly TierKeyCount[]): TierCountsByBasis {
  const out: TierCountsByBasis = { final: {}, peak: {}, entry: {} };
  for (const k of keys) {
    for (const basis of TIER_BASES) out[basis][k[basis]] = (out[basis][k[basis]] ?? 0) + k.cases;
  }
  return out;
}
