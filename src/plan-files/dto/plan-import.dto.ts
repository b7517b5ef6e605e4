import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { BoolField, EnumField, IdField, IntField, NestedArrayField, TextField } from '../../common/fields.js';
import { ROW_FIELDS } from '../preview.js';

/** The form fields sent with the file (multipart/form-data). */
export class ImportPlanFormDto {
  @IdField({ optional: true, fromQuery: true, description: 'Đơn vị; mặc định đơn vị của người gửi' })
  unitId?: number;

  @IntField({ optional: true, min: 2000, max: 2100, fromQuery: true, description: 'Năm kế hoạch; mặc định đọc từ văn bản' })
  year?: number;

  @EnumField(['true', 'false'], { optional: true, description: 'true (mặc định): chỉ xem trước; false: lưu ngay nếu tệp không có lỗi' })
  dryRun?: 'true' | 'false';
}

/** The upload's body, as OpenAPI describes it. */
export class ImportPlanUploadDto extends ImportPlanFormDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'Tệp kế hoạch: .docx, .doc, .xlsx hoặc .csv' })
  file: unknown;
}

export class RowCorrectionDto {
  @TextField({ max: 40, description: 'Mã dòng trong bản xem trước (key)', example: 'b3-4' })
  key: string;

  @BoolField({ optional: true, description: 'Bỏ dòng này' })
  drop?: boolean;

  @EnumField(ROW_FIELDS, { optional: true, description: 'Cột được sửa' })
  field?: (typeof ROW_FIELDS)[number];

  @TextField({ optional: true, allowEmpty: true, max: 30000, description: 'Nội dung mới của ô' })
  value?: string;
}

export class HeaderCorrectionDto {
  @TextField({ optional: true, max: 64, example: '08/KH-UBND' })
  number?: string;

  @TextField({ optional: true, max: 500 })
  title?: string;

  @IntField({ optional: true, min: 2000, max: 2100 })
  year?: number;

  @TextField({ optional: true, nullable: true, allowEmpty: true, max: 1000 })
  decision?: string | null;
}

/** POST /api/plans/import/:token/confirm: the person's corrections to the preview, then save. */
export class ConfirmImportDto {
  @NestedArrayField(() => RowCorrectionDto, { optional: true, maxItems: 2000, description: 'Sửa một ô hoặc bỏ một dòng' })
  corrections?: RowCorrectionDto[];

  @ApiPropertyOptional({ type: () => HeaderCorrectionDto, description: 'Sửa số, tên, năm, quyết định của kế hoạch' })
  @IsOptional()
  @IsObject({ message: 'header: phải là một đối tượng' })
  @ValidateNested()
  @Type(() => HeaderCorrectionDto)
  header?: HeaderCorrectionDto;
}

// ---------------------------------------------------------------- answers

export class ProblemDto {
  @ApiProperty({ enum: ['error', 'warning'], description: 'error: phải sửa hoặc bỏ dòng trước khi lưu' }) severity: 'error' | 'warning';
  @ApiProperty({ example: 'deadline_review' }) code: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: Number, nullable: true }) phuLuc: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Bảng thứ mấy trong tệp' }) table: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Dòng thứ mấy của bảng (hoặc của trang tính)' }) row: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Tên cột như trong tệp' }) column: string | null;
  @ApiProperty({ type: String, enum: [...ROW_FIELDS], nullable: true, description: 'Trường của dòng mà cột đó chứa; null: cả dòng hoặc kế hoạch' })
  field: (typeof ROW_FIELDS)[number] | null;
  @ApiProperty({ type: String, nullable: true }) key: string | null;
}

export class ScheduleItemDto {
  @ApiProperty({ example: '2023-12-31' }) dueOn: string;
  @ApiProperty({ type: String, nullable: true }) label: string | null;
}

export class DeadlineDto {
  @ApiProperty({ enum: ['date', 'ongoing', 'recurring', 'milestones', 'unspecified'] }) kind: string;
  @ApiProperty({ type: [String] }) dueDates: string[];
  @ApiProperty({ type: [ScheduleItemDto] }) items: ScheduleItemDto[];
  @ApiProperty() needsReview: boolean;
  @ApiProperty({ type: [String] }) notes: string[];
}

export class LeadMatchDto {
  @ApiProperty({ type: Number, nullable: true }) officialId: number | null;
  @ApiProperty({ type: String, nullable: true }) officialName: string | null;
  @ApiProperty({ type: String, nullable: true }) position: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
}

export class PreviewTaskDto {
  @ApiProperty({ example: 'b3-4' }) key: string;
  @ApiProperty() table: number;
  @ApiProperty() row: number;
  @ApiProperty() ordinal: number;
  @ApiProperty() ordinalText: string;
  @ApiProperty() content: string;
  @ApiProperty() productsText: string;
  @ApiProperty({ type: [String] }) products: string[];
  @ApiProperty() leadText: string;
  @ApiProperty() coordinatorsText: string;
  @ApiProperty() deadlineText: string;
  @ApiProperty({ type: DeadlineDto }) deadline: DeadlineDto;
  @ApiProperty({ type: LeadMatchDto }) lead: LeadMatchDto;
}

export class PreviewColumnDto {
  @ApiProperty() header: string;
  @ApiProperty({ type: String, nullable: true }) role: string | null;
}

export class PreviewPhuLucDto {
  @ApiProperty() number: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) heading: string | null;
  @ApiProperty({ type: [PreviewColumnDto] }) columns: PreviewColumnDto[];
  @ApiProperty({ type: [PreviewTaskDto] }) tasks: PreviewTaskDto[];
}

export class PreviewHeaderDto {
  @ApiProperty({ type: String, nullable: true }) unitName: string | null;
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: Number, nullable: true }) year: number | null;
  @ApiProperty({ type: String, nullable: true }) decision: string | null;
}

export class PreviewFieldDto {
  @ApiProperty({ enum: [...ROW_FIELDS], description: 'Trường của dòng (như field trong RowCorrectionDto)' }) field: (typeof ROW_FIELDS)[number];
  @ApiProperty({ example: 'Nội dung thực hiện', description: 'Tên cột hiển thị' }) label: string;
}

export class PlanPreviewDto {
  @ApiProperty({ enum: ['docx', 'doc', 'xlsx', 'csv'] }) format: string;
  @ApiProperty({ type: PreviewHeaderDto }) header: PreviewHeaderDto;
  @ApiProperty({ type: [PreviewPhuLucDto] }) phuLucs: PreviewPhuLucDto[];
  @ApiProperty() taskCount: number;
  @ApiProperty({ type: [ProblemDto] }) problems: ProblemDto[];
  @ApiProperty({ description: 'false khi còn lỗi (severity error)' }) canSave: boolean;
  @ApiProperty({ type: [PreviewFieldDto], description: 'Các cột của bảng nhiệm vụ theo thứ tự, với tên hiển thị' }) fields: PreviewFieldDto[];
}

export class PlanImportAnswerDto {
  @ApiProperty({ description: 'true: kế hoạch đã được lưu' }) saved: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Mã bản xem trước, để xác nhận' }) token: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) expiresAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) planId: number | null;
  @ApiProperty() fileName: string;
  @ApiProperty({ type: PlanPreviewDto }) preview: PlanPreviewDto;
}
