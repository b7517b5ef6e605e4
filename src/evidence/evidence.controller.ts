import { Body, Controller, Delete, Get, HttpCode, Post, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiFile } from '../common/api-errors.js';
import { Access, CurrentActor } from '../access/access.decorators.js';
import type { UserActor } from '../access/actor.js';
import { IdParam } from '../common/id-param.js';
import { EvidenceAnswer, EvidenceUploadBody } from './dto/evidence.dto.js';
import { attachmentDisposition } from './evidence-files.js';
import { EvidenceService, type Upload } from './evidence.service.js';
import { EvidenceUploadInterceptor } from './upload.interceptor.js';

@ApiTags('evidence')
@Controller('tasks/:id/evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post()
  @Access('tasks.complete', 'task')
  @UseInterceptors(EvidenceUploadInterceptor)
  @ApiOperation({ summary: 'Tải lên tài liệu kiểm chứng của nhiệm vụ (PDF, ảnh, Word, Excel)' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: EvidenceUploadBody })
  @ApiCreatedResponse({ type: EvidenceAnswer })
  @ApiErrors([400, 'Không có tệp, loại tệp (xét theo nội dung) không được nhận, hoặc hạn không thuộc nhiệm vụ'], [413, 'Tệp lớn hơn giới hạn (EVIDENCE_MAX_BYTES, mặc định 20 MB)'])
  upload(@CurrentActor() actor: UserActor, @IdParam() taskId: number, @UploadedFile() file: Upload | undefined, @Body() body: Record<string, unknown>) {
    const dueOn = typeof body?.dueOn === 'string' ? body.dueOn : undefined;
    return this.evidence.upload(actor, taskId, file, dueOn);
  }

  @Get()
  @Access('tasks.read', 'task')
  @ApiOperation({ summary: 'Các tài liệu kiểm chứng của nhiệm vụ' })
  @ApiOkResponse({ type: [EvidenceAnswer] })
  @ApiErrors(400)
  list(@IdParam() taskId: number) {
    return this.evidence.list(taskId);
  }

  @Get(':fileId')
  @Access('tasks.read', 'task')
  @ApiOperation({ summary: 'Tải về một tài liệu kiểm chứng (tệp đính kèm)' })
  @ApiFile('application/octet-stream', 'Nội dung tệp, với Content-Type là loại nhận ra khi tải lên (PDF, ảnh, Word, Excel)')
  @ApiErrors(400)
  async download(@IdParam() taskId: number, @IdParam('fileId') fileId: number): Promise<StreamableFile> {
    const { file, body } = await this.evidence.open(taskId, fileId);
    const out = new StreamableFile(body, { type: file.mime, disposition: attachmentDisposition(file.name), length: file.size });
    out.setErrorHandler(() => undefined);
    return out;
  }

  @Delete(':fileId')
  @Access('tasks.complete', 'task')
  @HttpCode(204)
  @ApiOperation({ summary: 'Gỡ một tài liệu kiểm chứng khỏi nhiệm vụ' })
  @ApiNoContentResponse({ description: 'Đã gỡ' })
  @ApiErrors(400)
  async remove(@CurrentActor() actor: UserActor, @IdParam() taskId: number, @IdParam('fileId') fileId: number): Promise<void> {
    await this.evidence.remove(actor, taskId, fileId);
  }
}
