import { Matches } from 'class-validator';
import { BoolField, EnumField, IdArrayField, IdField, IntField, TextField } from '../../common/fields.js';
import { PASSWORD_MAX } from '../passwords.js';
import { PageQuery } from '../../common/page-query.js';
import { Transform } from 'class-transformer';
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

/** GET /api/users/page: accounts in the account's scope (or of one unit), searched and paged. */
export class UserPageQuery extends PageQuery {
  @IdField({ optional: true, fromQuery: true, description: 'Chỉ tài khoản của đơn vị này' })
  unitId?: number;

  @TextField({ optional: true, allowEmpty: true, max: 200, description: 'Tìm theo tên đăng nhập, họ tên cán bộ, vai trò; mọi từ phải có, không phân biệt dấu và hoa thường' })
  q?: string;

  // "1,2,3" or officialIds=1&officialIds=2: numbers when every part is one, else left for the validator to refuse
  @Transform(({ value }) => {
    const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]));
    return parts.every((x) => typeof x === 'string' && /^\d{1,10}$/.test(x)) ? parts.map(Number) : value;
  })
  @IdArrayField({ optional: true, maxItems: 100, description: 'Chỉ tài khoản của các cán bộ này (mã cán bộ, cách nhau bằng dấu phẩy, tối đa 100)' })
  officialIds?: number[];
}
