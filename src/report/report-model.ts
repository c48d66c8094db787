/**
 * The Customer Experience report as one model: sections of text, tables and charts, built once
 * from the figures and rendered by one renderer per format (md, csv, html, docx). Cells hold raw
 * values; each column says how to write them, so every format shows the same figure.
 */
export type CellKind = 'text' | 'count' | 'percent' | 'percent2' | 'share' | 'points' | 'seconds' | 'value';
export type Cell = string | number | boolean | null;

export interface ReportColumn {
  header: string;
  kind: CellKind;
}

export interface ReportTable {
  caption: string;
  columns: ReportColumn[];
  /** The first cell of a row names it. */
  rows: Cell[][];
}

export interface ReportChart {
  title: string;
  kind: 'bar' | 'line';
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  /** Values are shares (fractions), drawn as percent. */
  shares?: boolean;
  /** An interval drawn as a shaded band behind the series (a forecast's 80 % interval). */
  band?: { name: string; low: (number | null)[]; high: (number | null)[] };
}

export interface ReportSection {
  /** Names the section in CSV (`section` column). */
  id: string;
  title: string;
  paragraphs: string[];
  tables: ReportTable[];
  charts: ReportChart[];
}

export interface CustomerExperienceReport {
  title: string;
  /** Canonical period label, its dates and its name as written ("October–December 2021"). */
  period: { label: string; from: string; to: string; name: string };
  /** Every contact of the period; 0 says "No contacts in this period". */
  contacts: number;
  baseline: { name: string; from: string; to: string } | null;
  sections: ReportSection[];
}

export const NO_CONTACTS = 'No contacts in this period.';

const GB = 'en-GB';

/** A cell as a report writes it: 112,374; 18%; 36.58%; 82.4%; +1.2 pp; blank for null. */
export function formatCell(value: Cell, kind: CellKind): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'count':
      return value.toLocaleString(GB);
    case 'percent':
      return `${value}%`;
    case 'percent2':
      return `${value.toFixed(2)}%`;
    case 'share':
      return `${(value * 100).toLocaleString(GB, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
    case 'points': {
      // The sign of what the reader sees: a change that rounds to 0.0 is no change, not "-0.0".
      const shown = Math.round(value * 10) / 10;
      const sign = shown > 0 ? '+' : shown < 0 ? '-' : '';
      return `${sign}${Math.abs(shown).toLocaleString(GB, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} pp`;
    }
    case 'seconds':
      return `${Math.round(value).toLocaleString(GB)} s`;
    default:
      return value.toLocaleString(GB, { maximumFractionDigits: 4 });
  }
}

/** A table's cells written out, header first. */
export function formattedRows(t: ReportTable): string[][] {
  return [t.columns.map((c) => c.header), ...t.rows.map((r) => r.map((cell, i) => formatCell(cell, t.columns[i].kind)))];
}
