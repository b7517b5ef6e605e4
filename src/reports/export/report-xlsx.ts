/**
 * The periodic report's tables as a workbook: "Nhiệm vụ" (every task of the
 * plan by Phụ lục, with its status as of the cut-off) and "Phụ lục 01b" (the
 * statistics annex). Dates are written as dd/mm/yyyy text, as the report prints
 * them: a local date stored as an Excel date would be an instant again.
 */
import ExcelJS from 'exceljs';
import type { ReportData } from '../report-data.js';
import {
  ANNEX_01B_LABEL,
  ANNEX_SOURCE_LABELS,
  annex01bTitle,
  attachedToText,
  cchcText,
  dataWindowText,
  generatedAtText,
  isAnnexGroup,
  leadWithAssignee,
  phuLucGroups,
  phuLucLabel,
  reportListSections,
  planCitation,
  reportSubject,
  statusLabel,
  taskTableTotal,
  unitNames,
  vnDate,
} from './report-text.js';
import { cellText, occurrencesText } from '../report-wording.js';

const FONT = 'Times New Roman';
const SIZE = 12;
const A4 = 9; // ExcelJS.PaperSize.A4, a const enum that isolatedModules cannot read

export const TASK_SHEET = 'Nhiệm vụ';
export const ANNEX_SHEET = 'Phụ lục 01b';

const TASK_COLUMNS: { header: string; width: number }[] = [
  { header: 'TT', width: 5 },
  { header: 'Nhiệm vụ', width: 48 },
  { header: 'Sản phẩm', width: 30 },
  { header: 'Cơ quan chủ trì', width: 24 },
  { header: 'Người chủ trì', width: 20 },
  { header: 'Thời hạn', width: 22 },
  { header: 'Hạn', width: 12 },
  { header: 'Trạng thái', width: 22 },
  { header: 'Ngày hoàn thành', width: 13 },
  { header: 'Minh chứng', width: 36 },
  { header: 'Tệp minh chứng', width: 36 },
];

export const LISTS_SHEET = 'Danh sách trong kỳ';

const LIST_COLUMNS: { header: string; width: number }[] = [
  { header: 'Phụ lục', width: 10 },
  { header: 'TT', width: 5 },
  { header: 'Nhiệm vụ', width: 52 },
  { header: 'Chủ trì', width: 30 },
  { header: 'Hạn', width: 12 },
  { header: 'Kết quả', width: 30 },
  { header: 'Ngày hoàn thành', width: 13 },
];

const ANNEX_COLUMNS: { header: string; width: number }[] = [
  { header: 'STT', width: 8 },
  { header: 'Chỉ tiêu thống kê', width: 58 },
  { header: 'Đơn vị tính', width: 16 },
  { header: 'Số liệu', width: 26 },
  { header: 'Nguồn', width: 12 },
];

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
const HEADER_FILL = fill('FFD9D9D9');
const GROUP_FILL = fill('FFF2F2F2');

function font(extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> {
  return { name: FONT, size: SIZE, ...extra };
}

/** A title line merged across the sheet's width. */
function titleRow(ws: ExcelJS.Worksheet, width: number, text: string, f: Partial<ExcelJS.Font> = {}): ExcelJS.Row {
  const row = ws.addRow([text]);
  ws.mergeCells(row.number, 1, row.number, width);
  const c = row.getCell(1);
  c.font = font(f);
  c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  return row;
}

function headerRow(ws: ExcelJS.Worksheet, headers: string[]): ExcelJS.Row {
  const row = ws.addRow(headers);
  row.eachCell((c) => {
    c.font = font({ bold: true });
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BOX;
    c.fill = HEADER_FILL;
  });
  return row;
}

function boxed(row: ExcelJS.Row, width: number, centred: number[] = [], boldColumns: number[] = []): void {
  for (let i = 1; i <= width; i++) {
    const c = row.getCell(i);
    c.font = font({ bold: boldColumns.includes(i) });
    c.border = BOX;
    c.alignment = { vertical: 'top', wrapText: true, horizontal: centred.includes(i) ? 'center' : 'left' };
  }
}

/** A merged row across the table (group heading, total), boxed on every cell so the merged border prints. */
function spanRow(ws: ExcelJS.Worksheet, width: number, text: string, style: { fill?: ExcelJS.Fill; bold?: boolean }): ExcelJS.Row {
  const row = ws.addRow([text]);
  ws.mergeCells(row.number, 1, row.number, width);
  for (let i = 1; i <= width; i++) row.getCell(i).border = BOX;
  const c = row.getCell(1);
  c.font = font({ bold: style.bold });
  c.alignment = { vertical: 'middle', wrapText: true };
  if (style.fill) c.fill = style.fill;
  return row;
}

function pageSetup(ws: ExcelJS.Worksheet, orientation: 'portrait' | 'landscape', headerRowNumber: number): void {
  ws.pageSetup = {
    paperSize: A4,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.79, right: 0.59, top: 0.79, bottom: 0.79, header: 0.3, footer: 0.3 },
    printTitlesRow: `${headerRowNumber}:${headerRowNumber}`,
  };
}

function taskSheet(wb: ExcelJS.Workbook, data: ReportData): void {
  const ws = wb.addWorksheet(TASK_SHEET);
  const width = TASK_COLUMNS.length;
  ws.columns = TASK_COLUMNS.map((c) => ({ width: c.width }));
  const names = unitNames(data.unit.name);

  titleRow(ws, width, names.shortName, { bold: true });
  titleRow(ws, width, planCitation(data));
  titleRow(ws, width, reportSubject(data.period), { bold: true, size: 14 });
  titleRow(ws, width, `${dataWindowText(data.period)} Ngày chốt số liệu: ${vnDate(data.period.cutoff)}.`, { italic: true });
  titleRow(ws, width, `Số liệu phiên bản ${data.version}, lập lúc ${generatedAtText(data.generatedAt)} bởi ${data.generatedBy}.`, {
    italic: true,
    size: 10,
  });
  const header = headerRow(
    ws,
    TASK_COLUMNS.map((c) => c.header),
  );
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: header.number, topLeftCell: `A${header.number + 1}` }];

  for (const g of phuLucGroups(data)) {
    spanRow(ws, width, g.heading, { fill: GROUP_FILL, bold: true });
    for (const t of g.tasks) {
      const occurrences = occurrencesText(t.occurrences);
      const row = ws.addRow([
        t.ordinal,
        cellText(t.content),
        t.products.map(cellText).filter(Boolean).join('\n'),
        cellText(t.leadText),
        t.assigneeName ?? '',
        cellText(t.deadlineText),
        vnDate(t.dueOn),
        occurrences ? `${statusLabel(t.status)}\n(${occurrences})` : statusLabel(t.status),
        vnDate(t.completedOn),
        cellText(t.evidence),
        (t.files ?? []).map((f) => f.name).join('\n'),
      ]);
      boxed(row, width, [1, 7, 9]);
    }
  }
  spanRow(ws, width, taskTableTotal(data.figures), { bold: true });
  const cchc = cchcText(data);
  if (cchc) spanRow(ws, width, cchc, { bold: true });
  ws.autoFilter = { from: { row: header.number, column: 1 }, to: { row: header.number, column: width } };
  pageSetup(ws, 'landscape', header.number);
}

/** The four lists of the report, each line with the due date that puts the task in the list. */
function listsSheet(wb: ExcelJS.Workbook, data: ReportData): void {
  const ws = wb.addWorksheet(LISTS_SHEET);
  const width = LIST_COLUMNS.length;
  ws.columns = LIST_COLUMNS.map((c) => ({ width: c.width }));
  titleRow(ws, width, reportSubject(data.period), { bold: true, size: 14 });
  titleRow(ws, width, dataWindowText(data.period), { italic: true });
  const header = headerRow(ws, LIST_COLUMNS.map((c) => c.header));
  for (const list of reportListSections(data)) {
    spanRow(ws, width, `${list.title} (${list.lines.length})`, { fill: GROUP_FILL, bold: true });
    for (const t of list.lines) {
      const occurrences = occurrencesText(t.occurrences);
      const row = ws.addRow([
        phuLucLabel(t.phuLuc),
        t.ordinal,
        cellText(t.content),
        leadWithAssignee(t),
        vnDate(t.dueOn),
        occurrences ? `${statusLabel(t.status)}\n(${occurrences})` : statusLabel(t.status),
        vnDate(t.completedOn),
      ]);
      boxed(row, width, [1, 2, 5, 7]);
    }
  }
  pageSetup(ws, 'landscape', header.number);
}

function annexSheet(wb: ExcelJS.Workbook, data: ReportData): void {
  const ws = wb.addWorksheet(ANNEX_SHEET);
  const width = ANNEX_COLUMNS.length;
  ws.columns = ANNEX_COLUMNS.map((c) => ({ width: c.width }));

  titleRow(ws, width, ANNEX_01B_LABEL, { bold: true });
  titleRow(ws, width, annex01bTitle(data), { bold: true });
  titleRow(ws, width, `Số liệu tính đến ngày ${vnDate(data.period.cutoff)}`, { italic: true });
  titleRow(ws, width, attachedToText(data), { italic: true });
  const header = headerRow(
    ws,
    ANNEX_COLUMNS.map((c) => c.header),
  );
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: header.number, topLeftCell: `A${header.number + 1}` }];

  for (const r of data.annex01b) {
    const row = ws.addRow([r.code, r.label, r.unit ?? '', r.value ?? '', ANNEX_SOURCE_LABELS[r.source]]);
    if (typeof r.value === 'number') row.getCell(4).numFmt = Number.isInteger(r.value) ? '#,##0' : '#,##0.##';
    boxed(row, width, [1, 3, 4, 5], isAnnexGroup(r) ? [1, 2] : []);
  }
  pageSetup(ws, 'portrait', header.number);
}

export async function reportXlsx(data: ReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = unitNames(data.unit.name).shortName;
  wb.title = reportSubject(data.period);
  const created = new Date(data.generatedAt);
  if (!Number.isNaN(created.getTime())) wb.created = created;
  taskSheet(wb, data);
  listsSheet(wb, data);
  annexSheet(wb, data);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
