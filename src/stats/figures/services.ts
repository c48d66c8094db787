import { share } from '../../common/arithmetic/shares';
import type { Handling, ReferenceConfig } from '../../config/reference-config';
import type { RowOf } from '../aggregate-query';
import type { SERVICE_SUMS } from '../metric-queries';
import { channelRank, largestFirst } from '../ordering';
import type { PeriodDto, ServiceRowDto, ServiceStatsDto } from '../stats-responses.dto';

type ServiceChannelSums = RowOf<typeof SERVICE_SUMS>;

/**
 * Per service: assisted vs self-service (the channel-shift opportunities), FCR and repeat
 * contacts (docs/definitions.md); largest assisted volume first, no service last, then by name.
 */
export function serviceFigures(config: ReferenceConfig, period: PeriodDto, sums: ServiceChannelSums[]): ServiceStatsDto {
  const groups = new Map<string | null, ServiceChannelSums[]>();
  for (const r of sums) {
    const list = groups.get(r.service) ?? [];
    list.push(r);
    groups.set(r.service, list);
  }
  const services = [...groups.entries()].map(([service, list]) => serviceRow(config, service, list));
  services.sort(
    (a, b) =>
      Number(a.service === null) - Number(b.service === null) ||
      b.assisted - a.assisted ||
      (a.service! < b.service! ? -1 : a.service! > b.service! ? 1 : 0),
  );
  return { period: { from: period.from, to: period.to }, services };
}

function serviceRow(config: ReferenceConfig, service: string | null, list: ServiceChannelSums[]): ServiceRowDto {
  const t = { withOutcome: 0, resolved: 0, abandoned: 0, repeatEligible: 0, repeats: 0 };
  let contacts = 0;
  let assisted = 0;
  for (const r of list) {
    contacts += r.contacts;
    if (r.handling === 'assisted') assisted += r.contacts;
    for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += r[k];
  }
  const selfService = contacts - assisted;
  const channels = list.map((r) => ({ channel: r.channel!, handling: r.handling as Handling, count: r.contacts }));
  return {
    service,
    contacts,
    assisted,
    selfService,
    selfServiceShare: share(selfService, contacts),
    channels: channels.sort(largestFirst(channelRank(config))),
    firstContactResolution: share(t.resolved, t.withOutcome - t.abandoned),
    repeatContactRate: share(t.repeats, t.repeatEligible),
  };
}
