import type { AnnexRow } from './report-data.js';
import { fillBlanks } from './report-wording.js';

/** The rows of the statistics annex (Phụ lục 01b) that a person enters for each report. */
export const ENTERED_ROWS: { code: string; label: string; unit: string | null }[] = [
  { code: '1.1.3', label: 'Số văn bản chỉ đạo CCHC đã ban hành', unit: 'Văn bản' },
  { code: '1.2.1', label: 'Số bộ phận chuyên môn cấp xã đã kiểm tra', unit: 'Bộ phận' },
  { code: '1.2.2', label: 'Số vấn đề phát hiện qua kiểm tra', unit: 'Vấn đề' },
  { code: '1.2.3', label: 'Số vấn đề phát hiện đã xử lý xong', unit: 'Vấn đề' },
  { code: '1.4.1', label: 'Số lượng phiếu khảo sát sự hài lòng', unit: 'Phiếu' },
  { code: '3.1.3', label: 'Tổng số TTHC đang áp dụng', unit: 'Thủ tục' },
  { code: '3.3.1', label: 'Số lượng hồ sơ TTHC đã tiếp nhận', unit: 'Hồ sơ' },
  { code: '3.5', label: 'Số thư/trường hợp đã công khai xin lỗi', unit: 'Trường hợp' },
  { code: '4.1.1', label: 'Tổng số biên chế được giao trong năm', unit: 'Người' },
  { code: '4.1.3', label: 'Số biên chế đã tinh giản trong kỳ báo cáo', unit: 'Người' },
];

export const ENTERED_CODES = ENTERED_ROWS.map((r) => r.code);

export interface AnnexInput {
  decision: string | null;
  planNumber: string;
  planned: number;
  completed: number;
  completedOnTime: number;
  completedLate: number;
  entered: Record<string, string | number | null>;
}

/**
 * Phụ lục 01b: the rows the tasks feed (1.1, 1.1.1, 1.1.2, 1.3.1–1.3.3) computed,
 * the others as entered for this report, in the annex's order.
 */
export function annex01b(a: AnnexInput): AnnexRow[] {
  const computed: AnnexRow[] = [
    { code: '1.1', label: 'Kế hoạch CCHC', value: fillBlanks(a.decision ?? '') || `Kế hoạch số ${fillBlanks(a.planNumber)}`, unit: null, source: 'computed' },
    { code: '1.1.1', label: 'Số nhiệm vụ đề ra trong kế hoạch', value: a.planned, unit: 'Nhiệm vụ', source: 'computed' },
    { code: '1.1.2', label: 'Số nhiệm vụ đã hoàn thành', value: a.completed, unit: 'Nhiệm vụ', source: 'computed' },
    { code: '1.3.1', label: 'Tổng số nhiệm vụ được giao', value: a.planned, unit: 'Nhiệm vụ', source: 'computed' },
    { code: '1.3.2', label: 'Số nhiệm vụ đã hoàn thành đúng hạn', value: a.completedOnTime, unit: 'Nhiệm vụ', source: 'computed' },
    { code: '1.3.3', label: 'Số nhiệm vụ đã hoàn thành nhưng quá hạn', value: a.completedLate, unit: 'Nhiệm vụ', source: 'computed' },
  ];
  const entered: AnnexRow[] = ENTERED_ROWS.map((r) => ({ ...r, value: a.entered[r.code] ?? null, source: 'entered' }));
  return [...computed, ...entered].sort((x, y) => compareCodes(x.code, y.code));
}

function compareCodes(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d) return d;
  }
  return 0;
}
