import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TextField } from '../../common/fields.js';

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

export class ZaloStatusDto {
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

  @ApiProperty({ type: [ZaloUnitCount], description: 'Số tin trong tháng theo đơn vị' })
  units: ZaloUnitCount[];
}

export class ZaloRefreshTokenDto {
  @TextField({ max: 1000, description: 'Refresh token mới của Official Account, lấy từ trang quản lý ứng dụng Zalo' })
  refreshToken: string;
}
