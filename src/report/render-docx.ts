import {
  AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import { CustomerExperienceReport, formattedRows, ReportTable } from './report-model';

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

/**
 * A Word document with the report's headings, text and tables. Charts are not embedded: Word
 * needs a PNG beside an SVG, and rasterising on the server takes native dependencies; every
 * chart's figures are in the table beside it, and the HTML format carries the charts.
 */
export function renderDocx(r: CustomerExperienceReport): Promise<Buffer> {
  const children = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: `${r.title}: ${r.period.name}`, font: FONT })] }),
    new Paragraph({ children: [new TextRun({ text: `${r.period.from} to ${r.period.to}`, font: FONT })] }),
    ...r.sections.flatMap((s) => [
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: s.title, font: FONT })] }),
      ...s.paragraphs.map((p) => new Paragraph({ children: [new TextRun({ text: p, font: FONT })] })),
      ...s.tables.flatMap(docxTable),
    ]),
  ];
  const doc = new Document({
    creator: 'contact-analytics',
    title: `${r.title}: ${r.period.name}`,
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
