import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { CreateOfficialDto, ListOfficialsQuery, UpdateOfficialDto } from './dto/official.dto.js';
import { OrganizationService } from './organization.service.js';

@ApiTags('officials')
@Controller('officials')
export class OfficialsController {
  constructor(private readonly org: OrganizationService) {}

  @Get()
  list(@Query() q: ListOfficialsQuery) {
    return this.org.listOfficials(q.unitId);
  }

  @Get(':id')
  get(@IdParam() id: number) {
    return this.org.getOfficial(id);
  }

  @Post()
  create(@Body() dto: CreateOfficialDto) {
    return this.org.createOfficial(dto);
  }

  @Patch(':id')
  update(@IdParam() id: number, @Body() dto: UpdateOfficialDto) {
    return this.org.updateOfficial(id, dto);
  }
}
