import { TextField } from '../../common/fields.js';
import { PASSWORD_MAX } from '../../accounts/passwords.js';

export class LoginDto {
  @TextField({ max: 64, example: 'chutich' })
  username: string;

  @TextField({ max: PASSWORD_MAX })
  password: string;
}

export class ChangePasswordDto {
  @TextField({ max: PASSWORD_MAX })
  currentPassword: string;

  @TextField({ max: PASSWORD_MAX, description: 'Ít nhất 8 ký tự, không chứa tên đăng nhập' })
  newPassword: string;
}
