import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { CreateOfficialDto, ListOfficialsQuery, OfficialPageQuery, UpdateOfficialDto } from './dto/official.dto.js';
import { OrganizationService } from './organization.service.js';
import { Access, CurrentActor } from '../access/access.decorators.js';
import type { UserActor } from '../access/actor.js';
import { ApiErrors } from '../common/api-errors.js';
import { OfficialDto, OfficialPageDto } from './dto/organization-response.dto.js';

@ApiTags('officials')
@Controller('officials')
export class OfficialsController {
  constructor(private readonly org: OrganizationService) {}

  @Get()
  @ApiOperation({ summary: 'Danh sách cán bộ, công chức' })
  @ApiOkResponse({ type: [OfficialDto] })
  @ApiErrors(400)
  @Access('officials.read')
  list(@CurrentActor() actor: UserActor, @Query() q: ListOfficialsQuery) {
    return this.org.listOfficials(actor, q.unitId);
  }

  @Get('page')
  @ApiOperation({ summary: 'Một trang danh sách cán bộ, công chức (của một đơn vị hoặc trong phạm vi của tài khoản): tìm theo tên, chức vụ, liên lạc, kèm tổng số' })
  @ApiOkResponse({ type: OfficialPageDto })
  @ApiErrors(400)
  @Access('officials.read')
  page(@CurrentActor() actor: UserActor, @Query() q: OfficialPageQuery) {
    return this.org.officialPage(actor, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Một cán bộ, công chức' })
  @ApiOkResponse({ type: OfficialDto })
  @ApiErrors(400)
  @Access('officials.read', 'official')
  get(@IdParam() id: number) {
    return this.org.getOfficial(id);
  }

  @Post()
  @ApiOperation({ summary: 'Thêm cán bộ, công chức' })
  @ApiCreatedResponse({ type: OfficialDto })
  @ApiErrors(400, 413)
  @Access('officials.write')
  create(@CurrentActor() actor: UserActor, @Body() dto: CreateOfficialDto) {
    return this.org.createOfficial(actor, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Sửa cán bộ, công chức: họ tên, chức danh, e-mail, cách nhận nhắc việc' })
  @ApiOkResponse({ type: OfficialDto })
  @ApiErrors(400, 409, 413)
  @Access('officials.write', 'official')
  update(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: UpdateOfficialDto) {
    return this.org.updateOfficial(actor, id, dto);
  }
}
