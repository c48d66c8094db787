import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError } from '../common/http/api-error';
import { ReferenceConfig } from '../config/reference-config';
import { Period, previousPeriod, samePeriodLastYear } from '../periods/period';
import type { StatsSummaryDto } from '../stats/stats-summary.dto';
import { StatsService } from '../stats/stats.service';
import type { IndicatorDefinition } from './indicator-config';
import type { IndicatorValueDto, KpiDto, KpisDto } from './indicator.dto';
import { changeFrom, directionOfTravel, ragOf } from './indicator-figures';
import { IndicatorsRepository, ReportedValue } from './indicators.repository';

/** The statistics summary of a period, read at most once per report however many indicators ask. */
export type SummaryOf = (p: Period) => Promise<StatsSummaryDto>;

export function memoisedSummaries(stats: StatsService): SummaryOf {
  const seen = new Map<string, Promise<StatsSummaryDto>>();
  return (p) => {
    if (!seen.has(p.label)) seen.set(p.label, stats.summary(p));
    return seen.get(p.label)!;
  };
}

/** An indicator judged for a period, with its values over the recent periods (oldest first) for a chart. */
export interface EvaluatedIndicator {
  definition: IndicatorDefinition;
  kpi: KpiDto;
  recent: { period: Period; value: number | null }[];
  lastYearPeriod: Period;
}

/** A figure of the summary by its path (`chatbot.containment`); null when absent or not a number. */
function figureAt(summary: StatsSummaryDto, path: string): number | null {
  const found = path.split('.').reduce<unknown>((o, key) => (o as Record<string, unknown> | undefined)?.[key], summary);
  return typeof found === 'number' ? found : null;
}

/** The scorecard: derived indicators from the statistics summary, reported ones from storage. */
@Injectable()
export class IndicatorsService {
  constructor(
    private readonly repo: IndicatorsRepository,
    private readonly stats: StatsService,
    private readonly config: ReferenceConfig,
  ) {}

  async kpis(period: Period): Promise<KpisDto> {
    const evaluated = await this.evaluate(period, 1, memoisedSummaries(this.stats));
    return { period: period.label, indicators: evaluated.map((e) => e.kpi) };
  }

  async put(id: string, period: Period, body: IndicatorValueDto) {
    const definition = this.config.indicators.find((d) => d.id === id);
    if (!definition) throw ApiError.notFound(`no indicator ${id}`);
    if (definition.source === 'derived') {
      throw new ApiError(HttpStatus.BAD_REQUEST, `indicator ${id} is derived from the contacts; its value cannot be set`, [
        { path: 'id', problem: 'is a derived indicator; only reported indicators take values' },
      ]);
    }
    return this.repo.put(id, period, {
      value: body.value,
      performance: body.performance ?? null,
      currentActivity: body.currentActivity ?? null,
      futureActivity: body.futureActivity ?? null,
    });
  }

  /** Every indicator for the period, with `recentCount` periods (the period's own included) for its chart. */
  async evaluate(period: Period, recentCount: number, summaryOf: SummaryOf): Promise<EvaluatedIndicator[]> {
    const recent = [period];
    while (recent.length < Math.max(recentCount, 2)) recent.unshift(previousPeriod(recent[0]));
    const lastYear = samePeriodLastYear(period);
    const periods = [...recent, lastYear];
    const derived = this.config.indicators.some((d) => d.source === 'derived');
    const [summaries, stored] = await Promise.all([
      derived ? Promise.all(periods.map(summaryOf)) : [],
      this.repo.values(periods),
    ]);
    const reported = new Map(stored.map((r) => [`${r.indicator} ${r.period}`, r]));
    return this.config.indicators.map((definition) => {
      const valueIn = (i: number): number | null =>
        definition.source === 'derived'
          ? figureAt(summaries[i], definition.figure!)
          : reported.get(`${definition.id} ${periods[i].label}`)?.value ?? null;
      const values = periods.map((_, i) => valueIn(i));
      const value = values[recent.length - 1];
      const before = values[recent.length - 2];
      const lastYearValue = values[recent.length];
      const commentary = reported.get(`${definition.id} ${period.label}`);
      return {
        definition,
        lastYearPeriod: lastYear,
        recent: recent.slice(-recentCount).map((p, i) => ({ period: p, value: values[recent.length - recentCount + i] })),
        kpi: {
          id: definition.id,
          title: definition.title,
          source: definition.source,
          unit: definition.unit,
          polarity: definition.polarity,
          value,
          target: definition.target,
          rag: ragOf(value, definition.target, definition.polarity, definition.margin),
          directionOfTravel: directionOfTravel(value, before, definition.polarity, definition.band),
          previous: before,
          samePeriodLastYear: lastYearValue,
          changeFromPrevious: changeFrom(value, before),
          changeFromLastYear: changeFrom(value, lastYearValue),
          ...(definition.source === 'reported' ? commentaryOf(commentary) : {}),
        },
      };
    });
  }
}

function commentaryOf(r: ReportedValue | undefined) {
  return { performance: r?.performance ?? null, currentActivity: r?.currentActivity ?? null, futureActivity: r?.futureActivity ?? null };
}
