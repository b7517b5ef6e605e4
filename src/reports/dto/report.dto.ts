import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, ArrayMaxSize, IsIn, IsOptional, ValidateIf, ValidateNested, registerDecorator, ValidationArguments } from 'class-validator';
import { EnumField, IntField, LocalDateField } from '../../common/fields.js';
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

export class PreviewReportQuery {
  @EnumField(PERIOD_CODES)
  period: PeriodCode;

  @IntField({ min: 2000, max: 2100, fromQuery: true })
  year: number;
}

export class RollupQuery {
  @EnumField(PERIOD_CODES, { optional: true, description: 'Kỳ báo cáo (tính đến ngày khóa số liệu của đơn vị cấp trên)' })
  period?: PeriodCode;

  @IntField({ optional: true, min: 2000, max: 2100, fromQuery: true })
  year?: number;

  @LocalDateField({ optional: true, example: '2023-12-14', description: 'Tính đến ngày (mặc định hôm nay)' })
  asOf?: string;
}
