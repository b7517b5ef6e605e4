import { EnumField, IdField, IntField, TextField } from '../../common/fields.js';
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

  @IntField({ optional: true, min: 1, description: 'Phiên bản đã đọc; sai lệch trả 409' })
  version?: number;
}
