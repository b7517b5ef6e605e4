/**
 * Zalo Notification Service error codes (the "error" field of an answer of
 * business.openapi.zalo.me; developers.zalo.me, Zalo Notification Service,
 * "Bảng mã lỗi"), each with what the reminders do about it and a Vietnamese
 * message for the task's reminders and the health report.
 *
 * - token: the access token is refused: refreshed once, the message sent again;
 *   refused again, the channel reports itself down;
 * - recipient: this official cannot get ZNS (number, account, blocked, opted out):
 *   this message goes by e-mail instead;
 * - template: the template or its data is refused: by e-mail instead, and the
 *   health report names the template (the administrator must fix it);
 * - quota: the OA's daily quota (or balance) is spent: by e-mail instead, and
 *   Zalo is not tried again until the next day;
 * - account: the app or the OA may not send ZNS at all: the channel is down;
 * - transient: Zalo's own failure: the job is retried later.
 */
export type ZnsFailureKind = 'token' | 'recipient' | 'template' | 'quota' | 'account' | 'transient';

export interface ZnsErrorInfo {
  kind: ZnsFailureKind;
  message: string;
}

export const ZNS_ERRORS: Readonly<Record<number, ZnsErrorInfo>> = {
  [-100]: { kind: 'transient', message: 'Zalo gặp lỗi hệ thống khi gửi tin' },
  [-101]: { kind: 'account', message: 'Mã ứng dụng Zalo (app id) không hợp lệ' },
  [-102]: { kind: 'account', message: 'Ứng dụng Zalo không tồn tại' },
  [-103]: { kind: 'account', message: 'Ứng dụng Zalo chưa được kích hoạt' },
  [-104]: { kind: 'account', message: 'Khóa bí mật (secret key) của ứng dụng Zalo không hợp lệ' },
  [-105]: { kind: 'account', message: 'Zalo OA liên kết với ứng dụng không tồn tại' },
  [-108]: { kind: 'recipient', message: 'Số điện thoại không hợp lệ' },
  [-109]: { kind: 'template', message: 'Mã mẫu tin ZNS không hợp lệ' },
  [-111]: { kind: 'template', message: 'Mẫu tin ZNS không có dữ liệu' },
  [-112]: { kind: 'template', message: 'Dữ liệu gửi kèm mẫu tin ZNS không hợp lệ' },
  [-114]: { kind: 'recipient', message: 'Người nhận không nhận được tin ZNS (đã chặn, tắt nhận tin hoặc dùng phiên bản Zalo cũ)' },
  [-115]: { kind: 'quota', message: 'Tài khoản ZNS không đủ số dư' },
  [-117]: { kind: 'template', message: 'Zalo OA chưa được cấp quyền dùng mẫu tin ZNS này' },
  [-118]: { kind: 'recipient', message: 'Số điện thoại chưa đăng ký Zalo hoặc tài khoản đã bị vô hiệu hóa' },
  [-119]: { kind: 'recipient', message: 'Tài khoản Zalo của người nhận không thể nhận tin ZNS' },
  [-120]: { kind: 'account', message: 'Zalo OA chưa được cấp quyền gửi tin ZNS' },
  [-124]: { kind: 'token', message: 'Mã truy cập Zalo không hợp lệ hoặc đã hết hạn' },
  [-131]: { kind: 'template', message: 'Mẫu tin ZNS chưa được phê duyệt' },
  [-133]: { kind: 'template', message: 'Mẫu tin ZNS này không được gửi vào ban đêm (22h–6h)' },
  [-139]: { kind: 'recipient', message: 'Người nhận đã từ chối nhận loại tin ZNS này' },
  [-144]: { kind: 'quota', message: 'Zalo OA đã hết hạn mức gửi tin ZNS trong ngày' },
};

/** The behaviour and message of a code; an unknown code is Zalo's failure, retried. */
export function znsError(code: number): ZnsErrorInfo {
  return ZNS_ERRORS[code] ?? { kind: 'transient', message: `Zalo từ chối gửi tin (mã lỗi ${code})` };
}
