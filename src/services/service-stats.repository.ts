import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Handling } from '../config/reference-config';
import { rows } from '../database/sql';
import { num } from '../stats/series';
import { DayRange, Filters, StatsWhere } from '../stats/stats-filter';

/** Summed counts of one service, channel and handling. */
export interface ServiceChannelSums {
  service: string | null;
  channel: string;
  handling: Handling;
  contacts: number;
  withOutcome: number;
  resolved: number;
  abandoned: number;
  repeatEligible: number;
  repeats: number;
}

@Injectable()
export class ServiceStatsRepository {
  constructor(private readonly ds: DataSource) {}

  async sums(range: DayRange, filters: Filters): Promise<ServiceChannelSums[]> {
    const where = new StatsWhere(range, filters);
    const found = await rows<Record<string, string | null>>(
      this.ds,
      `SELECT service, channel, handling,
              sum(contacts)::text AS contacts,
              sum(with_outcome)::text AS with_outcome,
              sum(resolved)::text AS resolved,
              sum(abandoned)::text AS abandoned,
              sum(repeat_eligible)::text AS repeat_eligible,
              sum(repeats)::text AS repeats
       FROM contact_stats
       WHERE ${where.sql}
       GROUP BY service, channel, handling
       HAVING sum(contacts) > 0`,
      where.params,
    );
    return found.map((r) => ({
      service: r.service,
      channel: r.channel as string,
      handling: r.handling as Handling,
      contacts: num(r.contacts),
      withOutcome: num(r.with_outcome),
      resolved: num(r.resolved),
      abandoned: num(r.abandoned),
      repeatEligible: num(r.repeat_eligible),
      repeats: num(r.repeats),
    }));
  }
}
