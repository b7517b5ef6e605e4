import { PAGE_MAX, PageQuery, queryBool } from '../../common/page-query.js';
import { BoolField, EnumField, IdArrayField, IdField, IntField, LocalDateField, StringArrayField, TextField } from '../../common/fields.js';
import type { TaskState } from '../task-state.js';
import { TASK_STATUSES, type TaskStatus } from '../entities/task.entity.js';

/** A task row as the plan writes it; also the shape of each task inside POST /api/plans. */
export class TaskInputDto {
  @IntField({ optional: true, min: 1, max: 999, description: 'TT: số thứ tự trong Phụ lục; mặc định nối tiếp' })
  ordinal?: number;

  @TextField({ max: 5000, description: 'Nội dung thực hiện' })
  content: string;

  @StringArrayField({ optional: true, maxItems: 30, maxLength: 1000, description: 'Sản phẩm/Kết quả' })
  products?: string[];

  @TextField({ optional: true, allowEmpty: true, max: 2000, description: 'Cơ quan chủ trì, đúng như văn bản' })
  leadText?: string;

  @TextField({ optional: true, allowEmpty: true, max: 2000, description: 'Cơ quan phối hợp, đúng như văn bản' })
  coordinatorsText?: string;

  @TextField({ optional: true, allowEmpty: true, max: 2000, description: 'Thời gian hoàn thành, đúng như văn bản' })
  deadlineText?: string;

  @IdField({ optional: true, nullable: true, description: 'Người chủ trì; bỏ trống để tự khớp theo chức danh' })
  assigneeId?: number | null;

  @IdArrayField({ optional: true, maxItems: 30, description: 'Người phối hợp' })
  coordinatorIds?: number[];
}

export class CreateTaskDto extends TaskInputDto {
  @IntField({ min: 1, max: 7, description: 'Phụ lục 1–7' })
  phuLuc: number;
}

export class UpdateTaskDto {
  @IntField({ optional: true, min: 1, max: 7 })
  phuLuc?: number;

  @IntField({ optional: true, min: 1, max: 999 })
  ordinal?: number;

  @TextField({ optional: true, max: 5000 })
  content?: string;

  @StringArrayField({ optional: true, maxItems: 30, maxLength: 1000 })
  products?: string[];

  @TextField({ optional: true, allowEmpty: true, max: 2000 })
  leadText?: string;

  @TextField({ optional: true, allowEmpty: true, max: 2000 })
  coordinatorsText?: string;

  @TextField({ optional: true, allowEmpty: true, max: 2000, description: 'Sửa thời hạn thì lịch hạn được phân tích lại' })
  deadlineText?: string;

  @IdField({ optional: true, nullable: true })
  assigneeId?: number | null;

  @IdArrayField({ optional: true, maxItems: 30 })
  coordinatorIds?: number[];

  @IntField({ optional: true, min: 1, description: 'Phiên bản đã đọc; sai lệch trả 409' })
  version?: number;
}

export class CompleteTaskDto {
  @LocalDateField({ optional: true, description: 'Ngày hoàn thành (mặc định hôm nay)' })
  completedOn?: string;

  @TextField({ optional: true, allowEmpty: true, max: 2000, example: 'Kế hoạch số 13/KH-UBND ngày 28/02/2023' })
  evidence?: string;

  @LocalDateField({ optional: true, description: 'Hạn được hoàn thành; mặc định hạn sớm nhất còn mở' })
  dueOn?: string;

  @IntField({ optional: true, min: 1 })
  version?: number;
}

export class ReopenTaskDto {
  @TextField({ max: 2000, description: 'Lý do mở lại' })
  reason: string;

  @LocalDateField({ optional: true, description: 'Hạn được mở lại; mặc định hạn hoàn thành gần nhất' })
  dueOn?: string;

  @IntField({ optional: true, min: 1 })
  version?: number;
}

export class CancelTaskDto {
  @TextField({ max: 2000, description: 'Lý do hủy nhiệm vụ' })
  reason: string;

  @IntField({ optional: true, min: 1 })
  version?: number;
}

export class ListTasksQuery {
  @IdField({ optional: true, fromQuery: true })
  planId?: number;

  @IdField({ optional: true, fromQuery: true })
  assigneeId?: number;

  @EnumField(TASK_STATUSES, { optional: true })
  status?: TaskStatus;
}

/** The most rows one page of a plan's task list holds. */
export const TASK_PAGE_MAX = PAGE_MAX;

/** GET /api/plans/{id}/tasks: one page of a plan's tasks, narrowed as the Kế hoạch view narrows them. */
export class PlanTasksQuery extends PageQuery {
  @IntField({ optional: true, min: 1, max: 7, fromQuery: true, description: 'Chỉ nhiệm vụ của Phụ lục số này (1–7)' })
  phuLuc?: number;

  @EnumField(['open', 'overdue', 'done', 'cancelled'] satisfies TaskState[], { optional: true, description: 'Tình trạng hôm nay (giờ Việt Nam): open đang thực hiện, overdue quá hạn, done đã hoàn thành, cancelled đã hủy' })
  state?: TaskState;

  @IdField({ optional: true, fromQuery: true, description: 'Chỉ nhiệm vụ giao cho cán bộ này chủ trì (mã cán bộ)' })
  assigneeId?: number;

  @queryBool()
  @BoolField({ optional: true, description: 'Chỉ nhiệm vụ quá hạn (true/false)' })
  overdue?: boolean;

  @queryBool()
  @BoolField({ optional: true, description: 'Chỉ nhiệm vụ có thời hạn cần xem lại (true/false)' })
  needsReview?: boolean;

  @TextField({ optional: true, allowEmpty: true, max: 200, description: 'Tìm trong nội dung, sản phẩm, chủ trì, phối hợp, thời hạn; mọi từ phải có, không phân biệt dấu và hoa thường' })
  q?: string;
}

/** GET /api/officials/{id}/tasks: an official's tasks, most urgent first, a page at a time. */
export class OfficialTasksQuery extends PageQuery {
  @EnumField(TASK_STATUSES, { optional: true, description: 'Chỉ nhiệm vụ ở trạng thái này (open: đang thực hiện; done: hoàn thành; cancelled: đã hủy); mặc định mọi trạng thái' })
  status?: TaskStatus;
}

/** GET /api/tasks/{id}/history: the whole log, or the latest entries a page at a time. */
export class TaskHistoryQuery {
  @IntField({ optional: true, min: 1, max: TASK_PAGE_MAX, fromQuery: true, description: `Chỉ lấy bấy nhiêu bản ghi mới nhất (1–${TASK_PAGE_MAX}), vẫn xếp từ cũ đến mới; mặc định lấy tất cả` })
  limit?: number;

  @IdField({ optional: true, fromQuery: true, description: 'Trang sau: các bản ghi có mã nhỏ hơn mã này (bản ghi cũ nhất của trang trước)' })
  beforeId?: number;
}

export class AddNoteDto {
  @TextField({ max: 5000, description: 'Ghi chú tiến độ' })
  text: string;
}

export class RemoveTaskQuery {
  @IntField({ optional: true, min: 1, fromQuery: true, description: 'Phiên bản đã đọc; sai lệch trả 409' })
  version?: number;
}
