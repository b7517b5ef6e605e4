import { Matches } from 'class-validator';
import { BoolField, EnumField, IdField, IntField, TextField } from '../../common/fields.js';
import { PASSWORD_MAX } from '../passwords.js';
import { ROLES, type Role } from '../../access/roles.js';

const USERNAME = /^[a-z0-9._-]{3,64}$/i;
const usernameRule = () => Matches(USERNAME, { message: 'username: chỉ gồm chữ không dấu, số và . _ - (3–64 ký tự)' });

export class CreateUserDto {
  @TextField({ max: 64, example: 'tuphap.hoangtien' })
  @usernameRule()
  username: string;

  @TextField({ max: PASSWORD_MAX, description: 'Ít nhất 8 ký tự, không chứa tên đăng nhập' })
  password: string;

  @EnumField(ROLES)
  role: Role;

  @IdField({ optional: true, nullable: true, description: 'Đơn vị; bắt buộc trừ tài khoản quản trị' })
  unitId?: number | null;

  @IdField({ optional: true, nullable: true, description: 'Cán bộ, công chức của đơn vị; bắt buộc với Chủ tịch, Phó Chủ tịch, công chức' })
  officialId?: number | null;

  @BoolField({ optional: true, description: 'Mặc định true: người được cấp tài khoản phải đổi mật khẩu do người khác đặt khi đăng nhập lần đầu' })
  mustChangePassword?: boolean;
}

export class UpdateUserDto {
  @EnumField(ROLES, { optional: true })
  role?: Role;

  @BoolField({ optional: true, description: 'false: khóa tài khoản (mọi phiên đăng nhập kết thúc)' })
  active?: boolean;

  @IdField({ optional: true, nullable: true })
  officialId?: number | null;

  @IntField({ optional: true, min: 1 })
  version?: number;
}

export class ResetPasswordDto {
  @TextField({ max: PASSWORD_MAX, optional: true, description: 'Bỏ trống: hệ thống tạo mật khẩu và trả về một lần' })
  password?: string;
}

export class ListUsersQuery {
  @IdField({ optional: true, fromQuery: true })
  unitId?: number;
}
