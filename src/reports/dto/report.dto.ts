import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, ArrayMaxSize, IsIn, IsObject, IsOptional, ValidateIf, ValidateNested, registerDecorator, ValidationArguments } from 'class-validator';
import { EnumField, IntField, LocalDateField, TextField } from '../../common/fields.js';
import { PageQuery } from '../../common/page-query.js';
import { ROLLUP_SORTS, type RollupSort } from '../rollup.js';
import { SORT_DIRECTIONS, type SortDirection } from '../../common/paging.js';
import { NARRATIVE_MAX_CHARS } from '../narrative.js';
import { ENTERED_CODES } from '../annex-01b.js';
import { PERIOD_CODES, type PeriodCode } from '../report-data.js';

export class AnnexEntryDto {
  @ApiProperty({ enum: ENTERED_CODES, description: 'Mã dòng của Phụ lục 01b' })
  @IsIn(ENTERED_CODES, { message: (a: ValidationArguments) => `${a.property}: phải là một trong ${ENTERED_CODES.join(', ')}` })
  code: string;

  @ApiProperty({ anyOf: [{ type: 'number', nullable: true }, { type: 'string', nullable: true }] })
  @ValidateIf((_, v) => v !== null)
  @IsNumberOrShortText()
  value: number | string | null;
}

function IsNumberOrShortText() {
  return (target: object, propertyName: string | symbol): void =>
    registerDecorator({
      name: 'numberOrShortText',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: (a: ValidationArguments) => `${a.property}: phải là số không âm hoặc chữ ngắn (tối đa 500 ký tự)` },
      validator: {
        validate: (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0) || (typeof v === 'string' && [...v].length <= 500 && !v.includes('\u0000')),
      },
    });
}

export class GeneratePayload {
  @EnumField(PERIOD_CODES, { description: 'Q1, Q2, H1 (6 tháng), Q3, M9 (9 tháng), Q4, YEAR (năm)' })
  period: PeriodCode;

  @IntField({ min: 2000, max: 2100, example: 2023 })
  year: number;

  @ApiProperty({ type: [AnnexEntryDto], required: false, description: 'Các dòng nhập tay của Phụ lục 01b' })
  @IsOptional()
  @IsArray({ message: (a: ValidationArguments) => `${a.property}: phải là một danh sách` })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AnnexEntryDto)
  annex?: AnnexEntryDto[];
}

/** The narrative sections of a draft: each one sent replaces the stored text; null or "" clears it. */
export class NarrativeDto {
  @TextField({ optional: true, nullable: true, allowEmpty: true, max: NARRATIVE_MAX_CHARS, description: 'I.1 Công tác chỉ đạo, điều hành' })
  chiDaoDieuHanh?: string | null;
  @TextField({ optional: true, nullable: true, allowEmpty: true, max: NARRATIVE_MAX_CHARS, description: 'I.2 Công tác kiểm tra, tuyên truyền' })
  kiemTraTuyenTruyen?: string | null;
  @TextField({ optional: true, nullable: true, allowEmpty: true, max: NARRATIVE_MAX_CHARS, description: 'II.1 Kết quả cải cách thể chế' })
  ketQua1?: string | null;
  @TextField({ optional: true, nullable: true, allowEmpty: true, max: NARRATIVE_MAX_CHARS, description: 'II.2 Kết quả cải cách thủ tục hành chính' })
  ketQua2?: string | null;
  @TextField({ optional: true, nullable: true, allowEmpty: true, max: NARRATIVE_MAX_CHARS, description: 'II.3 Kết quả cải cách tổ chức bộ máy' })
  ketQua3?: string | null;
  @TextField({ optional: true, nullable: true, allowEmpty: true, max: NARRATIVE_MAX_CHARS, description: 'II.4 Kết quả cải cách chế độ công vụ' })
  ketQua4?: string | null;
  @TextField({ optional: true, nullable: true, allowEmpty: true, max: NARRATIVE_MAX_CHARS, description: 'II.5 Kết quả cải cách tài chính công' })
  ketQua5?: string | null;
  @TextField({ optional: true, nullable: true, allowEmpty: true, max: NARRATIVE_MAX_CHARS, description: 'II.6 Kết quả xây dựng chính quyền điện tử, chính quyền số' })
  ketQua6?: string | null;
  @TextField({ optional: true, nullable: true, allowEmpty: true, max: NARRATIVE_MAX_CHARS, description: 'II.7 Kết quả các nội dung khác' })
  ketQua7?: string | null;
  @TextField({ optional: true, nullable: true, allowEmpty: true, max: NARRATIVE_MAX_CHARS, description: 'III.1 Ưu điểm' })
  uuDiem?: string | null;
  @TextField({ optional: true, nullable: true, allowEmpty: true, max: NARRATIVE_MAX_CHARS, description: 'III.2 Tồn tại, hạn chế' })
  hanChe?: string | null;
  @TextField({ optional: true, nullable: true, allowEmpty: true, max: NARRATIVE_MAX_CHARS, description: 'III.2 Nguyên nhân' })
  nguyenNhan?: string | null;
  @TextField({ optional: true, nullable: true, allowEmpty: true, max: NARRATIVE_MAX_CHARS, description: 'IV. Phương hướng, nhiệm vụ kỳ tới' })
  phuongHuong?: string | null;
  @TextField({ optional: true, nullable: true, allowEmpty: true, max: NARRATIVE_MAX_CHARS, description: 'V. Kiến nghị, đề xuất' })
  kienNghi?: string | null;
}

export class UpdateReportPayload {
  @ApiProperty({ type: () => NarrativeDto, required: false, description: 'Các phần lời văn của báo cáo (chỉ gửi phần cần sửa)' })
  @IsOptional()
  @IsObject({ message: (a: ValidationArguments) => `${a.property}: phải là một đối tượng` })
  @ValidateNested()
  @Type(() => NarrativeDto)
  narrative?: NarrativeDto;

  @ApiProperty({ type: [AnnexEntryDto], required: false, description: 'Các dòng nhập tay của Phụ lục 01b (chỉ gửi dòng cần sửa; value null để xóa)' })
  @IsOptional()
  @IsArray({ message: (a: ValidationArguments) => `${a.property}: phải là một danh sách` })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AnnexEntryDto)
  annex?: AnnexEntryDto[];

  @IntField({ optional: true, min: 1, description: 'Lần sửa đã đọc (revision); sai lệch trả 409' })
  revision?: number;
}

export class FinalizePayload {
  @IntField({ optional: true, min: 1, description: 'Lần sửa đã đọc (revision); sai lệch trả 409' })
  revision?: number;
}

export class PreviewReportQuery {
  @EnumField(PERIOD_CODES)
  period: PeriodCode;

  @IntField({ min: 2000, max: 2100, fromQuery: true })
  year: number;
}

/**
 * GET /api/units/{id}/progress. Without offset and limit the answer holds
 * every unit beneath (as it always did); with either, one page of at most 100.
 */
export class RollupQuery extends PageQuery {
  @EnumField(PERIOD_CODES, { optional: true, description: 'Kỳ báo cáo (tính đến ngày khóa số liệu của đơn vị cấp trên)' })
  period?: PeriodCode;

  @IntField({ optional: true, min: 2000, max: 2100, fromQuery: true })
  year?: number;

  @LocalDateField({ optional: true, example: '2023-12-14', description: 'Tính đến ngày (mặc định hôm nay)' })
  asOf?: string;

  @EnumField(ROLLUP_SORTS, { optional: true, description: 'Sắp xếp theo: percent tỷ lệ hoàn thành (mặc định), name tên đơn vị, planned số nhiệm vụ' })
  sort?: RollupSort;

  @EnumField(SORT_DIRECTIONS, { optional: true, description: 'Chiều sắp xếp: asc tăng dần, desc giảm dần; mặc định desc cho percent và planned, asc cho name' })
  dir?: SortDirection;

  @TextField({ optional: true, allowEmpty: true, max: 200, description: 'Tìm theo tên đơn vị; mọi từ phải có, không phân biệt dấu và hoa thường. Dòng tổng cộng vẫn tính trên mọi đơn vị trực thuộc' })
  q?: string;
}
