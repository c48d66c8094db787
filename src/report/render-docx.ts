import {
  AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import { svgToPng } from './chart-png';
import { chartSvg } from './charts';
import { CustomerExperienceReport, formattedRows, ReportChart, ReportSection, ReportTable } from './report-model';

const FONT = 'Arial';

function cellOf(text: string, header: boolean, right: boolean): TableCell {
  return new TableCell({
    children: [new Paragraph({ alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold: header, font: FONT, size: 18 })] })],
  });
}

function docxTable(t: ReportTable): (Paragraph | Table)[] {
  const [header, ...rows] = formattedRows(t);
  const right = t.columns.map((c) => c.kind !== 'text');
  return [
    new Paragraph({ children: [new TextRun({ text: t.caption, bold: true, font: FONT })], spacing: { before: 120, after: 60 } }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: header.map((h, i) => cellOf(h, true, right[i])) }),
        ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((cell, i) => cellOf(cell, i === 0, right[i])) })),
      ],
    }),
  ];
}

/** Page text width in pixels at 96 dpi: A4 (8.27 in) less Word's default 1-inch margins. */
const TEXT_WIDTH = 600;

/** The same ECharts SVG as the HTML, with the PNG that Word requires beside it for readers without SVG. */
async function chartImage(chart: ReportChart, width: number, height: number): Promise<ImageRun> {
  const svg = chartSvg(chart, width, height);
  return new ImageRun({
    type: 'svg',
    data: Buffer.from(svg),
    fallback: { type: 'png', data: await svgToPng(svg, width) },
    transformation: { width, height },
    altText: { name: chart.title, title: chart.title, description: `${chart.title}; its figures are in the table above.` },
  });
}

/** A section's charts: full width, or two to a line for the scorecard's small ones. */
async function docxCharts(s: ReportSection): Promise<Paragraph[]> {
  const small = s.id === 'scorecard';
  const width = small ? TEXT_WIDTH / 2 - 6 : TEXT_WIDTH;
  const images: ImageRun[] = [];
  for (const c of s.charts) images.push(await chartImage(c, width, small ? 160 : 245));
  const perLine = small ? 2 : 1;
  const lines: Paragraph[] = [];
  for (let i = 0; i < images.length; i += perLine) lines.push(new Paragraph({ children: images.slice(i, i + perLine), spacing: { after: 120 } }));
  return lines;
}

/** A Word document with the report's headings, text, tables and charts (A4). */
export async function renderDocx(r: CustomerExperienceReport): Promise<Buffer> {
  const sections: (Paragraph | Table)[][] = [];
  for (const s of r.sections) {
    sections.push([
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: s.title, font: FONT })] }),
      ...s.paragraphs.map((p) => new Paragraph({ children: [new TextRun({ text: p, font: FONT })] })),
      ...s.tables.flatMap(docxTable),
      ...(await docxCharts(s)),
    ]);
  }
  const children = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: `${r.title}: ${r.period.name}`, font: FONT })] }),
    new Paragraph({ children: [new TextRun({ text: `${r.period.from} to ${r.period.to}`, font: FONT })] }),
    ...sections.flat(),
  ];
  const doc = new Document({
    creator: 'contact-analytics',
    title: `${r.title}: ${r.period.name}`,
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
