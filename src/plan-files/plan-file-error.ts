/**
 * Why a plan file cannot be read, in Vietnamese for the person who sent it.
 * Parsing throws it; the controller answers it as a 400 and nothing is saved.
 */
export type PlanFileProblem =
  | 'type' | 'corrupt' | 'encrypted' | 'macro' | 'too_large' | 'zip_bomb' | 'xml_entities'
  | 'no_table' | 'doc_unsupported' | 'doc_failed' | 'encoding';

export class PlanFileError extends Error {
  constructor(readonly problem: PlanFileProblem, message: string) {
    super(message);
    this.name = 'PlanFileError';
  }
}

export const FILE_MESSAGES = {
  type: 'Tệp không phải Word (.docx, .doc), Excel (.xlsx) hoặc CSV: hãy tải lên kế hoạch ở một trong các dạng đó.',
  corrupt: 'Tệp bị hỏng hoặc không đúng định dạng, không đọc được: hãy mở tệp bằng Word/Excel, lưu lại rồi tải lên.',
  encrypted: 'Tệp được đặt mật khẩu: hãy gỡ mật khẩu (mở tệp, lưu lại không mật khẩu) rồi tải lên.',
  macro: 'Tệp có chứa macro (.docm, .xlsm): vì an toàn, hãy lưu lại dạng .docx hoặc .xlsx không có macro rồi tải lên.',
  zipBomb: 'Tệp khi giải nén lớn bất thường (có thể là tệp độc hại): không đọc tệp này.',
  xmlEntities: 'Tệp có khai báo DOCTYPE/thực thể XML (có thể là tệp độc hại): không đọc tệp này.',
  noTable: 'Không tìm thấy bảng nhiệm vụ nào có tiêu đề “Phụ lục …” và các cột Nội dung thực hiện, Thời gian hoàn thành trong tệp.',
  docUnsupported: 'Máy chủ chưa cài LibreOffice nên không đọc được tệp Word 97–2003 (.doc): hãy mở tệp bằng Word, chọn Lưu thành (Save As) dạng .docx rồi tải lên.',
  docFailed: 'Không chuyển được tệp .doc sang .docx (tệp hỏng, có mật khẩu hoặc quá lâu): hãy mở tệp bằng Word, lưu lại dạng .docx rồi tải lên.',
  csvEncoding: 'Tệp CSV không ở mã UTF-8: trong Excel hãy chọn Lưu thành “CSV UTF-8 (Comma delimited)” rồi tải lên.',
} as const;

export function tooLarge(limitBytes: number): PlanFileError {
  const mb = (limitBytes / (1024 * 1024)).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  return new PlanFileError('too_large', `Tệp lớn hơn giới hạn ${mb} MB: hãy bỏ bớt hình ảnh hoặc phần không phải kế hoạch rồi tải lên.`);
}
