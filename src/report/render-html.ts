import { chartSvg } from './charts';
import { CustomerExperienceReport, formattedRows, ReportChart, ReportTable } from './report-model';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `
@page { size: A4; margin: 18mm 15mm; }
body { font-family: Arial, Helvetica, sans-serif; font-size: 10.5pt; color: #0b0c0c; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 18pt; margin: 0 0 4pt; } h2 { font-size: 13pt; margin: 16pt 0 6pt; border-bottom: 2px solid #1d70b8; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 10pt; page-break-inside: auto; }
tr { page-break-inside: avoid; }
caption { text-align: left; font-weight: bold; padding: 4pt 0; }
th, td { border: 1px solid #b1b4b6; padding: 3pt 5pt; vertical-align: top; text-align: left; }
thead th { background: #f3f2f1; }
th.num, td.num { text-align: right; } td.num { white-space: nowrap; }
figure { margin: 6pt 0 12pt; page-break-inside: avoid; } figure svg { width: 100%; height: auto; }
figure.small { display: inline-block; width: 49%; margin: 4pt 0; vertical-align: top; }
.scorecard td { font-size: 9pt; }
`;

function htmlTable(t: ReportTable, className = ''): string {
  const [header, ...rows] = formattedRows(t);
  const head = header.map((h, i) => `<th scope="col"${t.columns[i].kind === 'text' ? '' : ' class="num"'}>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((cell, i) => (i === 0
      ? `<th scope="row">${escapeHtml(cell)}</th>`
      : `<td${t.columns[i].kind === 'text' ? '' : ' class="num"'}>${escapeHtml(cell)}</td>`)).join('')}</tr>`)
    .join('\n');
  return `<table${className ? ` class="${className}"` : ''}><caption>${escapeHtml(t.caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

/** An inline SVG chart, named for screen readers; its figures are in the table beside it. */
function htmlChart(c: ReportChart, small: boolean): string {
  const svg = chartSvg(c, small ? 320 : 640, small ? 170 : 260).replace('<svg ', `<svg role="img" aria-label="${escapeHtml(c.title)}" `);
  return `<figure${small ? ' class="small"' : ''}>${svg}</figure>`;
}

/** Printable A4 HTML: inline styles and SVG charts, no script, nothing from other hosts, tables with captions and header scopes. */
export function renderHtml(r: CustomerExperienceReport): string {
  const body = r.sections.map((s) => {
    const scorecard = s.id === 'scorecard';
    return [
      `<section aria-labelledby="${s.id}"><h2 id="${s.id}">${escapeHtml(s.title)}</h2>`,
      ...s.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
      ...s.tables.map((t) => htmlTable(t, scorecard ? 'scorecard' : '')),
      ...s.charts.map((c) => htmlChart(c, scorecard)),
      '</section>',
    ].join('\n');
  });
  const title = `${r.title}: ${r.period.name}`;
  return `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(`${r.period.from} to ${r.period.to}`)}</p>
${body.join('\n')}
</body>
</html>
`;
}
