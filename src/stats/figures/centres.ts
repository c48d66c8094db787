import { share } from '../../common/arithmetic/shares';
import type { ReferenceConfig } from '../../config/reference-config';
import type { RowOf } from '../aggregate-query';
import { CENTRE_SUMS, HANDOFF_COUNTS } from '../metric-queries';
import { centreRank } from '../ordering';
import type { CentreRowDto, CentreStatsDto, HandoffDto, PeriodDto } from '../stats-responses.dto';

/** Summed counts of one centre (null: contacts without a centre); metrics are derived from these. */
export type CentreSums = Omit<RowOf<typeof CENTRE_SUMS>, 'index'>;

const EMPTY = Object.fromEntries(Object.keys(CENTRE_SUMS.measures).map((m) => [m, 0])) as Omit<CentreSums, 'centre'>;

/** Contact-centre metrics from summed counts (docs/definitions.md); a metric with nothing to measure is null. */
export function centreMetrics(s: CentreSums): CentreRowDto {
  return {
    centre: s.centre,
    contacts: s.contacts,
    selfServiceShare: share(s.selfService, s.contacts),
    firstContactResolution: share(s.resolved, s.withOutcome - s.abandoned),
    abandonmentRate: share(s.abandoned, s.withOutcome),
    averageSpeedOfAnswerSeconds: share(s.answeredWaitSum, s.answered),
    serviceLevel: share(s.withinServiceLevel, s.waited),
    averageHandlingSeconds: share(s.handledDurationSum, s.handled),
    outOfHoursShare: share(s.outOfHours, s.timed),
    satisfaction: { responses: s.satisfactionResponses, mean: share(s.satisfactionSum, s.satisfactionResponses) },
  };
}

/** Every centre's sums added up: the contact centre as a whole (centre null). */
export function allCentreSums(sums: CentreSums[]): CentreSums {
  const total = { centre: null, ...EMPTY } as CentreSums;
  for (const s of sums) for (const m of Object.keys(EMPTY) as (keyof typeof EMPTY)[]) total[m] += s[m];
  return total;
}

/**
 * Every configured centre in config order (empty ones too), then contacts without a centre;
 * hand-offs by sending centre in config order (no centre last), then receiving centre.
 */
export function centreFigures(
  config: ReferenceConfig,
  period: PeriodDto,
  sums: CentreSums[],
  handoffs: RowOf<typeof HANDOFF_COUNTS>[],
): CentreStatsDto {
  const byCentre = new Map(sums.map((s) => [s.centre, s]));
  const rows = config.centreNames.map((centre) => centreMetrics(byCentre.get(centre) ?? { centre, ...EMPTY }));
  const none = byCentre.get(null);
  if (none) rows.push(centreMetrics(none));
  const rank = centreRank(config);
  return {
    period: { from: period.from, to: period.to },
    serviceLevelThresholdSeconds: config.metrics.serviceLevelSeconds,
    centres: rows,
    handoffs: [...handoffs]
      .sort((a, b) => rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to))
      .map((h): HandoffDto => ({ from: h.from, to: h.to!, count: h.count })),
  };
}
