import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { CreateOfficialDto, ListOfficialsQuery, UpdateOfficialDto } from './dto/official.dto.js';
import { OrganizationService } from './organization.service.js';
import { Access, CurrentActor } from '../access/access.decorators.js';
import type { UserActor } from '../access/actor.js';

@ApiTags('officials')
@Controller('officials')
export class OfficialsController {
  constructor(private readonly org: OrganizationService) {}

  @Get()
  @Access('officials.read')
  list(@CurrentActor() actor: UserActor, @Query() q: ListOfficialsQuery) {
    return this.org.listOfficials(actor, q.unitId);
  }

  @Get(':id')
  @Access('officials.read', 'official')
  get(@IdParam() id: number) {
    return this.org.getOfficial(id);
  }

  @Post()
  @Access('officials.write')
  create(@CurrentActor() actor: UserActor, @Body() dto: CreateOfficialDto) {
    return this.org.createOfficial(actor, dto);
  }

  @Patch(':id')
  @Access('officials.write', 'official')
  update(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: UpdateOfficialDto) {
    return this.org.updateOfficial(actor, id, dto);
  }
}
