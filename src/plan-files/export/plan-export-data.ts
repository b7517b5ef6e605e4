import { formatVnDate } from '../../common/local-date.js';

/** What the plan's export files show: the plan as PlanBookService gives it, with names resolved. */
export interface PlanExportData {
  unitName: string;
  number: string;
  title: string;
  year: number;
  issuedOn: string | null;
  decision: string | null;
  phuLucs: {
    number: number;
    title: string;
    heading: string | null;
    tasks: {
      ordinal: number;
      content: string;
      products: string[];
      leadText: string;
      coordinatorsText: string;
      deadlineText: string;
      status: 'open' | 'done' | 'cancelled';
      assigneeName: string | null;
      dueDates: { dueOn: string | null; label: string | null; completedOn: string | null; evidence: string | null }[];
    }[];
  }[];
}

export const PLAN_COLUMNS = ['TT', 'Nội dung thực hiện', 'Sản phẩm/Kết quả', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'] as const;

export const STATUS_TEXT = { open: 'Đang thực hiện', done: 'Đã hoàn thành', cancelled: 'Đã hủy' } as const;

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** "Phụ lục số 01: Các nhiệm vụ …" as the plan heads each table. */
export function annexHeadingText(p: { number: number; title: string; heading: string | null }): string {
  return `Phụ lục số ${String(p.number).padStart(2, '0')}: ${p.heading ?? p.title}`;
}

/** The products cell as plans write it: one "- item" per line. */
export function productsCell(products: string[]): string {
  return products.map((p) => `- ${p}`).join('\n');
}

/** "UBND xã Hoằng Tiến" → ["ỦY BAN NHÂN DÂN", "XÃ HOẰNG TIẾN"]. */
export function unitLines(unitName: string): string[] {
  const rest = unitName.replace(/^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+/iu, '');
  return rest === unitName ? [unitName.toUpperCase()] : ['ỦY BAN NHÂN DÂN', rest.toUpperCase()];
}

export function vnDates(dates: (string | null)[]): string {
  return dates.filter((d): d is string => d !== null).map(formatVnDate).join('\n');
}
