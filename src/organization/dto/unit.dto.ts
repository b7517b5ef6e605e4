import { ApiProperty, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested, type ValidationArguments } from 'class-validator';
import { BoolField, EnumField, NumberField, IdField, IntField, TextField, TimeOfDayField, IntArrayField } from '../../common/fields.js';
import { REPORT_CUTOFFS, type ReportCutoff } from '../entities/unit.entity.js';
import { PageQuery, queryBool } from '../../common/page-query.js';
import { SORT_DIRECTIONS, type SortDirection } from '../../common/paging.js';
import { UNIT_SORTS, type UnitSort } from '../unit-rows.js';

export class CreateUnitDto {
  @TextField({ max: 255, example: 'UBND xã Hoằng Tiến' })
  name: string;

  @IdField({ optional: true, nullable: true, description: 'Đơn vị cấp trên' })
  parentId?: number | null;

  @EnumField(REPORT_CUTOFFS, { optional: true, description: 'ministry: số liệu tính đến ngày 14; calendar: theo quý dương lịch' })
  reportCutoff?: ReportCutoff;
}

export class CchcThresholdsDto {
  @NumberField({ min: 0, max: 100, example: 90, description: 'Tỷ lệ hoàn thành trên ngưỡng này (%) được điểm tối đa' })
  fullAbove: number;

  @NumberField({ min: 0, max: 100, example: 70, description: 'Tỷ lệ hoàn thành từ ngưỡng này (%) được điểm mức dưới' })
  partialFrom: number;

  @NumberField({ min: 0, max: 100, example: 2, description: 'Điểm tối đa' })
  fullPoints: number;

  @NumberField({ min: 0, max: 100, example: 1, description: 'Điểm mức dưới' })
  partialPoints: number;
}

export class UpdateUnitDto {
  @TextField({ max: 255, optional: true })
  name?: string;

  @IdField({ optional: true, nullable: true })
  parentId?: number | null;

  @EnumField(REPORT_CUTOFFS, { optional: true })
  reportCutoff?: ReportCutoff;

  @IntArrayField({ optional: true, nullable: true, min: 0, max: 60, maxItems: 10, description: 'Nhắc trước hạn bao nhiêu ngày (0: đúng ngày hạn); null: mặc định 7, 1, 0' })
  reminderOffsets?: number[] | null;

  @TimeOfDayField({ optional: true, description: 'Giờ gửi nhắc việc, HH:MM giờ Việt Nam' })
  reminderTime?: string;

  @IntField({ optional: true, min: 1, max: 60, description: 'Nhắc quá hạn mỗi bao nhiêu ngày' })
  overdueEveryDays?: number;

  @ApiProperty({ type: () => CchcThresholdsDto, required: false, nullable: true, description: 'Ngưỡng điểm tiêu chí kế hoạch CCHC cho các đơn vị cấp dưới; null: mặc định (trên 90%: 2 điểm, 70–90%: 1 điểm)' })
  @IsOptional()
  @IsObject({ message: (a: ValidationArguments) => `${a.property}: phải là một đối tượng` })
  @ValidateNested()
  @Type(() => CchcThresholdsDto)
  cchcThresholds?: CchcThresholdsDto | null;

  @IntField({ optional: true, min: 1, max: 28, description: 'Ngày hạn nộp báo cáo định kỳ trong tháng khóa số liệu (mặc định 18)' })
  reportDueDay?: number;

  @IntField({ optional: true, min: 1, description: 'Phiên bản đã đọc; sai lệch trả 409' })
  version?: number;
}

/** What a unit's chairman may change of it: the reminder settings and the report cut-off convention. */
export class UnitSettingsDto extends PickType(UpdateUnitDto, ['reportCutoff', 'reminderOffsets', 'reminderTime', 'overdueEveryDays', 'version'] as const) {}

/** GET /api/units/page: the units in the account's scope, searched, sorted and paged on the server. */
export class UnitPageQuery extends PageQuery {
  @TextField({ optional: true, allowEmpty: true, max: 200, description: 'Tìm theo tên đơn vị hoặc tên đơn vị cấp trên; mọi từ phải có, không phân biệt dấu và hoa thường' })
  q?: string;

  @EnumField(UNIT_SORTS, { optional: true, description: 'Sắp xếp theo: name tên đơn vị (mặc định), parent tên đơn vị cấp trên' })
  sort?: UnitSort;

  @EnumField(SORT_DIRECTIONS, { optional: true, description: 'Chiều sắp xếp: asc từ A đến Z (mặc định), desc ngược lại' })
  dir?: SortDirection;

  @queryBool()
  @BoolField({ optional: true, description: 'true: chỉ đơn vị có đơn vị trực thuộc (đơn vị cấp trên)' })
  superiors?: boolean;
}
