import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError } from '../common/http/api-error';
import { ReferenceConfig } from '../config/reference-config';
import type { Period } from '../periods/period';
import { StatsService } from '../stats/stats.service';
import { compareProportions, compareTiers, ProportionComparison, TierComparisonRow, tierCountList, tierCountsFromRows } from '../tiers/tier-figures';
import { TIERS } from '../tiers/tier-rules';
import { TierStatsService } from '../tiers/tier-stats.service';
import type { BaselineSnapshot } from './baseline-snapshot';
import { BaselinesRepository } from './baselines.repository';
import { costAvoided } from './cost-avoided';

export interface BaselineComparison {
  baseline: { name: string; period: { from: string; to: string } };
  period: { from: string; to: string };
  tiers: TierComparisonRow[];
  selfService: ProportionComparison;
  costAvoided: number | null;
}

/** Frozen snapshots of a period's tier figures and channel mix, and later periods against them. */
@Injectable()
export class BaselinesService {
  constructor(
    private readonly repo: BaselinesRepository,
    private readonly tiers: TierStatsService,
    private readonly stats: StatsService,
    private readonly config: ReferenceConfig,
  ) {}

  async create(name: string, period: Period, description: string | undefined): Promise<BaselineSnapshot> {
    const [counts, mix] = await Promise.all([this.tiers.counts(period), this.stats.channels(period, {}, false)]);
    const list = (c: typeof counts.final) => tierCountList(c).map((cases, i) => ({ tier: TIERS[i], cases }));
    const snapshot: BaselineSnapshot = {
      name,
      description: description ?? null,
      period: { from: period.from, to: period.to },
      createdAt: new Date().toISOString(),
      tiers: {
        cases: tierCountList(counts.final).reduce((s, n) => s + n, 0),
        final: list(counts.final),
        peak: list(counts.peak),
        entry: list(counts.entry),
      },
      channels: {
        total: mix.total,
        selfService: mix.selfService.count,
        assisted: mix.assisted.count,
        channels: mix.channels.map((r) => ({ channel: r.channel, handling: r.handling, count: r.count })),
      },
    };
    if (!(await this.repo.create(snapshot))) throw new ApiError(HttpStatus.CONFLICT, `a baseline named ${name} exists already`);
    return snapshot;
  }

  list(): Promise<BaselineSnapshot[]> {
    return this.repo.list();
  }

  async get(name: string): Promise<BaselineSnapshot> {
    const found = await this.repo.find(name);
    if (!found) throw ApiError.notFound(`no baseline named ${name}`);
    return found;
  }

  async compare(name: string, period: Period): Promise<BaselineComparison> {
    const baseline = await this.get(name);
    const [counts, mix] = await Promise.all([this.tiers.counts(period), this.stats.channels(period, {}, false)]);
    const b = baseline.channels;
    return {
      baseline: { name: baseline.name, period: baseline.period },
      period: { from: period.from, to: period.to },
      tiers: compareTiers(tierCountsFromRows(baseline.tiers.final), counts.final),
      selfService: compareProportions(b.selfService, b.total, mix.selfService.count, mix.total),
      costAvoided: costAvoided(b.channels, mix.channels, (c, h) => this.config.unitCost(c, h)),
    };
  }
}
