import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rows } from '../database/sql';
import { DayRange, Filters, StatsWhere } from '../stats/stats-filter';
import type { Handling } from '../config/reference-config';

export interface ChannelCount { channel: string; handling: Handling; source?: string; count: number }

@Injectable()
export class ChannelStatsRepository {
  constructor(private readonly ds: DataSource) {}

  async counts(range: DayRange, filters: Filters, bySource: boolean): Promise<ChannelCount[]> {
    const where = new StatsWhere(range, filters);
    const keys = bySource ? 'channel, handling, source' : 'channel, handling';
    const found = await rows<{ channel: string; handling: Handling; source?: string; count: string }>(
      this.ds,
      `SELECT ${keys}, sum(contacts)::text AS count FROM contact_stats
       WHERE ${where.sql} GROUP BY ${keys} HAVING sum(contacts) > 0`,
      where.params,
    );
    return found.map((r) => ({ ...r, count: Number(r.count) }));
  }
}
