/**
 * The periodic report as a Word document laid out per Nghị định 30/2020/NĐ-CP:
 * A4 portrait, margins 2 cm top and bottom, 3 cm left, 2 cm right, Times New
 * Roman; header table (tên cơ quan | quốc hiệu, tiêu ngữ), title, sections I–V,
 * Nơi nhận and signature, then the task table and Phụ lục 01b as attachments.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  HighlightColor,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IBorderOptions,
  type IParagraphOptions,
} from 'docx';
import type { ReportData } from '../report-data.js';
import {
  ANNEX_01B_LABEL,
  ANNEX_HEADERS,
  DOCUMENT_KIND,
  MOTTO,
  NATIONAL_TITLE,
  RECIPIENTS_LABEL,
  TASK_TABLE_HEADERS,
  TASK_TABLE_TITLE,
  annex01bTitle,
  annexValueText,
  attachedToText,
  bodyBlocks,
  dataWindowText,
  datelineText,
  documentNumberLine,
  introText,
  isAnnexGroup,
  phuLucGroups,
  planCitation,
  recipients,
  reportSubject,
  signature,
  taskTableCells,
  taskTableTotal,
  unitNames,
  vnDate,
  type Block,
  type Inline,
} from './report-text.js';

const FONT = 'Times New Roman';
/** Half-points: 13 pt body, 14 pt title; tables 12 pt so seven columns fit a portrait page. */
const BODY = 26;
const TITLE = 28;
const TABLE = 24;
/** Nơi nhận: 12 pt bold italic label, 11 pt list (NĐ 30/2020, Phụ lục I). */
const RECIPIENT_LABEL_SIZE = 24;
const RECIPIENT_SIZE = 22;

const MM = 56.6929; // twips per millimetre
const PAGE = { width: 11906, height: 16838 }; // A4 in twips
const MARGIN = { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(20 * MM) };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right; // 9071

const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const NO_CELL_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE };
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const GRID = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

interface RunStyle {
  size?: number;
  bold?: boolean;
  italics?: boolean;
  highlight?: (typeof HighlightColor)[keyof typeof HighlightColor];
}

/** Runs for a text that may hold line breaks; every run names the font so a pasted fragment keeps it. */
function runs(text: string, style: RunStyle = {}): TextRun[] {
  return text.split('\n').map(
    (line, i) =>
      new TextRun({
        text: line,
        break: i > 0 ? 1 : undefined,
        font: FONT,
        size: style.size ?? BODY,
        bold: style.bold,
        italics: style.italics,
        highlight: style.highlight,
      }),
  );
}

function inlineRuns(inlines: Inline[], size = BODY): TextRun[] {
  return inlines.flatMap((r) => runs(r.text, { size, bold: r.bold, italics: r.italic }));
}

type ParagraphOpts = Omit<IParagraphOptions, 'children' | 'text'>;

function centered(text: string, style: RunStyle = {}, opts: ParagraphOpts = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 }, ...opts, children: runs(text, style) });
}

/** A short horizontal rule under a header line, `length` twips long, centred in a cell `cellWidth` wide. */
function rule(length: number, cellWidth: number): Paragraph {
  const side = Math.max(0, Math.round((cellWidth - length) / 2));
  return new Paragraph({
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    indent: { left: side, right: side },
    spacing: { before: 0, after: 0, line: 120, lineRule: 'exact' },
    children: [],
  });
}

function borderless(widths: number[], cells: Paragraph[][]): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    rows: [
      new TableRow({
        children: cells.map(
          (children, i) =>
            new TableCell({ width: { size: widths[i], type: WidthType.DXA }, borders: NO_CELL_BORDERS, children }),
        ),
      }),
    ],
  });
}

function headerTable(data: ReportData): Table {
  const names = unitNames(data.unit.name);
  const widths = [3400, TEXT_WIDTH - 3400];
  return borderless(widths, [
    [
      centered(names.authority, { bold: true }),
      centered(names.unitLine, { bold: true }),
      rule(1100, widths[0]),
      centered(documentNumberLine(), {}, { spacing: { before: 160, after: 0 } }),
    ],
    [
      centered(NATIONAL_TITLE, { bold: true }),
      centered(MOTTO, { bold: true }),
      rule(3300, widths[1]),
      centered(datelineText(data), { italics: true }, { spacing: { before: 160, after: 0 } }),
    ],
  ]);
}

const BODY_SPACING = { before: 0, after: 120, line: 288 } as const;
const FIRST_LINE = 567; // 1 cm

function block(b: Block): Paragraph {
  switch (b.kind) {
    case 'heading':
      return new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: FIRST_LINE },
        spacing: { ...BODY_SPACING, before: b.level === 1 ? 120 : 0 },
        keepNext: true,
        children: runs(b.text, { bold: true }),
      });
    case 'paragraph':
    case 'item':
      return new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: FIRST_LINE },
        spacing: BODY_SPACING,
        children: inlineRuns(b.runs),
      });
    case 'placeholder':
      return new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        // the dotted box is drawn outside the text: indent it so that it stays within the margins
        indent: { firstLine: FIRST_LINE, left: 120, right: 120 },
        spacing: BODY_SPACING,
        border: {
          top: { style: BorderStyle.DOTTED, size: 4, color: '808080', space: 2 },
          bottom: { style: BorderStyle.DOTTED, size: 4, color: '808080', space: 2 },
          left: { style: BorderStyle.DOTTED, size: 4, color: '808080', space: 4 },
          right: { style: BorderStyle.DOTTED, size: 4, color: '808080', space: 4 },
        },
        children: runs(b.text, { italics: true, highlight: HighlightColor.YELLOW }),
      });
  }
}

function signatureTable(data: ReportData): Table {
  const sig = signature(data);
  const widths = [4300, TEXT_WIDTH - 4300];
  const left = [
    new Paragraph({ spacing: { before: 0, after: 0 }, children: runs(RECIPIENTS_LABEL, { size: RECIPIENT_LABEL_SIZE, bold: true, italics: true }) }),
    ...recipients(data).map((r) => new Paragraph({ spacing: { before: 0, after: 0 }, children: runs(r, { size: RECIPIENT_SIZE }) })),
  ];
  const right = [
    centered(sig.onBehalf, { bold: true }),
    ...sig.titleLines.map((l) => centered(l, { bold: true })),
    ...[1, 2, 3, 4].map(() => centered('')),
    centered(sig.name, { bold: true }),
  ];
  return borderless(widths, [left, right]);
}

// ── Tables ──────────────────────────────────────────────────────────────────

const CELL_MARGINS = { top: 40, bottom: 40, left: 45, right: 45 };

function cell(text: string, width: number, opts: { bold?: boolean; align?: 'left' | 'center'; span?: number; shade?: string } = {}): TableCell {
  const alignment = opts.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT;
  const paragraphs = (text === '' ? [''] : text.split('\n')).map(
    (line) => new Paragraph({ alignment, spacing: { before: 0, after: 0 }, children: runs(line, { size: TABLE, bold: opts.bold }) }),
  );
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: opts.span,
    margins: CELL_MARGINS,
    verticalAlign: VerticalAlign.CENTER,
    shading: opts.shade ? { type: ShadingType.CLEAR, color: 'auto', fill: opts.shade } : undefined,
    children: paragraphs,
  });
}

function grid(widths: number[], rows: TableRow[]): Table {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: GRID,
    rows,
  });
}

const HEADER_FILL = 'D9D9D9';
const GROUP_FILL = 'F2F2F2';

// TT · Nhiệm vụ · Chủ trì · Hạn · Kết quả · Ngày hoàn thành · Minh chứng; a date needs 1093 twips at 12 pt
const TASK_WIDTHS = [480, 2370, 1500, 1185, 1150, 1185, 1201];

function taskTable(data: ReportData): Table {
  const span = TASK_WIDTHS.length;
  const total = TASK_WIDTHS.reduce((a, b) => a + b, 0);
  const rows: TableRow[] = [
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: TASK_TABLE_HEADERS.map((h, i) => cell(h, TASK_WIDTHS[i], { bold: true, align: 'center', shade: HEADER_FILL })),
    }),
  ];
  for (const g of phuLucGroups(data)) {
    rows.push(new TableRow({ cantSplit: true, keepNext: true, children: [cell(g.heading, total, { bold: true, span, shade: GROUP_FILL })] }));
    for (const t of g.tasks) {
      const values = taskTableCells(t);
      rows.push(
        new TableRow({
          cantSplit: true,
          children: values.map((v, i) => cell(v, TASK_WIDTHS[i], { align: i === 0 || i === 3 || i === 5 ? 'center' : 'left' })),
        }),
      );
    }
  }
  rows.push(new TableRow({ cantSplit: true, children: [cell(taskTableTotal(data.figures), total, { bold: true, span })] }));
  return grid(TASK_WIDTHS, rows);
}

// STT · Chỉ tiêu thống kê · Đơn vị tính · Số liệu · Ghi chú
const ANNEX_WIDTHS = [850, 4250, 1500, 1600, 871];

function annexTable(data: ReportData): Table {
  const rows: TableRow[] = [
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: ANNEX_HEADERS.map((h, i) => cell(h, ANNEX_WIDTHS[i], { bold: true, align: 'center', shade: HEADER_FILL })),
    }),
  ];
  for (const r of data.annex01b) {
    const bold = isAnnexGroup(r);
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [
          cell(r.code, ANNEX_WIDTHS[0], { bold, align: 'center' }),
          cell(r.label, ANNEX_WIDTHS[1], { bold }),
          cell(r.unit ?? '', ANNEX_WIDTHS[2], { align: 'center' }),
          cell(annexValueText(r), ANNEX_WIDTHS[3], { align: 'center' }),
          cell('', ANNEX_WIDTHS[4]),
        ],
      }),
    );
  }
  return grid(ANNEX_WIDTHS, rows);
}

/** The heading of an attachment: its label, its title, what it is attached to, and on a new page. */
function attachmentHeading(label: string | null, title: string, lines: string[], data: ReportData): Paragraph[] {
  const out: Paragraph[] = [];
  if (label) out.push(centered(label, { bold: true }, { pageBreakBefore: true }));
  out.push(centered(title, { bold: true }, label ? {} : { pageBreakBefore: true }));
  for (const l of lines) out.push(centered(l, { italics: true }));
  out.push(centered(attachedToText(data), { italics: true }, { spacing: { before: 0, after: 200 } }));
  return out;
}

export async function reportDocx(data: ReportData): Promise<Buffer> {
  const names = unitNames(data.unit.name);
  const subject = reportSubject(data.period);

  const children = [
    headerTable(data),
    centered(DOCUMENT_KIND, { bold: true, size: TITLE }, { spacing: { before: 360, after: 0 } }),
    centered(subject, { bold: true, size: TITLE }),
    rule(2000, TEXT_WIDTH),
    new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLine: FIRST_LINE },
      spacing: BODY_SPACING,
      children: runs(introText(data)),
    }),
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLine: FIRST_LINE },
      spacing: BODY_SPACING,
      children: runs(dataWindowText(data.period), { italics: true }),
    }),
    ...bodyBlocks(data).map(block),
    new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
    signatureTable(data),

    ...attachmentHeading(null, TASK_TABLE_TITLE, [`${planCitation(data)}`, dataWindowText(data.period)], data),
    taskTable(data),

    ...attachmentHeading(ANNEX_01B_LABEL, annex01bTitle(data), [`Số liệu tính đến ngày ${vnDate(data.period.cutoff)}`], data),
    annexTable(data),
  ];

  const doc = new Document({
    title: `${DOCUMENT_KIND} ${subject}`,
    subject,
    creator: names.shortName,
    description: `${planCitation(data)}; phiên bản số liệu ${data.version}`,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: BODY, language: { value: 'vi-VN' } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { ...PAGE, orientation: PageOrientation.PORTRAIT },
            margin: { ...MARGIN, header: Math.round(10 * MM), footer: Math.round(10 * MM) },
          },
          // NĐ 30: page numbers centred at the top, from the second page on.
          titlePage: true,
        },
        headers: {
          default: new Header({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: BODY })] })],
          }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
