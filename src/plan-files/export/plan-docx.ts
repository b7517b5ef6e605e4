/**
 * The plan as a Word document in the layout of the original: the unit and
 * the national heading side by side, the title, the decision line, then one
 * table per Phụ lục under its heading "Phụ lục số 0N: …", its column titles
 * repeated on every page. Importing this file gives the same plan back.
 */
import {
  AlignmentType, BorderStyle, Document, Packer, PageOrientation, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun,
  VerticalAlign, WidthType, type IBorderOptions,
} from 'docx';
import { annexHeadingText, MOTTO, NATIONAL_TITLE, PLAN_COLUMNS, PlanExportData, productsCell, unitLines } from './plan-export-data.js';

const FONT = 'Times New Roman';
const BODY = 26;
const TABLE = 24;
const MM = 56.6929;
const PAGE = { width: 16838, height: 11906 }; // A4 landscape: six columns of text
const MARGIN = { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(25 * MM), right: Math.round(20 * MM) };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const WIDTHS = [600, 4300, 2600, 2200, 2200, 1800].map((w, _i, all) => Math.floor((w * TEXT_WIDTH) / all.reduce((a, b) => a + b, 0)));

const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function lines(text: string, o: { size?: number; bold?: boolean; italics?: boolean; allCaps?: boolean; align?: 'center' | 'left' } = {}): Paragraph[] {
  return (text === '' ? [''] : text.split('\n')).map((line) => new Paragraph({
    alignment: o.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { before: 0, after: 0 },
    children: [new TextRun({ text: line, font: FONT, size: o.size ?? BODY, bold: o.bold, italics: o.italics, allCaps: o.allCaps })],
  }));
}

function headerTable(data: PlanExportData): Table {
  const half = Math.floor(TEXT_WIDTH / 2);
  const noBorders = { top: NONE, bottom: NONE, left: NONE, right: NONE };
  const cellOf = (children: Paragraph[]) => new TableCell({ width: { size: half, type: WidthType.DXA }, borders: noBorders, children });
  const [first, ...rest] = unitLines(data.unitName);
  return new Table({
    width: { size: half * 2, type: WidthType.DXA },
    columnWidths: [half, half],
    layout: TableLayoutType.FIXED,
    borders: { ...noBorders, insideHorizontal: NONE, insideVertical: NONE },
    rows: [new TableRow({
      children: [
        cellOf([...lines(first, { align: 'center' }), ...rest.flatMap((l) => lines(l, { align: 'center', bold: true })), ...lines(`Số: ${data.number}`, { align: 'center' })]),
        cellOf([...lines(NATIONAL_TITLE, { align: 'center', bold: true }), ...lines(MOTTO, { align: 'center', bold: true })]),
      ],
    })],
  });
}

function cell(text: string, width: number, o: { bold?: boolean; center?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { top: 40, bottom: 40, left: 60, right: 60 },
    verticalAlign: VerticalAlign.CENTER,
    children: lines(text, { size: TABLE, bold: o.bold, align: o.center ? 'center' : 'left' }),
  });
}

function annexTable(p: PlanExportData['phuLucs'][number]): Table {
  const rows = [new TableRow({ tableHeader: true, cantSplit: true, children: PLAN_COLUMNS.map((h, i) => cell(h, WIDTHS[i], { bold: true, center: true })) })];
  for (const t of p.tasks) {
    const values = [String(t.ordinal), t.content, productsCell(t.products), t.leadText, t.coordinatorsText, t.deadlineText];
    rows.push(new TableRow({ children: values.map((v, i) => cell(v, WIDTHS[i], { center: i === 0 })) }));
  }
  return new Table({
    width: { size: WIDTHS.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: WIDTHS,
    layout: TableLayoutType.FIXED,
    borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
    rows,
  });
}

export async function renderPlanDocx(data: PlanExportData): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    headerTable(data),
    ...lines(''),
    ...lines(data.title, { bold: true, allCaps: true, align: 'center', size: 28 }),
    ...(data.decision ? lines(data.decision, { italics: true, align: 'center' }) : []),
    ...lines(''),
  ];
  for (const p of data.phuLucs) {
    children.push(...lines(''), ...lines(annexHeadingText(p), { bold: true, align: 'center' }), annexTable(p));
  }
  const doc = new Document({
    title: data.title,
    creator: data.unitName,
    styles: { default: { document: { run: { font: FONT, size: BODY, language: { value: 'vi-VN' } } } } },
    sections: [{ properties: { page: { size: { ...PAGE, orientation: PageOrientation.LANDSCAPE }, margin: MARGIN } }, children }],
  });
  return Packer.toBuffer(doc);
}
