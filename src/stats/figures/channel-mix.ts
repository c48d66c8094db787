import { largestRemainderPercents, share } from '../../common/arithmetic/shares';
import type { ReferenceConfig } from '../../config/reference-config';
import type { RowOf } from '../aggregate-query';
import type { CHANNEL_SOURCE_COUNTS } from '../metric-queries';
import { channelRank, largestFirst } from '../ordering';
import type { ChannelRowDto, ChannelStatsDto, PeriodDto } from '../stats-responses.dto';

/** A channel count, with its source when read by source. */
export type ChannelCount = Omit<RowOf<typeof CHANNEL_SOURCE_COUNTS>, 'source' | 'index'> & { source?: string | null };

/**
 * Contacts by channel and handling (docs/definitions.md "share"): exact shares from counts,
 * percents by largest remainder; largest first, equal counts in config order.
 */
export function channelMix(config: ReferenceConfig, period: PeriodDto, found: ChannelCount[], bySource: boolean): ChannelStatsDto {
  const byCount = largestFirst<ChannelCount>(channelRank(config));
  const counts = [...found].sort((a, b) => byCount(a, b) || (a.source ?? '').localeCompare(b.source ?? ''));
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
      channel: r.channel!,
      handling: r.handling as ChannelRowDto['handling'],
      ...(bySource ? { source: r.source! } : {}),
      label: config.labelOf(r.channel!, r.handling as ChannelRowDto['handling'], r.source),
      count: r.count,
      share: share(r.count, total),
      percent: percents[i],
    })),
  };
}
