import { stringify } from 'csv-stringify/sync';

/** One header row, one row per item; formula-looking cells are escaped for spreadsheets. */
export function toCsv(rows: Record<string, unknown>[], columns?: string[]): string {
  const cols = columns ?? (rows.length ? Object.keys(rows[0]) : []);
  return stringify(
    rows.map((r) => cols.map((c) => csvCell(r[c]))),
    { header: true, columns: cols, escape_formulas: true, record_delimiter: '\r\n' },
  );
}

function csvCell(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return v;
}
