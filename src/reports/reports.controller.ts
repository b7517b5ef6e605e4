import { Body, Controller, Delete, Get, Header, HttpCode, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { todayLocal } from '../common/local-date.js';
import { IdParam } from '../common/id-param.js';
import { FinalizePayload, GeneratePayload, PreviewReportQuery, RollupQuery, UpdateReportPayload } from './dto/report.dto.js';
import { attachmentDisposition } from '../evidence/evidence-files.js';
import { ReportExports } from './report-exports.service.js';
import { ReportsService } from './reports.service.js';
import { RollupService } from './rollup.service.js';
import { Access, CurrentActor } from '../access/access.decorators.js';
import type { UserActor } from '../access/actor.js';
import { ApiErrors, ApiFile } from '../common/api-errors.js';
import { ReportDataDto, ReportVersionDto, RollupDto, StoredReportDto } from './dto/report-response.dto.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService, private readonly exports: ReportExports, private readonly rollups: RollupService) {}

  @Post('plans/:id/reports')
  @ApiOperation({ summary: 'Lập và lưu một phiên bản báo cáo của kỳ (bản nháp; lời văn điền sẵn từ báo cáo chính thức kỳ trước)' })
  @ApiCreatedResponse({ type: StoredReportDto })
  @ApiErrors(400, 413, [429, 'Quá nhiều lần lập hoặc tải báo cáo trong một khoảng thời gian; header `Retry-After` cho biết số giây phải chờ'])
  @Access('reports.generate', 'plan')
  generate(@CurrentActor() actor: UserActor, @IdParam() planId: number, @Body() dto: GeneratePayload) {
    return this.reports.generate(actor, planId, dto);
  }

  @Get('plans/:id/reports')
  @ApiOperation({ summary: 'Các phiên bản báo cáo đã lưu của kế hoạch' })
  @ApiOkResponse({ type: [ReportVersionDto] })
  @ApiErrors(400)
  @Access('reports.read', 'plan')
  list(@IdParam() planId: number) {
    return this.reports.list(planId);
  }

  @Get('plans/:id/reports/preview')
  @ApiOperation({ summary: 'Xem trước báo cáo của một kỳ (không lưu)' })
  @ApiOkResponse({ type: ReportDataDto })
  @ApiErrors(400, [429, 'Quá nhiều lần lập hoặc tải báo cáo trong một khoảng thời gian; header `Retry-After` cho biết số giây phải chờ'])
  @Access('reports.read', 'plan')
  preview(@IdParam() planId: number, @Query() q: PreviewReportQuery) {
    return this.reports.preview(planId, q.period, q.year);
  }

  @Get('reports/:id.docx')
  @ApiOperation({ summary: 'Tải báo cáo dạng Word (DOCX)' })
  @ApiFile(DOCX, 'Báo cáo dạng Word')
  @ApiErrors(400, [429, 'Quá nhiều lần lập hoặc tải báo cáo trong một khoảng thời gian; header `Retry-After` cho biết số giây phải chờ'])
  @Access('reports.read', 'report')
  @Header('Content-Type', DOCX)
  async docx(@CurrentActor() actor: UserActor, @IdParam() id: number) {
    const { name, body } = await this.exports.file(actor, id, 'docx');
    return new StreamableFile(body, { type: DOCX, disposition: `attachment; filename="${name}.docx"` });
  }

  @Get('reports/:id.xlsx')
  @ApiOperation({ summary: 'Tải báo cáo dạng Excel (XLSX)' })
  @ApiFile(XLSX, 'Báo cáo dạng Excel: số liệu, danh sách, Phụ lục 01b')
  @ApiErrors(400, [429, 'Quá nhiều lần lập hoặc tải báo cáo trong một khoảng thời gian; header `Retry-After` cho biết số giây phải chờ'])
  @Access('reports.read', 'report')
  @Header('Content-Type', XLSX)
  async xlsx(@CurrentActor() actor: UserActor, @IdParam() id: number) {
    const { name, body } = await this.exports.file(actor, id, 'xlsx');
    return new StreamableFile(body, { type: XLSX, disposition: `attachment; filename="${name}.xlsx"` });
  }

  @Get('reports/:id.html')
  @ApiOperation({ summary: 'Báo cáo dạng trang HTML để in' })
  @ApiFile('text/html', 'Báo cáo dạng trang HTML, sẵn để in')
  @ApiErrors(400, [429, 'Quá nhiều lần lập hoặc tải báo cáo trong một khoảng thời gian; header `Retry-After` cho biết số giây phải chờ'])
  @Access('reports.read', 'report')
  @Header('Content-Type', 'text/html; charset=utf-8')
  html(@CurrentActor() actor: UserActor, @IdParam() id: number) {
    return this.exports.html(actor, id);
  }

  @Get('reports/:id/evidence.zip')
  @ApiOperation({ summary: 'Tải mọi tài liệu kiểm chứng mà báo cáo liệt kê, theo thư mục Phụ lục / nhiệm vụ (ZIP)' })
  @ApiFile('application/zip', 'Tệp ZIP: Phụ lục 01/TT 03 - <nhiệm vụ>/<tệp>')
  @ApiErrors(400, [429, 'Quá nhiều lần lập hoặc tải báo cáo trong một khoảng thời gian; header `Retry-After` cho biết số giây phải chờ'])
  @Access('reports.read', 'report')
  async evidenceZip(@CurrentActor() actor: UserActor, @IdParam() id: number) {
    await this.exports.allow(actor, id);
    const { name, body } = await this.reports.evidenceZip(id);
    const out = new StreamableFile(body, { type: 'application/zip', disposition: attachmentDisposition(name) });
    out.setErrorHandler(() => undefined);
    return out;
  }

  // after the .docx/.xlsx/.html routes, which it would otherwise shadow
  @Get('reports/:id')
  @ApiOperation({ summary: 'Một phiên bản báo cáo đã lưu, với toàn bộ nội dung' })
  @ApiOkResponse({ type: StoredReportDto })
  @ApiErrors(400)
  @Access('reports.read', 'report')
  get(@IdParam() id: number) {
    return this.reports.get(id);
  }

  /** Edits a draft's narrative and entered rows; a final version answers 409. */
  @Patch('reports/:id')
  @ApiOperation({ summary: 'Sửa bản nháp báo cáo: các phần lời văn và các dòng nhập tay của Phụ lục 01b' })
  @ApiOkResponse({ type: StoredReportDto })
  @ApiErrors(400, [409, 'Báo cáo đã là bản chính thức (không sửa được nữa), hoặc đã được người khác sửa từ lần sửa (revision) bạn gửi'])
  @Access('reports.edit', 'report')
  update(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: UpdateReportPayload) {
    return this.reports.update(actor, id, dto);
  }

  @Post('reports/:id/finalize')
  @ApiOperation({ summary: 'Chốt bản nháp thành bản chính thức (từ đó không sửa, không xóa được)' })
  @ApiOkResponse({ type: StoredReportDto })
  @ApiErrors(400, [409, 'Báo cáo đã là bản chính thức, hoặc đã được người khác sửa từ lần sửa (revision) bạn gửi'])
  @Access('reports.finalize', 'report')
  @HttpCode(200)
  finalize(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: FinalizePayload) {
    return this.reports.finalize(actor, id, dto);
  }

  @Post('reports/:id/drafts')
  @ApiOperation({ summary: 'Tạo bản nháp mới từ một phiên bản (số liệu tính lại, giữ lời văn và các dòng nhập tay)' })
  @ApiCreatedResponse({ type: StoredReportDto })
  @ApiErrors(400, [429, 'Quá nhiều lần lập hoặc tải báo cáo trong một khoảng thời gian; header `Retry-After` cho biết số giây phải chờ'])
  @Access('reports.edit', 'report')
  draftFrom(@CurrentActor() actor: UserActor, @IdParam() id: number) {
    return this.reports.draftFrom(actor, id);
  }

  /** A draft goes; a final version (automatic, or marked final) answers 409. */
  @Delete('reports/:id')
  @ApiOperation({ summary: 'Xóa một bản nháp báo cáo (bản chính thức không xóa được)' })
  @ApiNoContentResponse({ description: 'Đã xóa' })
  @ApiErrors(400, [409, 'Báo cáo đã là bản chính thức, không xóa được'])
  @Access('reports.delete', 'report')
  @HttpCode(204)
  async remove(@CurrentActor() actor: UserActor, @IdParam() id: number): Promise<void> {
    await this.reports.remove(actor, id);
  }

  @Get('units/:id/progress')
  @ApiOperation({ summary: 'Tổng hợp cấp trên: tiến độ của các đơn vị trực thuộc và tổng' })
  @ApiOkResponse({ type: RollupDto })
  @ApiErrors(400)
  @Access('rollup.read', 'unit')
  rollup(@IdParam() unitId: number, @Query() q: RollupQuery) {
    return this.rollups.rollup(unitId, q, todayLocal());
  }
}
