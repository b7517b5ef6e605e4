/**
 * The words for a task's fields and for what was done to it, as a task's log
 * shows them. Pure: the web app bundles it.
 */
export const TASK_FIELD_LABELS: Readonly<Record<string, string>> = {
  phuLuc: 'Phụ lục',
  ordinal: 'TT',
  content: 'Nội dung',
  products: 'Sản phẩm',
  leadText: 'Cơ quan chủ trì',
  coordinatorsText: 'Cơ quan phối hợp',
  deadlineText: 'Thời gian hoàn thành',
  assigneeId: 'Người chủ trì',
  coordinatorIds: 'Cán bộ phối hợp',
  status: 'Trạng thái',
  dueDates: 'Các hạn',
  dueOn: 'Hạn',
  completedOn: 'Ngày hoàn thành',
  evidence: 'Minh chứng',
  reason: 'Lý do',
  text: 'Nội dung ghi chú',
  note: 'Ghi chú',
};

export const TASK_ACTION_LABELS: Readonly<Record<string, string>> = {
  created: 'Tạo nhiệm vụ',
  updated: 'Sửa nhiệm vụ',
  assigned: 'Giao nhiệm vụ',
  completed: 'Hoàn thành',
  reopened: 'Mở lại',
  cancelled: 'Hủy nhiệm vụ',
  removed: 'Xóa nhiệm vụ',
  evidence_added: 'Thêm tệp minh chứng',
  evidence_removed: 'Xóa tệp minh chứng',
  note: 'Ghi chú tiến độ',
  reminded: 'Nhắc việc',
};

/** A field's label, or a neutral word: a raw field name never reaches the page. */
export function taskFieldLabel(field: string): string {
  return TASK_FIELD_LABELS[field] ?? 'Thông tin khác';
}

export function taskActionLabel(action: string): string {
  return TASK_ACTION_LABELS[action] ?? 'Thay đổi';
}
