import { toCsv } from '../common/csv/csv';
import type { Cell, CustomerExperienceReport, ReportTable } from './report-model';

const raw = (c: Cell) => (typeof c === 'boolean' ? String(c) : c);

/**
 * One table `section,label,value,percent` with raw numbers: a label–volume–percent table gives
 * one line per row; any other gives one line per cell, labelled "row: column".
 */
function csvLines(section: string, t: ReportTable) {
  const [, ...kinds] = t.columns.map((c) => c.kind);
  if (kinds.length === 2 && kinds[0] === 'count' && kinds[1] === 'percent') {
    return t.rows.map(([label, value, percent]) => ({ section, label, value: raw(value), percent: raw(percent) }));
  }
  return t.rows.flatMap(([label, ...cells]) =>
    cells.map((value, i) => ({ section, label: `${String(label)}: ${t.columns[i + 1].header}`, value: raw(value), percent: null })),
  );
}

export function renderCsv(r: CustomerExperienceReport): string {
  const lines = r.sections.flatMap((s) => [
    ...s.paragraphs.map((p) => ({ section: s.id, label: p, value: null, percent: null })),
    ...s.tables.flatMap((t) => csvLines(s.id, t)),
  ]);
  return toCsv(lines, ['section', 'label', 'value', 'percent']);
}
