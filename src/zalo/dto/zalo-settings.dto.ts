import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches, ValidateIf } from 'class-validator';
import { EnumField, TextField } from '../../common/fields.js';

export class ZaloTemplatesDto {
  @ApiProperty({ type: String, nullable: true, description: 'Mẫu tin nhắc trước hạn' })
  before: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Mẫu tin nhắc đúng ngày đến hạn' })
  due: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Mẫu tin nhắc quá hạn' })
  overdue: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Mẫu tin tổng hợp của đơn vị khi gần hết hạn mức' })
  digest: string | null;
}

/** A unit's Zalo settings as they are answered: the secret key and the refresh token never, only whether they are set. */
export class ZaloUnitSettingsDto {
  @ApiProperty({ description: 'Mã đơn vị' })
  unitId: number;

  @ApiProperty({ description: 'Tên đơn vị' })
  unitName: string;

  @ApiProperty({ description: 'Đơn vị đã có cấu hình Zalo riêng; false: các xã trực thuộc dùng cấu hình của cấp trên hoặc của hệ thống' })
  configured: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'Mã ứng dụng Zalo (app id)' })
  appId: string | null;

  @ApiProperty({ description: 'Đã khai báo khóa bí mật (secret key); khóa không bao giờ được trả về' })
  secretKeySet: boolean;

  @ApiProperty({ description: 'Official Account đã có refresh token; token không bao giờ được trả về' })
  refreshTokenSet: boolean;

  @ApiProperty({ type: ZaloTemplatesDto, description: 'Mã mẫu tin ZNS theo loại nhắc việc' })
  templates: ZaloTemplatesDto;

  @ApiProperty({ enum: ['production', 'development'], description: 'development: chỉ quản trị viên của Official Account nhận tin (thử nghiệm)' })
  mode: 'production' | 'development';

  @ApiProperty({ enum: ['off', 'up', 'down'], description: 'off: chưa cấu hình; up: đang gửi; down: ngừng, nhắc việc gửi qua e-mail' })
  status: 'off' | 'up' | 'down';

  @ApiProperty({ type: String, nullable: true, description: 'Lý do ngừng hoặc sự cố gần nhất, tiếng Việt' })
  problem: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Lần sửa gần nhất (ISO 8601)' })
  updatedAt: string | null;
}

const TEMPLATE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const templateMessage = (field: string) => `${field}: mã mẫu tin ZNS gồm chữ, số, "-" hoặc "_" (tối đa 64 ký tự)`;

/**
 * A unit's Zalo settings, set whole: the app id, template ids and mode as
 * given (a template left out or null: none for that kind); the secret key and
 * the refresh token kept when left out, and required the first time (and the
 * refresh token when the app id changes).
 */
export class ZaloUnitSettingsInput {
  @TextField({ max: 30, description: 'Mã ứng dụng Zalo (app id), dãy số', example: '1234567890123456789' })
  @Matches(/^\d{5,30}$/, { message: 'appId: mã ứng dụng Zalo là dãy số (5–30 chữ số)' })
  appId: string;

  @TextField({ optional: true, max: 200, description: 'Khóa bí mật của ứng dụng; bỏ trống để giữ khóa đã khai báo' })
  secretKey?: string;

  @TextField({ optional: true, max: 1000, description: 'Refresh token của Official Account (lấy từ trang quản lý ứng dụng Zalo); bỏ trống để giữ token hiện tại' })
  refreshToken?: string;

  @TextField({ optional: true, nullable: true, max: 64, description: 'Mã mẫu tin nhắc trước hạn' })
  @ValidateIf((_, v) => v !== undefined && v !== null) @Matches(TEMPLATE_ID, { message: templateMessage('templateBefore') })
  templateBefore?: string | null;

  @TextField({ optional: true, nullable: true, max: 64, description: 'Mã mẫu tin nhắc đúng ngày đến hạn' })
  @ValidateIf((_, v) => v !== undefined && v !== null) @Matches(TEMPLATE_ID, { message: templateMessage('templateDue') })
  templateDue?: string | null;

  @TextField({ optional: true, nullable: true, max: 64, description: 'Mã mẫu tin nhắc quá hạn' })
  @ValidateIf((_, v) => v !== undefined && v !== null) @Matches(TEMPLATE_ID, { message: templateMessage('templateOverdue') })
  templateOverdue?: string | null;

  @TextField({ optional: true, nullable: true, max: 64, description: 'Mã mẫu tin tổng hợp khi gần hết hạn mức' })
  @ValidateIf((_, v) => v !== undefined && v !== null) @Matches(TEMPLATE_ID, { message: templateMessage('templateDigest') })
  templateDigest?: string | null;

  @EnumField(['production', 'development'], { optional: true, description: 'development: chỉ quản trị viên của Official Account nhận tin (thử nghiệm); mặc định production' })
  mode?: 'production' | 'development';
}

export class ZaloUnitSettingsClearedDto {
  @ApiProperty({ description: 'Mã đơn vị' })
  unitId: number;

  @ApiProperty({ description: 'Đã xóa cấu hình Zalo của đơn vị (false: đơn vị vốn không có cấu hình riêng)' })
  cleared: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Official Account mà các xã trực thuộc dùng từ nay: của cấp trên gần nhất có cấu hình, của hệ thống, hoặc null nếu không còn' })
  nowUsing: string | null;
}
