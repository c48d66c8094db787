import type { Handling, ReferenceConfig } from '../../config/reference-config';
import type { RowOf } from '../aggregate-query';
import type { CHANNEL_COUNTS } from '../metric-queries';
import { channelRank } from '../ordering';
import type { CostStatsDto, PeriodDto } from '../stats-responses.dto';
import { Fixed, fixedOf, plus, times, toPounds, ZERO } from './money';

/** count × unit cost, exact. */
export function exactCost(r: { count: number; unitCost: number }): Fixed {
  return times(fixedOf(r.unitCost), r.count);
}

/**
 * Estimated cost of contact (docs/definitions.md "cost of contact"): Σ count × unit cost per
 * channel and handling, computed exactly; channels and their handlings in config order.
 */
export function costFigures(config: ReferenceConfig, period: PeriodDto, counts: RowOf<typeof CHANNEL_COUNTS>[]): CostStatsDto {
  const rank = channelRank(config, 'as configured');
  let total = ZERO;
  const channels = [...counts].sort((a, b) => rank(a) - rank(b)).map((r) => {
    const handling = r.handling as Handling;
    const unitCost = config.unitCost(r.channel!, handling);
    const cost = exactCost({ count: r.count, unitCost });
    total = plus(total, cost);
    return { channel: r.channel!, handling, count: r.count, unitCost, cost: toPounds(cost) };
  });
  return { period: { from: period.from, to: period.to }, currency: config.costs.currency, total: toPounds(total), channels };
}
