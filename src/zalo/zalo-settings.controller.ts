import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '../access/access.decorators.js';
import type { UserActor } from '../access/actor.js';
import { ApiErrors } from '../common/api-errors.js';
import { IdParam } from '../common/id-param.js';
import { ZaloUnitSettingsClearedDto, ZaloUnitSettingsDto, ZaloUnitSettingsInput } from './dto/zalo-settings.dto.js';
import { ZaloSettingsService } from './zalo-settings.service.js';

/**
 * A superior unit's own Zalo app and Official Account (the communes beneath
 * it send through it). The administrator's alone ('zalo.admin'): the secret
 * key and refresh token let whoever holds them send in the OA's name to any
 * phone number, and the install's operator is who receives them from the
 * province; the unit's chairman sees the outcome on the tasks' reminders.
 */
@ApiTags('zalo')
@Controller('zalo/units')
export class ZaloSettingsController {
  constructor(private readonly settings: ZaloSettingsService) {}

  @Get(':unitId')
  @Access('zalo.admin', 'unit', 'unitId')
  @ApiOperation({ summary: 'Cấu hình Zalo riêng của một đơn vị cấp trên (không bao giờ trả về khóa bí mật và refresh token)' })
  @ApiOkResponse({ type: ZaloUnitSettingsDto })
  @ApiErrors(400)
  get(@IdParam('unitId') unitId: number): Promise<ZaloUnitSettingsDto> {
    return this.settings.get(unitId);
  }

  @Put(':unitId')
  @HttpCode(200)
  @Access('zalo.admin', 'unit', 'unitId')
  @ApiOperation({ summary: 'Khai báo hoặc sửa cấu hình Zalo của một đơn vị cấp trên: ứng dụng, refresh token, mẫu tin, chế độ; các xã trực thuộc gửi qua Official Account này' })
  @ApiOkResponse({ type: ZaloUnitSettingsDto })
  @ApiErrors([400, 'Dữ liệu không hợp lệ; thiếu khóa bí mật hoặc refresh token khi khai báo lần đầu; đổi mã ứng dụng mà không nhập refresh token mới'], [409, 'Cấu hình vừa được người khác sửa'], 413)
  set(@CurrentActor() actor: UserActor, @IdParam('unitId') unitId: number, @Body() dto: ZaloUnitSettingsInput): Promise<ZaloUnitSettingsDto> {
    return this.settings.set(actor, unitId, dto);
  }

  @Delete(':unitId')
  @HttpCode(200)
  @Access('zalo.admin', 'unit', 'unitId')
  @ApiOperation({ summary: 'Xóa cấu hình Zalo của một đơn vị: các xã trực thuộc quay về cấu hình của cấp trên gần nhất hoặc của hệ thống' })
  @ApiOkResponse({ type: ZaloUnitSettingsClearedDto })
  @ApiErrors(400)
  clear(@CurrentActor() actor: UserActor, @IdParam('unitId') unitId: number): Promise<ZaloUnitSettingsClearedDto> {
    return this.settings.clear(actor, unitId);
  }
}
