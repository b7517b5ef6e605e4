import { PickType } from '@nestjs/swagger';
import { EnumField, IdField, IntField, TextField, TimeOfDayField, IntArrayField } from '../../common/fields.js';
import { REPORT_CUTOFFS, type ReportCutoff } from '../entities/unit.entity.js';

export class CreateUnitDto {
  @TextField({ max: 255, example: 'UBND xã Hoằng Tiến' })
  name: string;

  @IdField({ optional: true, nullable: true, description: 'Đơn vị cấp trên' })
  parentId?: number | null;

  @EnumField(REPORT_CUTOFFS, { optional: true, description: 'ministry: số liệu tính đến ngày 14; calendar: theo quý dương lịch' })
  reportCutoff?: ReportCutoff;
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

  @IntField({ optional: true, min: 1, description: 'Phiên bản đã đọc; sai lệch trả 409' })
  version?: number;
}

/** What a unit's chairman may change of it: the reminder settings and the report cut-off convention. */
export class UnitSettingsDto extends PickType(UpdateUnitDto, ['reportCutoff', 'reminderOffsets', 'reminderTime', 'overdueEveryDays', 'version'] as const) {}
