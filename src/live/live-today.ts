import type { ReferenceConfig } from '../config/reference-config';
import { aggregateSelect, BoundSql } from '../stats/aggregate-query';
import { CHANNEL_COUNTS } from '../stats/metric-queries';

/** One channel and handling's contacts today. */
export interface LiveChannel {
  channel: string;
  handling: string;
  count: number;
}

/** What every open stream is sent: today so far (docs/http-contract.md "Live view"). */
export interface LiveToday {
  date: string;
  total: number;
  assisted: number;
  selfService: number;
  channels: LiveChannel[];
  waiting: number;
  updatedAt: string;
}

/** Today's contacts by channel: the channel mix's own query over one local day. */
export function todaySelect(date: string): BoundSql {
  return aggregateSelect(CHANNEL_COUNTS, { from: date, to: date }, {});
}

/** Rows of the channel mix for one day into the live figures; largest first, then in config order. */
export function liveToday(
  config: ReferenceConfig,
  date: string,
  counted: Array<{ channel: string | null; handling: string | null; count: number }>,
  waiting: number,
  at: Date,
): LiveToday {
  const order = [...config.channelByName.keys()];
  const channels = counted
    .map((r) => ({ channel: r.channel ?? '', handling: r.handling ?? '', count: r.count }))
    .sort((a, b) => b.count - a.count || order.indexOf(a.channel) - order.indexOf(b.channel));
  const sum = (h: string) => channels.filter((c) => c.handling === h).reduce((n, c) => n + c.count, 0);
  const selfService = sum('self_service');
  const assisted = sum('assisted');
  const total = channels.reduce((n, c) => n + c.count, 0);
  return { date, total, assisted, selfService, channels, waiting, updatedAt: at.toISOString() };
}

/** The Server-Sent Event for the figures, after a comment line that keeps proxies from closing a quiet stream. */
export function sseEvent(today: LiveToday): string {
  return `: ${today.updatedAt}\nevent: today\ndata: ${JSON.stringify(today)}\n\n`;
}
