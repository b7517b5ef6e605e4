import { Body, Controller, Delete, Get, Header, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { todayLocal } from '../common/local-date.js';
import { IdParam } from '../common/id-param.js';
import { GeneratePayload, PreviewReportQuery, RollupQuery } from './dto/report.dto.js';
import { ReportExports } from './report-exports.service.js';
import { ReportsService } from './reports.service.js';
import { RollupService } from './rollup.service.js';
import { Access, CurrentActor } from '../access/access.decorators.js';
import type { UserActor } from '../access/actor.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService, private readonly exports: ReportExports, private readonly rollups: RollupService) {}

  @Post('plans/:id/reports')
  @Access('reports.generate', 'plan')
  generate(@CurrentActor() actor: UserActor, @IdParam() planId: number, @Body() dto: GeneratePayload) {
    return this.reports.generate(actor, planId, dto);
  }

  @Get('plans/:id/reports')
  @Access('reports.read', 'plan')
  list(@IdParam() planId: number) {
    return this.reports.list(planId);
  }

  @Get('plans/:id/reports/preview')
  @Access('reports.read', 'plan')
  preview(@IdParam() planId: number, @Query() q: PreviewReportQuery) {
    return this.reports.preview(planId, q.period, q.year);
  }

  @Get('reports/:id.docx')
  @Access('reports.read', 'report')
  @ApiProduces(DOCX)
  @Header('Content-Type', DOCX)
  async docx(@CurrentActor() actor: UserActor, @IdParam() id: number) {
    const { name, body } = await this.exports.file(actor, id, 'docx');
    return new StreamableFile(body, { type: DOCX, disposition: `attachment; filename="${name}.docx"` });
  }

  @Get('reports/:id.xlsx')
  @Access('reports.read', 'report')
  @ApiProduces(XLSX)
  @Header('Content-Type', XLSX)
  async xlsx(@CurrentActor() actor: UserActor, @IdParam() id: number) {
    const { name, body } = await this.exports.file(actor, id, 'xlsx');
    return new StreamableFile(body, { type: XLSX, disposition: `attachment; filename="${name}.xlsx"` });
  }

  @Get('reports/:id.html')
  @Access('reports.read', 'report')
  @Header('Content-Type', 'text/html; charset=utf-8')
  html(@CurrentActor() actor: UserActor, @IdParam() id: number) {
    return this.exports.html(actor, id);
  }

  // after the .docx/.xlsx/.html routes, which it would otherwise shadow
  @Get('reports/:id')
  @Access('reports.read', 'report')
  get(@IdParam() id: number) {
    return this.reports.get(id);
  }

  /** A draft (a version a person made) goes; an automatic report is final (409). */
  @Delete('reports/:id')
  @Access('reports.delete', 'report')
  @HttpCode(204)
  async remove(@CurrentActor() actor: UserActor, @IdParam() id: number): Promise<void> {
    await this.reports.remove(actor, id);
  }

  @Get('units/:id/progress')
  @Access('rollup.read', 'unit')
  rollup(@IdParam() unitId: number, @Query() q: RollupQuery) {
    return this.rollups.rollup(unitId, q, todayLocal());
  }
}
