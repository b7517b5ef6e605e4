import ExcelJS from 'exceljs';
import { FILE_MESSAGES, PlanFileError } from './plan-file-error.js';

type CellValue = ExcelJS.CellValue;

/** A cell as the person reads it: rich text joined, formulas by their result, dates dd/mm/yyyy. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    const d = value;
    return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return '';
}

/**
 * The grid of the workbook's first sheet that has a value. Merged cells give
 * their value to every cell they cover (ExcelJS reads a covered cell as its
 * master's value), so a lead merged over several rows applies to each.
 * The package has already been checked (size, zip bomb, entities, macros).
 */
export async function readXlsxGrid(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new PlanFileError('corrupt', FILE_MESSAGES.corrupt);
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) throw new PlanFileError('no_table', FILE_MESSAGES.noTable);
  const grid: string[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value).replace(/\r\n?/g, '\n'));
    grid[rowNumber - 1] = cells;
  });
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  return grid;
}
