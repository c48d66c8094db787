import { Injectable } from '@nestjs/common';
import { share } from '../common/arithmetic/shares';
import { Interval, intervalsOf, Period } from '../periods/period';
import type { Filters } from '../stats/stats-filter';
import { ChannelShiftRepository } from './channel-shift.repository';

export interface ShiftItem {
  from: string;
  to: string;
  total: number;
  assisted: number;
  selfService: number;
  selfServiceShare: number | null;
  changePp: number | null;
}

export interface ChannelShift { period: { from: string; to: string }; interval: Interval; series: ShiftItem[] }

/** Change in percentage points from one share to the next; null where either is missing. */
export function changePp(previous: number | null | undefined, current: number | null): number | null {
  return previous === null || previous === undefined || current === null ? null : (current - previous) * 100;
}

/** Self-service share per interval and its change against the previous interval. */
@Injectable()
export class ChannelShiftService {
  constructor(private readonly repo: ChannelShiftRepository) {}

  async series(period: Period, filters: Filters, interval: Interval): Promise<ChannelShift> {
    const intervals = intervalsOf(period, interval);
    const counts = await this.repo.byInterval(period, filters, intervals);
    const byIndex = new Map(counts.map((c) => [c.index, c]));
    const series: ShiftItem[] = [];
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
}
