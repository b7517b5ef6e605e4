import { Body, Controller, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import type { UserActor } from '../access/actor.js';
import { Access, CurrentActor } from '../access/access.decorators.js';
import { AccountsService, TooManyRefusedNames } from './accounts.service.js';
import { CreateUserDto, ListUsersQuery, ResetPasswordDto, UpdateUserDto } from './dto/account.dto.js';

@ApiTags('users')
@Controller('users')
export class AccountsController {
  constructor(private readonly users: AccountsService) {}

  @Get()
  @Access('users.read')
  list(@CurrentActor() actor: UserActor, @Query() q: ListUsersQuery) {
    return this.users.list(actor, q);
  }

  @Get(':id')
  @Access('users.read', 'user')
  get(@IdParam() id: number) {
    return this.users.get(id);
  }

  @Post()
  @Access('users.write')
  async create(@CurrentActor() actor: UserActor, @Body() dto: CreateUserDto, @Res({ passthrough: true }) res: Response) {
    try {
      return await this.users.create(actor, dto);
    } catch (e) {
      if (e instanceof TooManyRefusedNames) res.setHeader('Retry-After', String(e.retryAfterSeconds));
      throw e;
    }
  }

  @Patch(':id')
  @Access('users.write', 'user')
  update(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }

  @Post(':id/reset-password')
  @Access('users.resetPassword', 'user')
  @HttpCode(200)
  reset(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: ResetPasswordDto) {
    return this.users.resetPassword(actor, id, dto);
  }
}
