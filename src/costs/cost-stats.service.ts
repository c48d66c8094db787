import { Injectable } from '@nestjs/common';
import { Handling, ReferenceConfig } from '../config/reference-config';
import type { Period } from '../periods/period';
import type { Filters } from '../stats/stats-filter';
import { CostStatsRepository } from './cost-stats.repository';
import { Fixed, fixedOf, plus, times, toPounds, ZERO } from './money';

export interface CostRow { channel: string; handling: Handling; count: number; unitCost: number; cost: number }

export interface CostStats {
  period: { from: string; to: string };
  currency: string;
  total: number;
  channels: CostRow[];
}

/** count × unit cost, exact. */
export function exactCost(r: { count: number; unitCost: number }): Fixed {
  return times(fixedOf(r.unitCost), r.count);
}

/** Estimated cost of contact: Σ count × unit cost per channel and handling, computed exactly. */
@Injectable()
export class CostStatsService {
  constructor(
    private readonly repo: CostStatsRepository,
    private readonly config: ReferenceConfig,
  ) {}

  async costs(period: Period, filters: Filters): Promise<CostStats> {
    const counts = await this.repo.counts(period, filters);
    let total = ZERO;
    const channels = this.ordered(counts).map((r) => {
      const unitCost = this.config.unitCost(r.channel, r.handling);
      const cost = exactCost({ count: r.count, unitCost });
      total = plus(total, cost);
      return { ...r, unitCost, cost: toPounds(cost) };
    });
    return {
      period: { from: period.from, to: period.to },
      currency: this.config.costs.currency,
      total: toPounds(total),
      channels,
    };
  }

  /** Config order of channels, each channel's handlings in config order. */
  private ordered<T extends { channel: string; handling: Handling }>(list: T[]): T[] {
    const rank = (r: T) => {
      const i = this.config.channels.findIndex((c) => c.channel === r.channel);
      const h = i < 0 ? 0 : this.config.channels[i].handlings.indexOf(r.handling);
      return (i < 0 ? 999 : i) * 2 + h;
    };
    return [...list].sort((a, b) => rank(a) - rank(b));
  }
}
