import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TextField } from '../../common/fields.js';
import { ZaloTemplatesDto } from '../../zalo/dto/zalo-settings.dto.js';

export { ZaloTemplatesDto };

export class ZaloUnitCount {
  @ApiProperty({ description: 'Mã đơn vị' })
  unitId: number;

  @ApiProperty({ description: 'Tên đơn vị' })
  unitName: string;

  @ApiProperty({ description: 'Tin ZNS đã gửi trong tháng' })
  sent: number;

  @ApiProperty({ description: 'Tin không gửi được qua Zalo trong tháng (đã gửi e-mail thay)' })
  fellBack: number;
}

/** The month's messages of the units an account (or every account) served: the units that sent most, with the totals of all. */
export class ZaloUnitListDto {
  @ApiProperty({ type: [ZaloUnitCount], description: 'Số tin trong tháng theo đơn vị, tối đa 100 đơn vị gửi nhiều tin nhất (theo số tin giảm dần). Trong một Official Account: tin tài khoản này đã gửi, kể cả cho đơn vị nay dùng tài khoản khác; ở gốc: cộng mọi tài khoản' })
  units: ZaloUnitCount[];

  @ApiProperty({ description: 'Số đơn vị có tin trong tháng (mọi đơn vị, kể cả ngoài danh sách units)' })
  unitCount: number;

  @ApiProperty({ description: 'Tổng số tin ZNS đã gửi trong tháng của mọi đơn vị' })
  sentTotal: number;

  @ApiProperty({ description: 'Tổng số tin không gửi được qua Zalo trong tháng (đã gửi e-mail thay) của mọi đơn vị' })
  fellBackTotal: number;
}

/** One Official Account: the install's own or a unit's, with its state, today's quota and the month's messages of the units it serves. */
export class ZaloAccountStatusDto extends ZaloUnitListDto {
  @ApiProperty({ description: "Tài khoản: 'install' (chung của hệ thống) hoặc 'unit:<mã đơn vị>'" })
  scope: string;

  @ApiProperty({ type: Number, nullable: true, description: 'Đơn vị sở hữu cấu hình; null: cấu hình chung của hệ thống' })
  unitId: number | null;

  @ApiProperty({ description: 'Tên hiển thị: tên đơn vị, hoặc "Official Account chung của hệ thống"' })
  name: string;

  @ApiProperty({ enum: ['up', 'down'], description: 'up: đang gửi; down: ngừng, nhắc việc gửi qua e-mail' })
  status: 'up' | 'down';

  @ApiProperty({ type: String, nullable: true, description: 'Lý do ngừng hoặc sự cố gần nhất, tiếng Việt' })
  problem: string | null;

  @ApiProperty({ enum: ['production', 'development'], description: 'development: chỉ quản trị viên OA nhận tin (thử nghiệm)' })
  mode: 'production' | 'development';

  @ApiProperty({ description: 'Mã ứng dụng Zalo' })
  appId: string;

  @ApiProperty({ type: ZaloTemplatesDto, description: 'Mã mẫu tin ZNS theo loại nhắc việc' })
  templates: ZaloTemplatesDto;

  @ApiProperty({ type: Number, nullable: true, description: 'Hạn mức tin ZNS trong ngày (theo Zalo)' })
  dailyQuota: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Số tin còn lại trong ngày' })
  remainingQuota: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'Lúc hạn mức được hỏi gần nhất (ISO 8601)' })
  quotaCheckedAt: string | null;

  @ApiProperty({ description: 'Gần hết hạn mức: nhắc việc của mỗi đơn vị gộp thành một tin tổng hợp' })
  nearQuota: boolean;
}

export class ZaloStatusDto extends ZaloUnitListDto {
  @ApiProperty({ description: 'Đã khai báo ứng dụng Zalo (ZALO_APP_ID, ZALO_SECRET_KEY, ZALO_REFRESH_TOKEN)' })
  configured: boolean;

  @ApiProperty({ enum: ['off', 'up', 'down'], description: 'off: chưa cấu hình; up: đang gửi; down: ngừng, nhắc việc gửi qua e-mail' })
  status: 'off' | 'up' | 'down';

  @ApiPropertyOptional({ nullable: true, description: 'Lý do ngừng hoặc sự cố gần nhất' })
  problem: string | null;

  @ApiProperty({ enum: ['production', 'development'], description: 'development: chỉ quản trị viên OA nhận tin (thử nghiệm)' })
  mode: 'production' | 'development';

  @ApiPropertyOptional({ nullable: true, description: 'Mã ứng dụng Zalo' })
  appId: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Khóa bí mật, chỉ hiện 4 ký tự cuối' })
  secretKey: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Refresh token hiện tại, chỉ hiện 4 ký tự cuối' })
  refreshToken: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Hạn của mã truy cập hiện tại' })
  accessExpiresAt: string | null;

  @ApiProperty({ type: ZaloTemplatesDto, description: 'Mã mẫu tin ZNS theo loại nhắc việc' })
  templates: ZaloTemplatesDto;

  @ApiPropertyOptional({ nullable: true, description: 'Hạn mức tin ZNS trong ngày (theo Zalo)' })
  dailyQuota: number | null;

  @ApiPropertyOptional({ nullable: true, description: 'Số tin còn lại trong ngày' })
  remainingQuota: number | null;

  @ApiPropertyOptional({ nullable: true, description: 'Lúc hạn mức được hỏi gần nhất' })
  quotaCheckedAt: string | null;

  @ApiProperty({ description: 'Gần hết hạn mức: nhắc việc của mỗi đơn vị gộp thành một tin tổng hợp' })
  nearQuota: boolean;

  @ApiProperty({ description: 'Tháng tính số tin, dạng mm/yyyy', example: '11/2026' })
  month: string;

  @ApiProperty({ type: [ZaloAccountStatusDto], description: 'Từng Official Account: của hệ thống và của các đơn vị cấp trên có cấu hình riêng' })
  accounts: ZaloAccountStatusDto[];
}

export class ZaloRefreshTokenDto {
  @TextField({ max: 1000, description: 'Refresh token mới của Official Account, lấy từ trang quản lý ứng dụng Zalo' })
  refreshToken: string;
}
