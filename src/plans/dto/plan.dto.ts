import { IdField, IntField, LocalDateField, TextField } from '../../common/fields.js';

export class UpdatePlanDto {
  @TextField({ optional: true, max: 64 })
  number?: string;

  @TextField({ optional: true, max: 500 })
  title?: string;

  @LocalDateField({ optional: true, nullable: true })
  issuedOn?: string | null;

  @TextField({ optional: true, nullable: true, allowEmpty: true, max: 1000 })
  decision?: string | null;

  @IntField({ optional: true, min: 1, description: 'Phiên bản đã đọc; sai lệch trả 409' })
  version?: number;
}

export class IssuePlanDto {
  @LocalDateField({ optional: true, description: 'Ngày ban hành; mặc định hôm nay' })
  issuedOn?: string;

  @TextField({ optional: true, allowEmpty: true, max: 1000 })
  decision?: string;

  @IntField({ optional: true, min: 1 })
  version?: number;
}

export class ListPlansQuery {
  @IdField({ optional: true, fromQuery: true })
  unitId?: number;

  @IntField({ optional: true, min: 2000, max: 2100, fromQuery: true })
  year?: number;
}

export class ReopenPlanDto {
  @TextField({ max: 1000, description: 'Lý do mở lại kế hoạch đã khóa sổ (ghi vào nhật ký)' })
  reason: string;
}
