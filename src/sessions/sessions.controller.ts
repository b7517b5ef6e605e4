import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { UserActor } from '../access/actor.js';
import { Access, CurrentActor, Public } from '../access/access.decorators.js';
import { clearTokenCookies, setTokenCookies } from './cookies.js';
import { ChangePasswordDto, LoginDto } from './dto/sign-in.dto.js';
import { SessionsService } from './sessions.service.js';
import { ApiErrors } from '../common/api-errors.js';
import { LoginResultDto, MeDto, PasswordChangedDto, SignedOutDto } from './dto/session-response.dto.js';

@ApiTags('auth')
@Controller('auth')
export class SessionsController {
  constructor(private readonly auth: SessionsService) {}

  /** Returns an access token for "Authorization: Bearer", and sets it in an httpOnly cookie for the web page. */
  @Post('login')
  @ApiOperation({ summary: 'Đăng nhập: trả mã truy cập và đặt cookie cho trang web' })
  @ApiOkResponse({ type: LoginResultDto })
  @ApiSecurity({})
  @ApiErrors(400, [401, 'Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản bị khóa'], 413, [429, 'Đăng nhập sai quá nhiều lần; header `Retry-After` cho biết số giây phải chờ'])
  @Public()
  @HttpCode(200)
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const result = await this.auth.login(dto, req.ip ?? 'unknown');
    setTokenCookies(req, res, result);
    return result;
  }

  @Post('logout')
  @ApiOperation({ summary: 'Đăng xuất: kết thúc phiên này' })
  @ApiOkResponse({ type: SignedOutDto })
  @ApiErrors([403, 'Đăng nhập bằng cookie mà thiếu mã chống giả mạo X-CSRF-Token'])
  @Access('self')
  @HttpCode(200)
  async logout(@CurrentActor() actor: UserActor, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    await this.auth.logout(actor);
    clearTokenCookies(req, res);
    return { signedOut: true };
  }

  @Get('me')
  @ApiOperation({ summary: 'Người đang đăng nhập: vai trò, đơn vị, các vai trò được cấp cho người khác' })
  @ApiOkResponse({ type: MeDto })
  @Access('self')
  me(@CurrentActor() actor: UserActor) {
    return this.auth.me(actor);
  }

  @Post('change-password')
  @ApiOperation({ summary: 'Đổi mật khẩu của chính mình (các phiên khác kết thúc)' })
  @ApiOkResponse({ type: PasswordChangedDto })
  @ApiErrors(400, [403, 'Đăng nhập bằng cookie mà thiếu mã chống giả mạo X-CSRF-Token'], 413, [429, 'Nhập sai mật khẩu hiện tại quá nhiều lần; header `Retry-After` cho biết số giây phải chờ'])
  @Access('self')
  @HttpCode(200)
  changePassword(@CurrentActor() actor: UserActor, @Body() dto: ChangePasswordDto) {
    return this.auth.changePassword(actor, dto);
  }
}
