import { share } from '../../common/arithmetic/shares';
import type { Interval } from '../../periods/period';
import type { DayRange } from '../buckets';
import type { RowOf } from '../aggregate-query';
import type { SHIFT_COUNTS } from '../metric-queries';
import type { ChannelShiftDto, PeriodDto, ShiftItemDto } from '../stats-responses.dto';

/** Change in percentage points from one share to the next; null where either is missing. */
export function changePp(previous: number | null | undefined, current: number | null): number | null {
  return previous === null || previous === undefined || current === null ? null : (current - previous) * 100;
}

/** Self-service share per interval and its change against the previous interval (docs/definitions.md "channel shift"). */
export function channelShift(
  period: PeriodDto,
  interval: Interval,
  intervals: readonly DayRange[],
  counts: RowOf<typeof SHIFT_COUNTS>[],
): ChannelShiftDto {
  const byIndex = new Map(counts.map((c) => [c.index, c]));
  const series: ShiftItemDto[] = [];
  intervals.forEach((iv, i) => {
    const c = byIndex.get(i + 1);
    const total = c?.total ?? 0;
    const selfService = c?.selfService ?? 0;
    const selfServiceShare = share(selfService, total);
    series.push({
      from: iv.from,
      to: iv.to,
      total,
      assisted: total - selfService,
      selfService,
      selfServiceShare,
      changePp: i === 0 ? null : changePp(series[i - 1].selfServiceShare, selfServiceShare),
    });
  });
  return { period: { from: period.from, to: period.to }, interval, series };
}
