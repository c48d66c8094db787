import { Injectable } from '@nestjs/common';
import { share } from '../common/arithmetic/shares';
import { Handling, ReferenceConfig } from '../config/reference-config';
import type { Period } from '../periods/period';
import type { Filters } from '../stats/stats-filter';
import { ServiceChannelSums, ServiceStatsRepository } from './service-stats.repository';

export interface ServiceRow {
  service: string | null;
  contacts: number;
  assisted: number;
  selfService: number;
  selfServiceShare: number | null;
  channels: { channel: string; handling: Handling; count: number }[];
  firstContactResolution: number | null;
  repeatContactRate: number | null;
}

export interface ServiceStats { period: { from: string; to: string }; services: ServiceRow[] }

interface Totals { withOutcome: number; resolved: number; abandoned: number; repeatEligible: number; repeats: number }

/** Per service: assisted vs self-service (the channel-shift opportunities), FCR and repeat contacts. */
@Injectable()
export class ServiceStatsService {
  constructor(
    private readonly repo: ServiceStatsRepository,
    private readonly config: ReferenceConfig,
  ) {}

  async services(period: Period, filters: Filters): Promise<ServiceStats> {
    const groups = new Map<string | null, ServiceChannelSums[]>();
    for (const r of await this.repo.sums(period, filters)) {
      const list = groups.get(r.service) ?? [];
      list.push(r);
      groups.set(r.service, list);
    }
    const services = [...groups.entries()].map(([service, list]) => this.row(service, list));
    services.sort(
      (a, b) =>
        Number(a.service === null) - Number(b.service === null) ||
        b.assisted - a.assisted ||
        (a.service! < b.service! ? -1 : a.service! > b.service! ? 1 : 0),
    );
    return { period: { from: period.from, to: period.to }, services };
  }

  private row(service: string | null, list: ServiceChannelSums[]): ServiceRow {
    const t: Totals = { withOutcome: 0, resolved: 0, abandoned: 0, repeatEligible: 0, repeats: 0 };
    let contacts = 0;
    let assisted = 0;
    for (const r of list) {
      contacts += r.contacts;
      if (r.handling === 'assisted') assisted += r.contacts;
      for (const k of Object.keys(t) as (keyof Totals)[]) t[k] += r[k];
    }
    const selfService = contacts - assisted;
    return {
      service,
      contacts,
      assisted,
      selfService,
      selfServiceShare: share(selfService, contacts),
      channels: this.ordered(list).map((r) => ({ channel: r.channel, handling: r.handling, count: r.contacts })),
      firstContactResolution: share(t.resolved, t.withOutcome - t.abandoned),
      repeatContactRate: share(t.repeats, t.repeatEligible),
    };
  }

  /** Largest first; equal counts in config order. */
  private ordered(list: ServiceChannelSums[]): ServiceChannelSums[] {
    const rank = (r: ServiceChannelSums) => {
      const i = this.config.channels.findIndex((c) => c.channel === r.channel);
      return (i < 0 ? 999 : i) * 2 + (r.handling === 'self_service' ? 0 : 1);
    };
    return [...list].sort((a, b) => b.contacts - a.contacts || rank(a) - rank(b));
  }
}
