import { Body, Controller, Get, HttpCode, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.js';
import { Access, CurrentActor } from '../access/access.decorators.js';
import type { UserActor } from '../access/actor.js';
import { ZaloRefreshTokenDto, ZaloStatusDto } from './dto/zalo-status.dto.js';
import { ZaloStatusService } from './zalo-status.service.js';

/** The Zalo channel for administrators: its state, quota and the month's messages per unit. */
@ApiTags('zalo')
@Controller('zalo')
export class ZaloStatusController {
  constructor(private readonly status: ZaloStatusService) {}

  @Get()
  @Access('zalo.admin')
  @ApiOperation({ summary: 'Tình trạng kênh Zalo: từng Official Account (đang gửi hay ngừng và lý do), hạn mức tin trong ngày và số tin trong tháng của từng đơn vị' })
  @ApiOkResponse({ type: ZaloStatusDto })
  get(): Promise<ZaloStatusDto> {
    return this.status.status();
  }

  @Put('refresh-token')
  @HttpCode(200)
  @Access('zalo.admin')
  @ApiOperation({ summary: 'Nhập refresh token mới cho Official Account chung của hệ thống; kênh Zalo hoạt động lại' })
  @ApiOkResponse({ type: ZaloStatusDto })
  @ApiErrors([400, 'Thiếu refresh token, hoặc chưa cấu hình Zalo'])
  async replace(@CurrentActor() actor: UserActor, @Body() dto: ZaloRefreshTokenDto): Promise<ZaloStatusDto> {
    await this.status.replaceRefreshToken(actor, dto.refreshToken);
    return this.status.status();
  }
}
