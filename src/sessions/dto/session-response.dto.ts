import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../../access/roles.js';

/** A role the signed-in person may give to accounts. */
export class RoleGrantDto {
  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ example: 'Công chức' })
  label: string;

  @ApiProperty({ description: 'Tài khoản vai trò này phải gắn với một cán bộ, công chức' })
  needsOfficial: boolean;
}

/** Who is signed in. */
export class MeDto {
  @ApiProperty({ example: 2 })
  id: number;

  @ApiProperty({ example: 'chutich' })
  username: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ example: 'Chủ tịch UBND' })
  roleLabel: string;

  @ApiProperty({ description: 'Họ tên của cán bộ gắn với tài khoản, hoặc tên đăng nhập', example: 'Lê Văn Chủ' })
  name: string;

  @ApiProperty({ type: Number, nullable: true })
  unitId: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'UBND xã Hoằng Tiến' })
  unitName: string | null;

  @ApiProperty({ type: Number, nullable: true })
  officialId: number | null;

  @ApiProperty({ description: 'Phải đổi mật khẩu trước khi làm việc khác' })
  mustChangePassword: boolean;

  @ApiProperty({ type: [RoleGrantDto], description: 'Các vai trò người này được cấp cho tài khoản khác' })
  grants: RoleGrantDto[];
}

export class LoginResultDto {
  @ApiProperty({ description: 'Mã truy cập, gửi trong "Authorization: Bearer"; cũng được đặt vào cookie httpOnly cho trang web' })
  accessToken: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType: 'Bearer';

  @ApiProperty({ format: 'date-time', description: 'Hết hạn lúc (ISO 8601, UTC)' })
  expiresAt: string;

  @ApiProperty({ description: 'Mã chống giả mạo: trang web gửi lại trong header X-CSRF-Token khi dùng cookie' })
  csrfToken: string;

  @ApiProperty({ type: MeDto })
  user: MeDto;
}

export class SignedOutDto {
  @ApiProperty({ enum: [true] })
  signedOut: true;
}

export class PasswordChangedDto {
  @ApiProperty({ enum: [true] })
  changed: true;
}
