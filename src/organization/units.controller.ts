import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { CreateUnitDto, UnitPageQuery, UnitSettingsDto, UpdateUnitDto } from './dto/unit.dto.js';
import { OrganizationService } from './organization.service.js';
import { Access, CurrentActor } from '../access/access.decorators.js';
import type { UserActor } from '../access/actor.js';
import { ApiErrors } from '../common/api-errors.js';
import { UnitDto, UnitPageDto } from './dto/organization-response.dto.js';

@ApiTags('units')
@Controller('units')
export class UnitsController {
  constructor(private readonly org: OrganizationService) {}

  @Get()
  @ApiOperation({ summary: 'Danh sách đơn vị trong phạm vi của tài khoản' })
  @ApiOkResponse({ type: [UnitDto] })
  @Access('units.read')
  list(@CurrentActor() actor: UserActor) {
    return this.org.listUnits(actor);
  }

  @Get('page')
  @ApiOperation({ summary: 'Một trang danh sách đơn vị trong phạm vi của tài khoản: tìm theo tên, sắp xếp, kèm tổng số' })
  @ApiOkResponse({ type: UnitPageDto })
  @ApiErrors(400)
  @Access('units.read')
  page(@CurrentActor() actor: UserActor, @Query() q: UnitPageQuery) {
    return this.org.unitPage(actor, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Một đơn vị' })
  @ApiOkResponse({ type: UnitDto })
  @ApiErrors(400)
  @Access('units.read', 'unit')
  get(@IdParam() id: number) {
    return this.org.getUnit(id);
  }

  @Post()
  @ApiOperation({ summary: 'Tạo đơn vị' })
  @ApiCreatedResponse({ type: UnitDto })
  @ApiErrors(400, 413)
  @Access('units.write')
  create(@CurrentActor() actor: UserActor, @Body() dto: CreateUnitDto) {
    return this.org.createUnit(actor, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Sửa đơn vị: tên, cấp trên, quy ước kỳ báo cáo, cài đặt nhắc việc' })
  @ApiOkResponse({ type: UnitDto })
  @ApiErrors(400, 409, 413)
  @Access('units.write', 'unit')
  update(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: UpdateUnitDto) {
    return this.org.updateUnit(actor, id, dto);
  }

  @Patch(':id/settings')
  @ApiOperation({ summary: 'Sửa cài đặt của đơn vị: nhắc việc (trước hạn bao nhiêu ngày, giờ gửi, nhắc quá hạn) và quy ước kỳ báo cáo' })
  @ApiOkResponse({ type: UnitDto })
  @ApiErrors(400, 409, 413)
  @Access('units.settings', 'unit')
  updateSettings(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: UnitSettingsDto) {
    return this.org.updateUnit(actor, id, dto);
  }
}
