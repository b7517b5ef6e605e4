import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { UserActor } from '../access/actor.js';
import { Access, CurrentActor, Public } from '../access/access.decorators.js';
import { clearTokenCookies, setTokenCookies } from './cookies.js';
import { ChangePasswordDto, LoginDto } from './dto/sign-in.dto.js';
import { SessionsService, TooManyAttempts } from './sessions.service.js';

@ApiTags('auth')
@Controller('auth')
export class SessionsController {
  constructor(private readonly auth: SessionsService) {}

  /** Returns an access token for "Authorization: Bearer", and sets it in an httpOnly cookie for the web page. */
  @Post('login')
  @Public()
  @HttpCode(200)
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    try {
      const result = await this.auth.login(dto, req.ip ?? 'unknown');
      setTokenCookies(req, res, result);
      return result;
    } catch (e) {
      if (e instanceof TooManyAttempts) res.setHeader('Retry-After', String(e.retryAfterSeconds));
      throw e;
    }
  }

  @Post('logout')
  @Access('self')
  @HttpCode(200)
  async logout(@CurrentActor() actor: UserActor, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    await this.auth.logout(actor);
    clearTokenCookies(req, res);
    return { signedOut: true };
  }

  @Get('me')
  @Access('self')
  me(@CurrentActor() actor: UserActor) {
    return this.auth.me(actor);
  }

  @Post('change-password')
  @Access('self')
  @HttpCode(200)
  async changePassword(@CurrentActor() actor: UserActor, @Body() dto: ChangePasswordDto, @Res({ passthrough: true }) res: Response) {
    try {
      return await this.auth.changePassword(actor, dto);
    } catch (e) {
      if (e instanceof TooManyAttempts) res.setHeader('Retry-After', String(e.retryAfterSeconds));
      throw e;
    }
  }
}
