import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import type { UserActor } from '../access/actor.js';
import { Access, CurrentActor } from '../access/access.decorators.js';
import { AccountsService } from './accounts.service.js';
import { CreateUserDto, ListUsersQuery, ResetPasswordDto, UpdateUserDto, UserPageQuery } from './dto/account.dto.js';
import { ApiErrors } from '../common/api-errors.js';
import { ResetPasswordResultDto, UserDto, UserPageDto } from './dto/account-response.dto.js';

@ApiTags('users')
@Controller('users')
export class AccountsController {
  constructor(private readonly users: AccountsService) {}

  @Get()
  @ApiOperation({ summary: 'Danh sách tài khoản' })
  @ApiOkResponse({ type: [UserDto] })
  @ApiErrors(400)
  @Access('users.read')
  list(@CurrentActor() actor: UserActor, @Query() q: ListUsersQuery) {
    return this.users.list(actor, q);
  }

  @Get('page')
  @ApiOperation({ summary: 'Một trang danh sách tài khoản (của một đơn vị hoặc trong phạm vi của tài khoản): tìm theo tên đăng nhập, họ tên cán bộ, kèm tổng số' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiErrors(400)
  @Access('users.read')
  page(@CurrentActor() actor: UserActor, @Query() q: UserPageQuery) {
    return this.users.page(actor, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Một tài khoản' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(400)
  @Access('users.read', 'user')
  get(@IdParam() id: number) {
    return this.users.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Cấp tài khoản' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiErrors(400, [409, 'Tên đăng nhập đã có người dùng, hoặc cán bộ đã có tài khoản'], 413, [429, 'Đã thử quá nhiều tên đăng nhập không dùng được; header `Retry-After` cho biết số giây phải chờ'])
  @Access('users.write')
  create(@CurrentActor() actor: UserActor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Sửa tài khoản: vai trò, khóa/mở, cán bộ gắn với tài khoản' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(400, 409, 413)
  @Access('users.write', 'user')
  update(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }

  @Post(':id/reset-password')
  @ApiOperation({ summary: 'Đặt lại mật khẩu (người dùng phải đổi khi đăng nhập lần tới)' })
  @ApiOkResponse({ type: ResetPasswordResultDto })
  @ApiErrors(400, 413)
  @Access('users.resetPassword', 'user')
  @HttpCode(200)
  reset(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: ResetPasswordDto) {
    return this.users.resetPassword(actor, id, dto);
  }
}
