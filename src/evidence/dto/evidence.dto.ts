import { ApiProperty } from '@nestjs/swagger';

/** The multipart body of an upload (for the OpenAPI document; multer reads it). */
export class EvidenceUploadBody {
  @ApiProperty({ type: 'string', format: 'binary', description: 'Tệp minh chứng: PDF, ảnh, Word hoặc Excel; tối đa EVIDENCE_MAX_BYTES (mặc định 20 MB)' })
  file: unknown;

  @ApiProperty({ required: false, example: '2023-03-31', description: 'Hạn (lần thực hiện) mà tệp chứng minh, dạng YYYY-MM-DD; bỏ trống: cả nhiệm vụ' })
  dueOn?: string;
}

export class EvidenceAnswer {
  @ApiProperty() id: number;
  @ApiProperty() taskId: number;
  @ApiProperty({ nullable: true, type: String, example: '2023-03-31' }) dueOn: string | null;
  @ApiProperty({ example: 'Biên bản kiểm tra.pdf' }) name: string;
  @ApiProperty({ example: 'application/pdf', description: 'Loại tệp nhận ra từ nội dung' }) mime: string;
  @ApiProperty({ description: 'Số byte' }) size: number;
  @ApiProperty() sha256: string;
  @ApiProperty() uploadedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}
