import { CustomerExperienceReport, formattedRows, ReportTable } from './report-model';

/** A pipe table cell: pipes escaped, line breaks as spaces, so it pastes as one row. */
const mdCell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function mdTable(t: ReportTable): string {
  const [header, ...rows] = formattedRows(t);
  const align = t.columns.map((c) => (c.kind === 'text' ? '---' : '---:'));
  return [`**${mdCell(t.caption)}**`, '', ...[header, align, ...rows].map((r) => `| ${r.map(mdCell).join(' | ')} |`)].join('\n');
}

/** Markdown that pastes into a council report: headings, paragraphs and pipe tables (charts are in html and docx). */
export function renderMarkdown(r: CustomerExperienceReport): string {
  const parts = [`# ${r.title}: ${r.period.name}`, '', `${r.period.from} to ${r.period.to}.`];
  for (const s of r.sections) {
    parts.push('', `## ${s.title}`);
    for (const p of s.paragraphs) parts.push('', p);
    for (const t of s.tables) parts.push('', mdTable(t));
  }
  return `${parts.join('\n')}\n`;
}
