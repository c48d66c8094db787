import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileOpeningHours, type OpeningHours } from '../centres/opening-hours';
import { IndicatorDefinition, loadIndicators, ReportLayout } from '../indicators/indicator-config';
import { loadTierRules, TierRules } from '../tiers/tier-rules';

export type Handling = 'self_service' | 'assisted';
export const HANDLINGS: readonly Handling[] = ['self_service', 'assisted'];

export interface ChannelLabel { handling: Handling; source?: string; label: string }
export interface ChannelDefinition { channel: string; handlings: Handling[]; description: string; labels: ChannelLabel[] }
export interface CentreDefinition { centre: string; label: string; hours?: OpeningHours }
export interface CostConfig {
  currency: string;
  rates: Record<string, number>;
  selfService: string;
  assisted: Record<string, string>;
}
export interface MetricConfig { serviceLevelSeconds: number; repeatContactWindowDays: number }

/** The council's reference data from config/: code reads these, it does not hard-code them. */
export class ReferenceConfig {
  readonly channelByName: ReadonlyMap<string, ChannelDefinition>;
  readonly centreNames: readonly string[];
  readonly bankHolidays: ReadonlySet<string>;

  constructor(
    readonly channels: readonly ChannelDefinition[],
    readonly centres: readonly CentreDefinition[],
    readonly defaultHours: OpeningHours,
    bankHolidays: readonly string[],
    readonly costs: CostConfig,
    readonly metrics: MetricConfig,
    /** 3 Conversations tier rules (config/tiers.json), validated. */
    readonly tiers: TierRules,
    /** The performance scorecard (config/indicators.json), validated. */
    readonly indicators: readonly IndicatorDefinition[] = [],
    /** The Customer Experience report's layout (config/report.json). */
    readonly report: ReportLayout = { title: 'Customer Experience', appendix1Rows: [], recentPeriods: 5 },
  ) {
    this.channelByName = new Map(channels.map((c) => [c.channel, c]));
    this.centreNames = centres.map((c) => c.centre);
    this.bankHolidays = new Set(bankHolidays);
  }

  defaultHandling(channel: string): Handling | undefined {
    return this.channelByName.get(channel)?.handlings[0];
  }

  allowsHandling(channel: string, handling: Handling): boolean {
    return this.channelByName.get(channel)?.handlings.includes(handling) ?? false;
  }

  hoursOf(centre: string | null | undefined): OpeningHours {
    return this.centres.find((c) => c.centre === centre)?.hours ?? this.defaultHours;
  }

  /** Report label: the most specific configured label (source-specific first), else the channel name. */
  labelOf(channel: string, handling: Handling, source?: string | null): string {
    const labels = this.channelByName.get(channel)?.labels ?? [];
    const hit =
      labels.find((l) => l.handling === handling && l.source !== undefined && l.source === source) ??
      labels.find((l) => l.handling === handling && l.source === undefined);
    return hit?.label ?? `${channel} (${handling.replace('_', ' ')})`;
  }

  unitCost(channel: string, handling: Handling): number {
    const rateName = handling === 'self_service' ? this.costs.selfService : this.costs.assisted[channel];
    const rate = rateName === undefined ? undefined : this.costs.rates[rateName];
    if (rate === undefined) throw new Error(`config/costs.json has no unit cost for ${channel} ${handling}`);
    return rate;
  }
}

/** Refuses hours the out-of-hours rule would misread, at start rather than at the first contact. */
function checkOpeningHours(hours: OpeningHours, where: string): void {
  try {
    compileOpeningHours(hours);
  } catch (e) {
    throw new Error(`config/centres.json: ${where}: ${(e as Error).message}`);
  }
}

function readJson<T>(dir: string, file: string): T {
  const path = join(dir, file);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as Error).message}`);
  }
}

export function loadReferenceConfig(configDir = 'config'): ReferenceConfig {
  const dir = resolve(configDir);
  const { channels } = readJson<{ channels: ChannelDefinition[] }>(dir, 'channels.json');
  const centres = readJson<{ centres: CentreDefinition[]; defaultHours: OpeningHours; bankHolidayRegion: string }>(
    dir,
    'centres.json',
  );
  const holidays = readJson<Record<string, string[]>>(dir, 'bank-holidays.json');
  const region = holidays[centres.bankHolidayRegion];
  if (!region) throw new Error(`config/bank-holidays.json has no region ${centres.bankHolidayRegion}`);
  const config = new ReferenceConfig(
    channels,
    centres.centres,
    centres.defaultHours,
    region,
    readJson<CostConfig>(dir, 'costs.json'),
    readJson<MetricConfig>(dir, 'metrics.json'),
    loadTierRules(readJson<unknown>(dir, 'tiers.json'), join(configDir, 'tiers.json')),
    loadIndicators(readJson<unknown>(dir, 'indicators.json'), join(configDir, 'indicators.json')),
    readJson<ReportLayout>(dir, 'report.json'),
  );
  checkOpeningHours(centres.defaultHours, 'defaultHours');
  for (const c of centres.centres) if (c.hours) checkOpeningHours(c.hours, `centre ${c.centre}`);
  for (const c of channels) {
    if (!c.handlings.length || c.handlings.some((h) => !HANDLINGS.includes(h))) {
      throw new Error(`config/channels.json: channel ${c.channel} has invalid handlings`);
    }
    for (const h of c.handlings) config.unitCost(c.channel, h);
  }
  const forecast = config.report.forecast;
  if (forecast && (!config.channelByName.has(forecast.channel) || (forecast.centre !== undefined && !config.centreNames.includes(forecast.centre)))) {
    throw new Error('config/report.json: forecast names an unknown channel or centre');
  }
  return config;
}
