import { Body, Controller, Get, Header, HttpCode, Param, Post, Req, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiFile } from '../common/api-errors.js';
import type { Request } from 'express';
import { Access, CurrentActor } from '../access/access.decorators.js';
import type { UserActor } from '../access/actor.js';
import { IdParam } from '../common/id-param.js';
import { ConfirmImportDto, ImportPlanFormDto, ImportPlanUploadDto, PlanImportAnswerDto } from './dto/plan-import.dto.js';
import { renderImportTemplate } from './export/plan-xlsx.js';
import { PlanExportsService } from './plan-exports.service.js';
import { ImportAnswer, PlanImportsService, uploadedName } from './plan-imports.service.js';
import { PlanUploadInterceptor } from './plan-upload.interceptor.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Plans to and from the files communes keep. Its module is registered before
 * the plans' own (src/progress), so "/plans/5.docx" reaches these routes
 * rather than GET /plans/:id.
 */
@ApiTags('plans')
@Controller('plans')
export class PlanFilesController {
  constructor(private readonly imports: PlanImportsService, private readonly exports: PlanExportsService) {}

  @Get('import/template.xlsx')
  @Access('plans.import')
  @ApiOperation({ summary: 'Tải mẫu Excel để nhập kế hoạch' })
  @ApiFile(XLSX, 'Tệp .xlsx mẫu: các cột mà việc nhập đọc được, và trang hướng dẫn')
  @Header('Content-Type', XLSX)
  async template() {
    return new StreamableFile(await renderImportTemplate(), { type: XLSX, disposition: 'attachment; filename="mau-nhap-ke-hoach.xlsx"' });
  }

  @Post('import')
  @Access('plans.import')
  @UseInterceptors(PlanUploadInterceptor)
  @ApiOperation({
    summary: 'Nhập kế hoạch từ tệp Word/Excel/CSV: xem trước (mặc định) hoặc lưu ngay (dryRun=false)',
    description: 'Đọc các bảng Phụ lục của tệp .docx, .doc, .xlsx hoặc .csv; trả về các nhiệm vụ, cách hiểu thời hạn, người chủ trì khớp được và các vấn đề. Xem trước được giữ để xác nhận bằng POST /api/plans/import/{token}/confirm.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportPlanUploadDto })
  @ApiCreatedResponse({ type: PlanImportAnswerDto })
  @ApiErrors(
    [400, 'Tệp không đọc được hoặc bị từ chối (sai loại, hỏng, có mật khẩu, có macro, quá lớn, bom nén, thực thể XML, không có bảng Phụ lục), hoặc còn lỗi khi lưu ngay'],
    [409, 'Đơn vị đã có kế hoạch cùng số và năm'],
  )
  async upload(@CurrentActor() actor: UserActor, @Req() req: Request, @Body() form: ImportPlanFormDto): Promise<ImportAnswer> {
    const file = req.file!;
    return this.imports.upload(actor, { bytes: new Uint8Array(file.buffer), fileName: uploadedName(file.originalname) }, {
      unitId: form.unitId, year: form.year, dryRun: form.dryRun !== 'false',
    });
  }

  @Post('import/:token/confirm')
  @Access('plans.import')
  @HttpCode(201)
  @ApiOperation({ summary: 'Xác nhận bản xem trước và lưu kế hoạch (có thể sửa ô hoặc bỏ dòng)' })
  @ApiCreatedResponse({ type: PlanImportAnswerDto })
  @ApiErrors(
    [400, 'Bản xem trước còn lỗi, hoặc nội dung sửa không hợp lệ'],
    [404, 'Không có bản xem trước này, hoặc đã hết hạn hay đã được xác nhận'],
    [409, 'Đơn vị đã có kế hoạch cùng số và năm'],
    413,
  )
  confirm(@CurrentActor() actor: UserActor, @Param('token') token: string, @Body() dto: ConfirmImportDto): Promise<ImportAnswer> {
    return this.imports.confirm(actor, token, dto);
  }

  /**
   * The confirmation at the address the import issue names (POST
   * /api/plans/import/:token), the same handler. The document describes the
   * /confirm form only: `redocly lint` reports /api/plans/import/{token} as
   * ambiguous with /api/plans/{id}/tasks, though ids are digits and tokens are not.
   */
  @Post('import/:token')
  @Access('plans.import')
  @HttpCode(201)
  @ApiExcludeEndpoint()
  confirmAtIssuePath(@CurrentActor() actor: UserActor, @Param('token') token: string, @Body() dto: ConfirmImportDto): Promise<ImportAnswer> {
    return this.imports.confirm(actor, token, dto);
  }

  @Get(':id.docx')
  @Access('plans.read', 'plan')
  @ApiOperation({ summary: 'Xuất kế hoạch ra Word (.docx): các bảng Phụ lục dưới quốc hiệu' })
  @ApiFile(DOCX, 'Kế hoạch dạng Word: quốc hiệu, tên kế hoạch, các bảng Phụ lục')
  @ApiErrors(400)
  @Header('Content-Type', DOCX)
  async docx(@IdParam() id: number) {
    const { name, body } = await this.exports.docx(id);
    return new StreamableFile(body, { type: DOCX, disposition: `attachment; filename="${name}"` });
  }

  @Get(':id.xlsx')
  @Access('plans.read', 'plan')
  @ApiOperation({ summary: 'Xuất kế hoạch ra Excel (.xlsx): các cột của kế hoạch, trạng thái, người được giao, ngày hoàn thành, minh chứng' })
  @ApiFile(XLSX, 'Kế hoạch dạng Excel: các cột của kế hoạch và tình hình thực hiện')
  @ApiErrors(400)
  @Header('Content-Type', XLSX)
  async xlsx(@IdParam() id: number) {
    const { name, body } = await this.exports.xlsx(id);
    return new StreamableFile(body, { type: XLSX, disposition: `attachment; filename="${name}"` });
  }
}
