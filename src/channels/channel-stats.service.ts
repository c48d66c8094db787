import { Injectable } from '@nestjs/common';
import { largestRemainderPercents, share } from '../common/arithmetic/shares';
import { ReferenceConfig } from '../config/reference-config';
import type { Period } from '../periods/period';
import type { Filters } from '../stats/stats-filter';
import { ChannelCount, ChannelStatsRepository } from './channel-stats.repository';
import type { ChannelStatsDto } from './channel-stats.dto';

/** Contacts by channel and handling: exact shares from counts, percents by largest remainder. */
@Injectable()
export class ChannelStatsService {
  constructor(
    private readonly repo: ChannelStatsRepository,
    private readonly config: ReferenceConfig,
  ) {}

  async channels(period: Period, filters: Filters, bySource: boolean): Promise<ChannelStatsDto> {
    const counts = this.ordered(await this.repo.counts(period, filters, bySource));
    const total = counts.reduce((s, r) => s + r.count, 0);
    const assisted = counts.filter((r) => r.handling === 'assisted').reduce((s, r) => s + r.count, 0);
    const selfService = total - assisted;
    const [assistedPct, selfPct] = largestRemainderPercents([assisted, selfService]);
    const percents = largestRemainderPercents(counts.map((r) => r.count));
    return {
      period: { from: period.from, to: period.to },
      total,
      assisted: { count: assisted, share: share(assisted, total), percent: assistedPct },
      selfService: { count: selfService, share: share(selfService, total), percent: selfPct },
      channels: counts.map((r, i) => ({
        channel: r.channel,
        handling: r.handling,
        ...(bySource ? { source: r.source } : {}),
        label: this.config.labelOf(r.channel, r.handling, r.source),
        count: r.count,
        share: share(r.count, total),
        percent: percents[i],
      })),
    };
  }

  /** Largest first; equal counts in config order, so rows and percent ties are stable. */
  private ordered(counts: ChannelCount[]): ChannelCount[] {
    const rank = (r: ChannelCount) => {
      const i = this.config.channels.findIndex((c) => c.channel === r.channel);
      return (i < 0 ? 999 : i) * 2 + (r.handling === 'self_service' ? 0 : 1);
    };
    return [...counts].sort(
      (a, b) => b.count - a.count || rank(a) - rank(b) || (a.source ?? '').localeCompare(b.source ?? ''),
    );
  }
}
