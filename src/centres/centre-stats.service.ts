import { Injectable } from '@nestjs/common';
import { share } from '../common/arithmetic/shares';
import { ReferenceConfig } from '../config/reference-config';
import type { Period } from '../periods/period';
import type { Filters } from '../stats/stats-filter';
import { CentreStatsRepository, CentreSums, HandoffCount } from './centre-stats.repository';

export interface CentreRow {
  centre: string | null;
  contacts: number;
  selfServiceShare: number | null;
  firstContactResolution: number | null;
  abandonmentRate: number | null;
  averageSpeedOfAnswerSeconds: number | null;
  serviceLevel: number | null;
  averageHandlingSeconds: number | null;
  outOfHoursShare: number | null;
  satisfaction: { responses: number; mean: number | null };
}

export interface CentreStats {
  period: { from: string; to: string };
  /** The service-level threshold the figures were counted with (config/metrics.json). */
  serviceLevelThresholdSeconds: number;
  centres: CentreRow[];
  handoffs: HandoffCount[];
}

const EMPTY: Omit<CentreSums, 'centre'> = {
  contacts: 0, selfService: 0, timed: 0, outOfHours: 0, withOutcome: 0, resolved: 0, abandoned: 0, waited: 0,
  answered: 0, answeredWaitSum: 0, withinServiceLevel: 0, handled: 0, handledDurationSum: 0,
  satisfactionResponses: 0, satisfactionSum: 0,
};

/** Contact-centre metrics from summed counts; a metric with nothing to measure is null. */
export function centreMetrics(s: CentreSums): CentreRow {
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

@Injectable()
export class CentreStatsService {
  constructor(
    private readonly repo: CentreStatsRepository,
    private readonly config: ReferenceConfig,
  ) {}

  async centres(period: Period, filters: Filters): Promise<CentreStats> {
    const [sums, handoffs] = await Promise.all([this.repo.sums(period, filters), this.repo.handoffs(period, filters)]);
    const byCentre = new Map(sums.map((s) => [s.centre, s]));
    const rows = this.config.centreNames.map((centre) => centreMetrics(byCentre.get(centre) ?? { centre, ...EMPTY }));
    const none = byCentre.get(null);
    if (none) rows.push(centreMetrics(none));
    return {
      period: { from: period.from, to: period.to },
      serviceLevelThresholdSeconds: this.config.metrics.serviceLevelSeconds,
      centres: rows,
      handoffs: this.ordered(handoffs),
    };
  }

  /** Sending centre in config order (no centre last), then receiving centre in config order. */
  private ordered(handoffs: HandoffCount[]): HandoffCount[] {
    const rank = (c: string | null) => {
      const i = c === null ? -1 : this.config.centreNames.indexOf(c);
      return i < 0 ? this.config.centreNames.length : i;
    };
    return [...handoffs].sort((a, b) => rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to));
  }
}
