import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '../../access/roles.js';
import { VersionedRecordDto } from '../../common/record.dto.js';
import { PageMetaDto } from '../../common/page-query.js';

/** An account, as the API answers it (never its password hash). */
export class UserDto extends VersionedRecordDto {
  @ApiProperty({ example: 5 })
  id: number;

  @ApiProperty({ example: 'tuphap.hoangtien' })
  username: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ description: 'Vai trò bằng lời', example: 'Công chức' })
  roleLabel: string;

  @ApiProperty({ type: Number, nullable: true })
  unitId: number | null;

  @ApiProperty({ type: Number, nullable: true })
  officialId: number | null;

  @ApiProperty({ description: 'false: tài khoản bị khóa' })
  active: boolean;

  @ApiProperty({ description: 'Phải đổi mật khẩu khi đăng nhập lần tới' })
  mustChangePassword: boolean;
}

export class ResetPasswordResultDto {
  @ApiProperty({ type: UserDto })
  user: UserDto;

  @ApiPropertyOptional({ description: 'Mật khẩu do hệ thống tạo, chỉ trả về một lần (khi không gửi password)' })
  password?: string;
}

/** An account in a paged list: with its official's name. */
export class UserRowDto extends UserDto {
  @ApiProperty({ type: String, nullable: true, example: 'Hoàng Văn Pháp', description: 'Họ tên cán bộ dùng tài khoản; null nếu không gắn với cán bộ' })
  officialName: string | null;
}

/** One page of accounts (GET /api/users/page), by unit then in the order they were made. */
export class UserPageDto extends PageMetaDto {
  @ApiProperty({ type: [UserRowDto], description: 'Các tài khoản của trang; rỗng khi offset vượt quá total' })
  items: UserRowDto[];
}
