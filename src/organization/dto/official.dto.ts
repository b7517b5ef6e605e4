import { BoolField, EmailField, EnumField, IdField, IntField, PhoneField, TextField } from '../../common/fields.js';
import { PageQuery, queryBool } from '../../common/page-query.js';
import { OFFICIAL_ROLES, REMINDER_MODES, type OfficialRole, type ReminderMode } from '../entities/official.entity.js';

export class CreateOfficialDto {
  @IdField()
  unitId: number;

  @TextField({ max: 255, example: 'Nguyễn Văn An' })
  fullName: string;

  @TextField({ max: 255, example: 'Công chức Tư pháp – Hộ tịch' })
  position: string;

  @EnumField(OFFICIAL_ROLES, { optional: true })
  role?: OfficialRole;

  @EmailField({ optional: true, nullable: true })
  email?: string | null;

  @BoolField({ optional: true })
  active?: boolean;

  @EnumField(REMINDER_MODES, { optional: true, description: 'each: mỗi lần nhắc một thư; digest: một thư tổng hợp lúc 07:30' })
  reminderMode?: ReminderMode;

  @PhoneField({ optional: true, nullable: true, description: 'Số điện thoại di động nhận nhắc việc qua Zalo; lưu dạng 84…' })
  phone?: string | null;

  @BoolField({ optional: true, description: 'Nhận nhắc việc qua e-mail (mặc định có); thông báo trong ứng dụng luôn có' })
  notifyEmail?: boolean;

  @BoolField({ optional: true, description: 'Nhận nhắc việc qua Zalo (cần số điện thoại); không gửi được thì gửi e-mail thay' })
  notifyZalo?: boolean;
}

export class UpdateOfficialDto {
  @TextField({ max: 255, optional: true })
  fullName?: string;

  @TextField({ max: 255, optional: true })
  position?: string;

  @EnumField(OFFICIAL_ROLES, { optional: true })
  role?: OfficialRole;

  @EmailField({ optional: true, nullable: true })
  email?: string | null;

  @BoolField({ optional: true })
  active?: boolean;

  @EnumField(REMINDER_MODES, { optional: true, description: 'each: mỗi lần nhắc một thư; digest: một thư tổng hợp lúc 07:30' })
  reminderMode?: ReminderMode;

  @PhoneField({ optional: true, nullable: true, description: 'Số điện thoại di động nhận nhắc việc qua Zalo; lưu dạng 84…' })
  phone?: string | null;

  @BoolField({ optional: true, description: 'Nhận nhắc việc qua e-mail (mặc định có); thông báo trong ứng dụng luôn có' })
  notifyEmail?: boolean;

  @BoolField({ optional: true, description: 'Nhận nhắc việc qua Zalo (cần số điện thoại); không gửi được thì gửi e-mail thay' })
  notifyZalo?: boolean;

  @IntField({ optional: true, min: 1 })
  version?: number;
}

export class ListOfficialsQuery {
  @IdField({ optional: true, fromQuery: true })
  unitId?: number;
}

/** GET /api/officials/page: officials in the account's scope (or of one unit), searched and paged, as they were added. */
export class OfficialPageQuery extends PageQuery {
  @IdField({ optional: true, fromQuery: true, description: 'Chỉ cán bộ của đơn vị này' })
  unitId?: number;

  @TextField({ optional: true, allowEmpty: true, max: 200, description: 'Tìm theo họ tên, chức vụ, thư điện tử, số điện thoại; mọi từ phải có, không phân biệt dấu và hoa thường' })
  q?: string;

  @queryBool()
  @BoolField({ optional: true, description: 'true: chỉ cán bộ còn công tác; false: chỉ cán bộ đã nghỉ' })
  active?: boolean;
}
