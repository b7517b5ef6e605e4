import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { CreateUnitDto, UpdateUnitDto } from './dto/unit.dto.js';
import { OrganizationService } from './organization.service.js';
import { Access, CurrentActor } from '../access/access.decorators.js';
import type { UserActor } from '../access/actor.js';

@ApiTags('units')
@Controller('units')
export class UnitsController {
  constructor(private readonly org: OrganizationService) {}

  @Get()
  @Access('units.read')
  list(@CurrentActor() actor: UserActor) {
    return this.org.listUnits(actor);
  }

  @Get(':id')
  @Access('units.read', 'unit')
  get(@IdParam() id: number) {
    return this.org.getUnit(id);
  }

  @Post()
  @Access('units.write')
  create(@CurrentActor() actor: UserActor, @Body() dto: CreateUnitDto) {
    return this.org.createUnit(actor, dto);
  }

  @Patch(':id')
  @Access('units.write', 'unit')
  update(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: UpdateUnitDto) {
    return this.org.updateUnit(actor, id, dto);
  }
}
