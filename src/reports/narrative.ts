/**
 * The narrative sections of a periodic report (those of the seed reports),
 * which people write in the product while the version is a draft. The exports
 * print each in place of its "[Nội dung cần bổ sung…]" placeholder. Pure.
 */
export const NARRATIVE_SECTIONS = [
  { key: 'chiDaoDieuHanh', label: 'Công tác chỉ đạo, điều hành (văn bản đã ban hành trong kỳ)' },
  { key: 'kiemTraTuyenTruyen', label: 'Công tác kiểm tra, tuyên truyền cải cách hành chính' },
  { key: 'ketQua1', label: 'Kết quả: cải cách thể chế' },
  { key: 'ketQua2', label: 'Kết quả: cải cách thủ tục hành chính' },
  { key: 'ketQua3', label: 'Kết quả: cải cách tổ chức bộ máy' },
  { key: 'ketQua4', label: 'Kết quả: cải cách chế độ công vụ' },
  { key: 'ketQua5', label: 'Kết quả: cải cách tài chính công' },
  { key: 'ketQua6', label: 'Kết quả: xây dựng chính quyền điện tử, chính quyền số' },
  { key: 'ketQua7', label: 'Kết quả: các nội dung khác' },
  { key: 'uuDiem', label: 'Đánh giá chung: ưu điểm' },
  { key: 'hanChe', label: 'Đánh giá chung: tồn tại, hạn chế' },
  { key: 'nguyenNhan', label: 'Đánh giá chung: nguyên nhân' },
  { key: 'phuongHuong', label: 'Phương hướng, nhiệm vụ kỳ tới' },
  { key: 'kienNghi', label: 'Kiến nghị, đề xuất' },
] as const;

export type NarrativeKey = (typeof NARRATIVE_SECTIONS)[number]['key'];
export const NARRATIVE_KEYS: readonly NarrativeKey[] = NARRATIVE_SECTIONS.map((s) => s.key);
export type Narrative = Partial<Record<NarrativeKey, string>>;

/** The longest a section may be (characters): several pages of a report. */
export const NARRATIVE_MAX_CHARS = 20000;

/** The area section of a Phụ lục (1–7); areas beyond 7 share "ketQua7". */
export function areaKey(phuLuc: number): NarrativeKey {
  return `ketQua${Math.min(Math.max(Math.trunc(phuLuc), 1), 7)}` as NarrativeKey;
}

/**
 * A section's paragraphs as written: lines trimmed, runs of blank lines
 * dropped; empty when nothing was written (the placeholder then stays).
 */
export function narrativeParagraphs(text: string | null | undefined): string[] {
  return (text ?? '').split(/\r?\n/).map((l) => l.replace(/[ \t]+/g, ' ').trim()).filter((l) => l.length > 0);
}

/**
 * A draft's narrative after an edit: the sections sent replace the stored ones,
 * null or blank clears one, the others stay.
 */
export function mergeNarrative(stored: Narrative | undefined, edit: Partial<Record<NarrativeKey, string | null>>): Narrative {
  const out: Narrative = { ...(stored ?? {}) };
  for (const key of NARRATIVE_KEYS) {
    if (!(key in edit)) continue;
    const v = edit[key];
    if (v === null || v === undefined || narrativeParagraphs(v).length === 0) delete out[key];
    else out[key] = v.replace(/\r\n/g, '\n').trim();
  }
  return out;
}
