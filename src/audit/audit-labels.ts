/**
 * The words of the audit trail as the page's Nhật ký shows it: what kind of
 * record changed, what was done, and the fields of the records that are not
 * tasks (a task's own words are src/tasks/task-fields.ts). Pure: the web app
 * bundles it; an unknown code gets a neutral word, never itself.
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
  reminderMode: 'Cách nhận nhắc việc',
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
  refreshToken: 'Refresh token của Official Account',
  mode: 'Chế độ gửi Zalo',
  templateBefore: 'Mẫu tin nhắc trước hạn',
  templateDue: 'Mẫu tin nhắc đến hạn',
  templateOverdue: 'Mẫu tin nhắc quá hạn',
  templateDigest: 'Mẫu tin tổng hợp',
};

export function auditEntityLabel(entity: string): string {
  return AUDIT_ENTITY_LABELS[entity] ?? 'Bản ghi';
}

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? 'Thay đổi';
}
