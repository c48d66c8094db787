import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rows } from '../database/sql';
import { intervalIndexSql, num } from '../stats/series';
import { DayRange, Filters, StatsWhere } from '../stats/stats-filter';

export interface IntervalCounts { index: number; total: number; selfService: number }

@Injectable()
export class ChannelShiftRepository {
  constructor(private readonly ds: DataSource) {}

  /** Contacts and self-service contacts per interval (1 = the first interval), in one query. */
  async byInterval(range: DayRange, filters: Filters, intervals: readonly DayRange[]): Promise<IntervalCounts[]> {
    const where = new StatsWhere(range, filters, { splitAt: intervals });
    const found = await rows<{ index: number; total: string; self_service: string }>(
      this.ds,
      `SELECT ${intervalIndexSql(where, intervals.map((i) => i.from))} AS index,
              sum(contacts)::text AS total,
              coalesce(sum(contacts) FILTER (WHERE handling = 'self_service'), 0)::text AS self_service
       FROM contact_stats
       WHERE ${where.sql}
       GROUP BY 1`,
      where.params,
    );
    return found.map((r) => ({ index: Number(r.index), total: num(r.total), selfService: num(r.self_service) }));
  }
}
