import { Transform } from 'class-transformer';
import { BoolField, EnumField, IdField, IntField, LocalDateField, NestedArrayField, TextField } from '../../common/fields.js';
import { TaskInputDto } from '../../tasks/dto/task.dto.js';

/** A Phụ lục of a new plan, with its task rows. */
export class PhuLucInputDto {
  @IntField({ min: 1, max: 7, description: 'Phụ lục số 1–7' })
  number: number;

  @TextField({ optional: true, max: 255, description: 'Lĩnh vực; mặc định theo số Phụ lục' })
  title?: string;

  @TextField({ optional: true, nullable: true, max: 500, description: 'Tiêu đề bảng như trong văn bản' })
  heading?: string | null;

  @NestedArrayField(() => TaskInputDto, { optional: true, maxItems: 200 })
  tasks?: TaskInputDto[];
}

/** A new plan, its seven Phụ lục and, when given, every task row: POST /api/plans. */
export class CreatePlanDto {
  @IdField()
  unitId: number;

  @TextField({ max: 64, example: '08/KH-UBND' })
  number: string;

  @TextField({ max: 500, example: 'Kế hoạch cải cách hành chính năm 2023' })
  title: string;

  @IntField({ min: 2000, max: 2100, example: 2023 })
  year: number;

  @LocalDateField({ optional: true, nullable: true, example: '2023-01-05' })
  issuedOn?: string | null;

  @TextField({ optional: true, nullable: true, allowEmpty: true, max: 1000, description: 'Quyết định ban hành' })
  decision?: string | null;

  @EnumField(['draft', 'issued'], { optional: true, description: 'Mặc định draft' })
  status?: 'draft' | 'issued';

  @NestedArrayField(() => PhuLucInputDto, { optional: true, maxItems: 7, description: 'Nạp cả kế hoạch một lần' })
  phuLucs?: PhuLucInputDto[];
}

export class ProgressQuery {
  @LocalDateField({ optional: true, description: 'Tính đến ngày (mặc định hôm nay)' })
  asOf?: string;
}

export class PlanDetailQuery {
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @BoolField({ optional: true, description: 'Bản gọn cho danh sách: bỏ các mục phân tích thời hạn thô và thời điểm tạo, sửa của từng nhiệm vụ' })
  compact?: boolean;

  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @BoolField({ optional: true, description: 'false: chỉ thông tin chung và các Phụ lục, không kèm nhiệm vụ (phuLucs[].tasks và unassigned rỗng; taskCount, unassignedCount vẫn đủ); nhiệm vụ đọc từng trang ở GET /api/plans/{id}/tasks. Mặc định true' })
  withTasks?: boolean;
}
