import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Handling } from '../config/reference-config';
import { rows } from '../database/sql';
import { num } from '../stats/series';
import { DayRange, Filters, StatsWhere } from '../stats/stats-filter';

export interface ChannelHandlingCount { channel: string; handling: Handling; count: number }

@Injectable()
export class CostStatsRepository {
  constructor(private readonly ds: DataSource) {}

  async counts(range: DayRange, filters: Filters): Promise<ChannelHandlingCount[]> {
    const where = new StatsWhere(range, filters);
    const found = await rows<{ channel: string; handling: Handling; count: string }>(
      this.ds,
      `SELECT channel, handling, sum(contacts)::text AS count FROM contact_stats
       WHERE ${where.sql} GROUP BY channel, handling HAVING sum(contacts) > 0`,
      where.params,
    );
    return found.map((r) => ({ channel: r.channel, handling: r.handling, count: num(r.count) }));
  }
}
