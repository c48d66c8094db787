import { Injectable } from '@nestjs/common';
import { BaselinesService } from '../baselines/baselines.service';
import { ReferenceConfig } from '../config/reference-config';
import { countSentence } from '../indicators/indicator-figures';
import { EvaluatedIndicator, IndicatorsService, memoisedSummaries } from '../indicators/indicators.service';
import { monthOf, Period, periodName, precedingName } from '../periods/period';
import type { ChannelStatsDto } from '../stats/stats-responses.dto';
import type { StatsSummaryDto } from '../stats/stats-summary.dto';
import { StatsService } from '../stats/stats.service';
import { WebAnalyticsService } from '../web-analytics/web-analytics';
import { ForecastService } from '../forecast/forecast.service';
import { forecastSection } from './forecast-section';
import { CustomerExperienceReport, formatCell, NO_CONTACTS, ReportSection, ReportTable } from './report-model';

const section = (id: string, title: string, parts: Partial<ReportSection> = {}): ReportSection => ({
  id, title, paragraphs: [], tables: [], charts: [], ...parts,
});
const monthName = (from: string) => `${monthOf(from).slice(0, 3)} ${from.slice(0, 4)}`;
/** A period on a chart's axis: "Oct–Dec 2021", "Dec 2021", "2021/22". */
const periodShortName = (p: Period) =>
  (p.kind === 'fy_quarter' ? `${monthOf(p.from).slice(0, 3)}–${monthOf(p.to).slice(0, 3)} ${p.to.slice(0, 4)}`
    : p.kind === 'month' ? monthName(p.from) : periodName(p));

/** Builds the Customer Experience report's model from the statistics summary and the scorecard; it computes no figure itself. */
@Injectable()
export class ReportService {
  constructor(
    private readonly stats: StatsService,
    private readonly indicators: IndicatorsService,
    private readonly baselines: BaselinesService,
    private readonly web: WebAnalyticsService,
    private readonly config: ReferenceConfig,
    private readonly forecasts: ForecastService,
  ) {}

  async customerExperience(period: Period, baselineName?: string): Promise<CustomerExperienceReport> {
    const summaryOf = memoisedSummaries(this.stats);
    const baseline = await this.baselineFor(baselineName);
    const [summary, bySource, scorecard, web, comparison, forecast] = await Promise.all([
      summaryOf(period),
      this.stats.channels(period, {}, true),
      this.indicators.evaluate(period, this.config.report.recentPeriods, summaryOf),
      this.web.list(),
      baseline ? this.baselines.compare(baseline.name, period) : null,
      this.forecastAfter(period),
    ]);
    const empty = summary.channels.total === 0;
    const contactSections = empty
      ? [section('contacts', 'Contacts by channel', { paragraphs: [NO_CONTACTS] })]
      : [this.channels(bySource), trend(summary), chatbot(summary), this.centres(summary)];
    const endYear = +period.to.slice(0, 4);
    return {
      title: this.config.report.title,
      period: { label: period.label, from: period.from, to: period.to, name: periodName(period) },
      contacts: summary.channels.total,
      baseline: baseline ? { name: baseline.name, ...baseline.period } : null,
      sections: [
        ...contactSections,
        website(web.years.filter((y) => y.year <= endYear)),
        comparison ? tiersAgainst(comparison) : tiersAlone(summary),
        scorecardSection(scorecard, period),
        ...(forecast ? [forecast] : []),
      ],
    };
  }

  /** The configured channel's forecast after the period (config/report.json `forecast`), if any. */
  private forecastAfter(period: Period): Promise<ReportSection> | null {
    const selection = this.config.report.forecast;
    if (!selection) return null;
    const labels = [this.config.channelByName.get(selection.channel)?.labels[0]?.label ?? selection.channel,
      this.config.centres.find((c) => c.centre === selection.centre)?.label].filter(Boolean);
    return forecastSection(this.forecasts, { ...selection }, labels.join(', '), period);
  }

  /** The named baseline (404 when unknown), else the newest, else none. */
  private async baselineFor(name?: string) {
    if (name !== undefined) return this.baselines.get(name);
    return (await this.baselines.list()).at(-1) ?? null; // oldest first
  }

  /** Appendix 1: rows by configured label order, then other labels largest first; one row per label. */
  private channels(mix: ChannelStatsDto): ReportSection {
    const byLabel = new Map<string, number>();
    for (const row of mix.channels) byLabel.set(row.label, (byLabel.get(row.label) ?? 0) + row.count);
    const order = this.config.report.appendix1Rows;
    const rank = (label: string) => (order.includes(label) ? order.indexOf(label) : order.length);
    const rows = [...byLabel].sort((a, b) => rank(a[0]) - rank(b[0]) || b[1] - a[1]);
    return section('contacts', 'Contacts by channel', {
      tables: [
        { caption: 'Contacts by channel', columns: [{ header: 'Channel', kind: 'text' }, { header: 'Contacts', kind: 'count' }], rows },
        {
          caption: 'Assisted and self-service contacts',
          columns: [{ header: 'Contacts', kind: 'text' }, { header: 'Volume', kind: 'count' }, { header: 'Percent', kind: 'percent' }],
          rows: [
            ['Assisted Contacts', mix.assisted.count, mix.assisted.percent],
            ['Self Service Contacts', mix.selfService.count, mix.selfService.percent],
          ],
        },
      ],
      charts: [{ title: 'Contacts by channel', kind: 'bar', categories: rows.map((r) => r[0]), series: [{ name: 'Contacts', values: rows.map((r) => r[1]) }] }],
    });
  }

  private centres(s: StatsSummaryDto): ReportSection {
    const label = (centre: string | null) => this.config.centres.find((c) => c.centre === centre)?.label ?? centre ?? 'No centre';
    const rows = [...s.centres.centres, s.allCentres].map((c, i, all) => [
      i === all.length - 1 ? 'All contacts' : label(c.centre), c.contacts, c.firstContactResolution, c.abandonmentRate,
      c.averageSpeedOfAnswerSeconds, c.serviceLevel, c.outOfHoursShare,
    ]);
    return section('centres', 'Contact centres', {
      tables: [{
        caption: `Contact centres (service level: answered within ${s.centres.serviceLevelThresholdSeconds} s)`,
        columns: [
          { header: 'Centre', kind: 'text' }, { header: 'Contacts', kind: 'count' }, { header: 'First-contact resolution', kind: 'share' },
          { header: 'Abandoned', kind: 'share' }, { header: 'Average speed of answer', kind: 'seconds' },
          { header: 'Service level', kind: 'share' }, { header: 'Out of hours', kind: 'share' },
        ],
        rows,
      }],
    });
  }
}

function trend(s: StatsSummaryDto): ReportSection {
  const items = s.channelShift.series;
  return section('self_service_trend', 'Self-service trend', {
    tables: [{
      caption: 'Self-service share by month',
      columns: [
        { header: 'Month', kind: 'text' }, { header: 'Contacts', kind: 'count' }, { header: 'Self-service', kind: 'count' },
        { header: 'Self-service share', kind: 'share' }, { header: 'Change', kind: 'points' },
      ],
      rows: items.map((i) => [monthName(i.from), i.total, i.selfService, i.selfServiceShare, i.changePp]),
    }],
    charts: [{
      title: 'Self-service share by month', kind: 'line', shares: true, categories: items.map((i) => monthName(i.from)),
      series: [{ name: 'Self-service share', values: items.map((i) => i.selfServiceShare) }],
    }],
  });
}

function chatbot(s: StatsSummaryDto): ReportSection {
  const c = s.chatbot;
  const months = c.series.map((i) => monthName(i.from));
  return section('chatbot', 'Chatbot and webchat volumes', {
    paragraphs: [
      `${c.chatbot.toLocaleString('en-GB')} chatbot conversations, ${c.escalated.toLocaleString('en-GB')} passed to an adviser; `
      + (c.containment === null ? 'no containment without chatbot conversations.' : `containment ${(c.containment * 100).toFixed(1)}%.`),
    ],
    tables: [{
      caption: 'Chatbot and webchat by month',
      columns: [{ header: 'Month', kind: 'text' }, { header: 'Chatbot', kind: 'count' }, { header: 'Escalated', kind: 'count' },
        { header: 'Webchat', kind: 'count' }],
      rows: [...c.series.map((i, n) => [months[n], i.chatbot, i.escalated, i.webchat]), ['Total', c.chatbot, c.escalated, c.webchat]],
    }],
    charts: [{
      title: 'Chatbot and webchat by month', kind: 'bar', categories: months,
      series: [{ name: 'Chatbot', values: c.series.map((i) => i.chatbot) }, { name: 'Webchat', values: c.series.map((i) => i.webchat) }],
    }],
  });
}

function website(years: { year: number; users: number; sessions: number; pageViews: number; usersChangePercent: number | null;
  sessionsChangePercent: number | null; pageViewsChangePercent: number | null }[]): ReportSection {
  if (!years.length) return section('website', 'Website statistics', { paragraphs: ['No website statistics recorded.'] });
  return section('website', 'Website statistics', {
    tables: [{
      caption: 'Website statistics by year',
      columns: [
        { header: 'Year', kind: 'text' }, { header: 'Users', kind: 'count' }, { header: '% Increase users year on year', kind: 'percent2' },
        { header: 'Sessions', kind: 'count' }, { header: '% Increase sessions year on year', kind: 'percent2' },
        { header: 'Page Views', kind: 'count' }, { header: '% Increase page views year on year', kind: 'percent2' },
      ],
      rows: years.map((y) => [String(y.year), y.users, y.usersChangePercent, y.sessions, y.sessionsChangePercent, y.pageViews,
        y.pageViewsChangePercent]),
    }],
  });
}

type Comparison = NonNullable<Awaited<ReturnType<BaselinesService['compare']>>>;

function tiersAgainst(c: Comparison): ReportSection {
  const table: ReportTable = {
    caption: `3 Conversations: cases by final tier against the baseline ${c.baseline.name} (${c.baseline.period.from} to ${c.baseline.period.to})`,
    columns: [
      { header: 'Tier', kind: 'text' }, { header: 'Baseline cases', kind: 'count' }, { header: 'Baseline share', kind: 'share' },
      { header: 'Cases', kind: 'count' }, { header: 'Share', kind: 'share' }, { header: 'Change', kind: 'points' },
      { header: 'p-value', kind: 'value' }, { header: 'Significant (p < 0.05)', kind: 'text' },
    ],
    rows: c.tiers.map((t) => [`Tier ${t.tier}`, t.baselineCases, t.baselineShare, t.cases, t.share, t.changePp, t.pValue, t.significant]),
  };
  return section('tiers', '3 Conversations tiers', {
    tables: [table],
    charts: [{
      title: 'Share of cases by final tier', kind: 'bar', shares: true, categories: c.tiers.map((t) => `Tier ${t.tier}`),
      series: [{ name: 'Baseline', values: c.tiers.map((t) => t.baselineShare) }, { name: 'This period', values: c.tiers.map((t) => t.share) }],
    }],
  });
}

function tiersAlone(s: StatsSummaryDto): ReportSection {
  return section('tiers', '3 Conversations tiers', {
    paragraphs: ['No baseline to compare with: the cases of this period by final tier.'],
    tables: [{
      caption: '3 Conversations: cases by final tier',
      columns: [{ header: 'Tier', kind: 'text' }, { header: 'Cases', kind: 'count' }, { header: 'Percent', kind: 'percent' }],
      rows: s.tiers.tiers.map((t) => [`Tier ${t.tier}`, t.cases, t.percent]),
    }],
  });
}

/**
 * The performance details: for a count, the seed's sentence; for another unit, the value against
 * its target and the period before; then the stored commentary.
 */
function performanceDetails(e: EvaluatedIndicator, period: Period): string {
  const { kpi, definition } = e;
  if (kpi.value === null) return kpi.performance ?? '';
  const sentence = definition.unit === 'count'
    ? countSentence({
      noun: definition.noun ?? definition.title.toLowerCase(), value: kpi.value, periodName: periodName(period),
      precedingName: precedingName(period), previous: kpi.previous, lastYear: kpi.samePeriodLastYear, lastYearName: periodName(e.lastYearPeriod),
    })
    : valueSentence(e, period);
  return [sentence, kpi.performance].filter((t) => t).join(' ');
}

/** "82.4% in October–December 2021 against a target of 80.0%; 70.0% in the preceding three months." */
function valueSentence({ kpi, definition }: EvaluatedIndicator, period: Period): string {
  const kind = definition.unit === 'share' ? 'share' : 'value';
  const target = kpi.target === null ? '' : ` against a target of ${formatCell(kpi.target, kind)}`;
  const before = kpi.previous === null ? '' : `; ${formatCell(kpi.previous, kind)} in ${precedingName(period)}`;
  return `${formatCell(kpi.value, kind)} in ${periodName(period)}${target}${before}.`;
}

function scorecardSection(scorecard: EvaluatedIndicator[], period: Period): ReportSection {
  const valueKind = (e: EvaluatedIndicator) => (e.definition.unit === 'share' ? 'share' : e.definition.unit === 'count' ? 'count' : 'value');
  return section('scorecard', 'Performance scorecard', {
    tables: [{
      caption: 'Performance scorecard',
      columns: [
        { header: 'Indicator title', kind: 'text' }, { header: 'RAG', kind: 'text' }, { header: 'Direction of travel', kind: 'text' },
        { header: 'Performance details', kind: 'text' }, { header: 'Current activity', kind: 'text' }, { header: 'Future activity', kind: 'text' },
      ],
      rows: scorecard.map((e) => [
        e.kpi.title, e.kpi.rag, e.kpi.directionOfTravel, performanceDetails(e, period), e.kpi.currentActivity ?? '', e.kpi.futureActivity ?? '',
      ]),
    }],
    charts: scorecard.map((e) => ({
      title: e.kpi.title, kind: 'bar', shares: valueKind(e) === 'share', categories: e.recent.map((r) => periodShortName(r.period)),
      series: [{ name: e.kpi.title, values: e.recent.map((r) => r.value) }],
    })),
  });
}
