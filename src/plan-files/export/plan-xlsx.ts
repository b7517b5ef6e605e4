/**
 * The plan as a workbook: the header lines, then one row per task with the
 * plan's columns (Phụ lục first) and what has happened since: status, the
 * official it is assigned to, due dates, completion dates, evidence. Dates are
 * dd/mm/yyyy text. Importing it gives the same plan back (the extra columns
 * are not plan columns and are left out). Also the empty import template.
 */
import ExcelJS from 'exceljs';
import { formatVnDate } from '../../common/local-date.js';
import { PLAN_COLUMNS, PlanExportData, productsCell, STATUS_TEXT, vnDates } from './plan-export-data.js';

const FONT = { name: 'Times New Roman', size: 12 };
export const PLAN_SHEET = 'Kế hoạch';
const IMPORT_COLUMNS = ['Phụ lục', ...PLAN_COLUMNS];
const FOLLOW_UP = ['Trạng thái', 'Người được giao', 'Các hạn', 'Ngày hoàn thành', 'Minh chứng'];
const WIDTHS = [9, 6, 50, 30, 26, 26, 24, 16, 22, 14, 14, 36];

function sheetOf(workbook: ExcelJS.Workbook, columns: string[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(PLAN_SHEET, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.columns = columns.map((_, i) => ({ width: WIDTHS[i] }));
  return sheet;
}

function headerRow(sheet: ExcelJS.Worksheet, columns: string[]): void {
  const row = sheet.addRow(columns);
  row.font = { ...FONT, bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.eachCell((c) => { c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } }; });
}

export async function renderPlanXlsx(data: PlanExportData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const columns = [...IMPORT_COLUMNS, ...FOLLOW_UP];
  const sheet = sheetOf(workbook, columns);
  for (const line of [data.unitName, `Số: ${data.number}`, data.title, data.decision ?? '']) sheet.addRow([line]).font = { ...FONT, bold: line === data.title };
  sheet.addRow([]);
  headerRow(sheet, columns);
  for (const p of data.phuLucs) {
    for (const t of p.tasks) {
      const done = t.dueDates.filter((d) => d.completedOn);
      const row = sheet.addRow([
        String(p.number).padStart(2, '0'), String(t.ordinal), t.content, productsCell(t.products), t.leadText, t.coordinatorsText, t.deadlineText,
        STATUS_TEXT[t.status], t.assigneeName ?? '',
        vnDates(t.dueDates.map((d) => d.dueOn)),
        done.map((d) => formatVnDate(d.completedOn!)).join('\n'),
        done.map((d) => d.evidence ?? '').filter(Boolean).join('\n'),
      ]);
      row.font = FONT;
      row.alignment = { vertical: 'top', wrapText: true };
    }
  }
  sheet.views = [{ state: 'frozen', ySplit: 6 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** GET /api/plans/import/template.xlsx: the columns an import reads, with a sheet of instructions. */
export async function renderImportTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = sheetOf(workbook, IMPORT_COLUMNS);
  for (const line of ['ỦY BAN NHÂN DÂN XÃ …', 'Số: …/KH-UBND', 'KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM …']) sheet.addRow([line]).font = FONT;
  sheet.addRow([]);
  headerRow(sheet, IMPORT_COLUMNS);
  const help = workbook.addWorksheet('Hướng dẫn');
  help.columns = [{ width: 110 }];
  for (const line of [
    'Mỗi dòng của trang “Kế hoạch” là một nhiệm vụ. Giữ nguyên dòng tiêu đề cột.',
    'Phụ lục: 01 đến 07 (có thể ghi 1, “Phụ lục 02” hoặc PL5). TT: số thứ tự trong Phụ lục.',
    'Sản phẩm/Kết quả: mỗi sản phẩm một dòng, bắt đầu bằng “- ” (Alt+Enter để xuống dòng trong ô).',
    'Thời gian hoàn thành: ghi như trong văn bản (Quý IV/2023, Tháng 01/2023, Trước 15/11/2023, Thường xuyên, Định kỳ hằng quý…).',
    'Sửa số kế hoạch ở dòng “Số: …/KH-UBND” và năm ở tên kế hoạch. Ô gộp áp dụng cho mọi dòng được gộp.',
  ]) help.addRow([line]).font = FONT;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
