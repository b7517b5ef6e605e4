/**
 * The words of the audit trail, as the page's Nhật ký and a task's log show
 * it: what kind of record changed, what was done, and the fields of every
 * kind of record. The one place these words are written: the server and the
 * web app (which bundles it) both take them from here; an unknown code gets a
 * neutral word, never itself.
 */
export const AUDIT_ENTITY_LABELS: Readonly<Record<string, string>> = {
  unit: 'Đơn vị',
  official: 'Cán bộ',
  user: 'Tài khoản',
  plan: 'Kế hoạch',
  task: 'Nhiệm vụ',
  report: 'Báo cáo',
  notification: 'Thông báo',
  session: 'Đăng nhập',
  zalo: 'Cấu hình Zalo',
};

export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  created: 'Tạo mới',
  imported: 'Nhập từ tệp',
  updated: 'Sửa',
  assigned: 'Giao việc',
  completed: 'Hoàn thành',
  reopened: 'Mở lại',
  cancelled: 'Hủy',
  note: 'Ghi chú tiến độ',
  reminded: 'Nhắc việc',
  generated: 'Lập báo cáo',
  finalized: 'Chốt báo cáo chính thức',
  deleted: 'Xóa',
  removed: 'Xóa nhiệm vụ',
  evidence_added: 'Thêm tệp minh chứng',
  evidence_removed: 'Xóa tệp minh chứng',
  issued: 'Ban hành',
  closed: 'Kết thúc',
  login: 'Đăng nhập',
  logout: 'Đăng xuất',
  password_changed: 'Đổi mật khẩu',
  password_reset: 'Đặt lại mật khẩu',
  read: 'Đọc thông báo',
};

export const AUDIT_FIELD_LABELS: Readonly<Record<string, string>> = {
  // a task's
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
  // a unit's, an official's, an account's, a plan's, a report's
  name: 'Tên',
  parentId: 'Đơn vị cấp trên',
  reportCutoff: 'Ngày khóa số liệu báo cáo',
  reminderOffsets: 'Nhắc trước hạn (ngày)',
  reminderTime: 'Giờ gửi nhắc việc',
  overdueEveryDays: 'Nhắc quá hạn (mỗi bao nhiêu ngày)',
  fullName: 'Họ và tên',
  position: 'Chức vụ',
  role: 'Vai trò',
  email: 'Thư điện tử',
  active: 'Đang hoạt động',
  reminderMode: 'Cách nhận thư nhắc việc',
  phone: 'Số điện thoại di động',
  notifyEmail: 'Nhận nhắc việc qua thư điện tử',
  notifyZalo: 'Nhận nhắc việc qua Zalo',
  reportDueDay: 'Ngày hạn nộp báo cáo trong tháng',
  cchcThresholds: 'Ngưỡng điểm tiêu chí kế hoạch',
  username: 'Tên đăng nhập',
  officialId: 'Cán bộ',
  unitId: 'Đơn vị',
  mustChangePassword: 'Phải đổi mật khẩu',
  number: 'Số kế hoạch',
  title: 'Tên kế hoạch',
  decision: 'Quyết định ban hành',
  issuedOn: 'Ngày ban hành',
  year: 'Năm',
  report: 'Báo cáo',
  period: 'Kỳ báo cáo',
  version: 'Phiên bản',
  summary: 'Kết quả',
  appId: 'Mã ứng dụng Zalo',
  secretKey: 'Khóa bí mật của ứng dụng Zalo',
  refreshToken: 'Mã làm mới của Zalo OA',
  mode: 'Chế độ gửi Zalo',
  templateBefore: 'Mẫu tin nhắc trước hạn',
  templateDue: 'Mẫu tin nhắc đến hạn',
  templateOverdue: 'Mẫu tin nhắc quá hạn',
  templateDigest: 'Mẫu tin tổng hợp',
};

/**
 * What a task's own log says where the trail's word needs its object ("Tạo
 * mới" → "Tạo nhiệm vụ"): the Nhật ký names the record after the word, the
 * task's log does not.
 */
const TASK_ACTION_WORDING: Readonly<Record<string, string>> = {
  created: 'Tạo nhiệm vụ',
  updated: 'Sửa nhiệm vụ',
  assigned: 'Giao nhiệm vụ',
  cancelled: 'Hủy nhiệm vụ',
};

/** A field's label, or a neutral word: a raw field name never reaches the page. */
export function auditFieldLabel(field: string): string {
  return AUDIT_FIELD_LABELS[field] ?? 'Thông tin khác';
}

/** What was done to a task, as its own log says it. */
export function taskActionLabel(action: string): string {
  return TASK_ACTION_WORDING[action] ?? auditActionLabel(action);
}

export function auditEntityLabel(entity: string): string {
  return AUDIT_ENTITY_LABELS[entity] ?? 'Bản ghi';
}

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? 'Thay đổi';
}
