import type { Handling, ReferenceConfig } from '../config/reference-config';

/** Rank of a channel not in config/channels.json: after every configured one. */
const UNKNOWN = 999;
const SELF_SERVICE_FIRST: readonly Handling[] = ['self_service', 'assisted'];

/**
 * "Config order" of (channel, handling) rows: channels as config/channels.json lists them, and
 * within a channel self-service first, or, with `handlings: 'as configured'`, in the order the
 * channel lists its handlings (the cost table's order).
 */
export function channelRank(
  config: ReferenceConfig,
  handlings: 'self service first' | 'as configured' = 'self service first',
): (r: { channel: string | null; handling: string | null }) => number {
  return (r) => {
    const i = config.channels.findIndex((c) => c.channel === r.channel);
    const order = handlings === 'as configured' ? (i < 0 ? null : config.channels[i].handlings) : SELF_SERVICE_FIRST;
    const h = order ? order.indexOf(r.handling as Handling) : 0;
    return (i < 0 ? UNKNOWN : i) * 2 + h;
  };
}

/** Centres as config/centres.json lists them; no centre (null) or an unknown one last. */
export function centreRank(config: ReferenceConfig): (centre: string | null) => number {
  return (c) => {
    const i = c === null ? -1 : config.centreNames.indexOf(c);
    return i < 0 ? config.centreNames.length : i;
  };
}

/** Largest count first, equal counts by `rank`. */
export function largestFirst<T extends { count: number }>(rank: (r: NoInfer<T>) => number): (a: T, b: T) => number {
  return (a, b) => b.count - a.count || rank(a) - rank(b);
}
