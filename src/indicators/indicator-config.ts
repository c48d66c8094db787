import type { Polarity } from './indicator-figures';

export type IndicatorUnit = 'share' | 'count' | 'money' | 'days';

/** One scorecard indicator from config/indicators.json, defaults filled in. */
export interface IndicatorDefinition {
  id: string;
  title: string;
  /** derived: a figure of the statistics summary; reported: stored through PUT /v1/indicators/:id/values/:period. */
  source: 'derived' | 'reported';
  /** Derived only: the figure's path in GET /v1/stats/summary, e.g. `chatbot.containment`. */
  figure?: string;
  unit: IndicatorUnit;
  polarity: Polarity;
  target: number | null;
  margin: number;
  band: number;
  /** Opens a count's performance sentence: "84 compliments received in …". */
  noun?: string;
}

export interface ReportLayout {
  title: string;
  /** Row order of contacts by channel, by label (the seed's Appendix 1). */
  appendix1Rows: string[];
  /** Periods in each scorecard chart, the report's own included. */
  recentPeriods: number;
  /** The demand forecast after the period, for one channel (and centre); no forecast section without it. */
  forecast?: { channel: string; centre?: string };
}

const UNITS: readonly IndicatorUnit[] = ['share', 'count', 'money', 'days'];
const POLARITIES: readonly Polarity[] = ['higher', 'lower', 'none'];
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Reads and checks config/indicators.json; a mistake stops start-up with the indicator and field named. */
export function loadIndicators(raw: unknown, file: string): IndicatorDefinition[] {
  const list = (raw as { indicators?: unknown }).indicators;
  if (!Array.isArray(list)) throw new Error(`${file}: 'indicators' must be a list`);
  const seen = new Set<string>();
  return list.map((item: Record<string, unknown>, i) => {
    const fail = (problem: string): never => {
      throw new Error(`${file}: indicators[${i}] ${problem}`);
    };
    const { id, title, source, figure, unit, polarity, target, margin, band, noun } = item;
    if (typeof id !== 'string' || !/^[a-z0-9_]{1,64}$/.test(id)) fail('id must be a slug');
    if (seen.has(id as string)) fail(`id ${String(id)} is listed twice`);
    seen.add(id as string);
    if (typeof title !== 'string' || !title) fail('title is required');
    if (source !== 'derived' && source !== 'reported') fail("source must be 'derived' or 'reported'");
    if (source === 'derived' && (typeof figure !== 'string' || !figure)) fail('is derived, so it needs a figure');
    if (!UNITS.includes(unit as IndicatorUnit)) fail(`unit must be one of ${UNITS.join(', ')}`);
    if (!POLARITIES.includes(polarity as Polarity)) fail(`polarity must be one of ${POLARITIES.join(', ')}`);
    for (const [name, v] of Object.entries({ target, margin, band })) {
      if (v !== undefined && v !== null && !isNumber(v)) fail(`${name} must be a number`);
    }
    return {
      id: id as string,
      title: title as string,
      source: source as IndicatorDefinition['source'],
      ...(source === 'derived' ? { figure: figure as string } : {}),
      unit: unit as IndicatorUnit,
      polarity: polarity as Polarity,
      target: (target as number | undefined) ?? null,
      margin: (margin as number | undefined) ?? 0.05,
      band: (band as number | undefined) ?? 0.01,
      ...(typeof noun === 'string' ? { noun } : {}),
    };
  });
}
