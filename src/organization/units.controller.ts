import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { CreateUnitDto, UpdateUnitDto } from './dto/unit.dto.js';
import { OrganizationService } from './organization.service.js';

@ApiTags('units')
@Controller('units')
export class UnitsController {
  constructor(private readonly org: OrganizationService) {}

  @Get()
  list() {
    return this.org.listUnits();
  }

  @Get(':id')
  get(@IdParam() id: number) {
    return this.org.getUnit(id);
  }

  @Post()
  create(@Body() dto: CreateUnitDto) {
    return this.org.createUnit(dto);
  }

  @Patch(':id')
  update(@IdParam() id: number, @Body() dto: UpdateUnitDto) {
    return this.org.updateUnit(id, dto);
  }
}
