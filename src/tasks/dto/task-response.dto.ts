import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { AuditEntryDto } from '../../audit/dto/audit-entry.dto.js';
import { LOCAL_DATE } from '../../common/record.dto.js';
import { PageMetaDto } from '../../common/page-query.js';
import { ScheduleDto, ScheduleItemDto } from '../../deadlines/dto/schedule.dto.js';
import { TASK_STATUSES, type TaskStatus } from '../entities/task.entity.js';

/** One due date of a task, with its completion. */
/** A task's schedule: the parser's items are left out of a plan's compact list (GET /api/plans/{id}?compact=true). */
export class TaskScheduleDto extends OmitType(ScheduleDto, ['items', 'dueDates'] as const) {
  @ApiPropertyOptional({ type: [ScheduleItemDto], description: 'Mỗi lần đến hạn một dòng, theo ngày rồi theo tên; không có trong bản gọn (compact=true)' })
  items?: ScheduleItemDto[];

  @ApiPropertyOptional({ type: [String], example: ['2023-03-31'], description: 'Các ngày đến hạn đã hiểu được (YYYY-MM-DD); không có trong bản gọn (compact=true): các hạn của nhiệm vụ (dueDates) nói điều đó' })
  dueDates?: string[];
}

export class DueDateDto {
  @ApiProperty({ ...LOCAL_DATE, nullable: true, description: 'Ngày đến hạn; null khi thời hạn chưa xác định' })
  dueOn: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Quý I', description: 'Không có trong bản gọn (compact=true)' })
  label?: string | null;

  @ApiProperty({ ...LOCAL_DATE, nullable: true, description: 'Ngày hoàn thành' })
  completedOn: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Sản phẩm, văn bản chứng minh đã hoàn thành; không có trong bản gọn (compact=true)' })
  evidence?: string | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'null khi chưa hoàn thành; true khi xong đúng hạn; không có trong bản gọn (compact=true)' })
  onTime?: boolean | null;
}

/** A task (nhiệm vụ) as the API answers it. */
export class TaskDto {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: 1 })
  planId: number;

  @ApiProperty({ minimum: 1, maximum: 7, description: 'Số Phụ lục (01–07)', example: 1 })
  phuLuc: number;

  @ApiProperty({ description: 'Số thứ tự (TT) trong Phụ lục', example: 1 })
  ordinal: number;

  @ApiProperty({ description: 'Nội dung' })
  content: string;

  @ApiProperty({ type: [String], description: 'Sản phẩm' })
  products: string[];

  @ApiProperty({ description: 'Cơ quan, người chủ trì, như kế hoạch ghi' })
  leadText: string;

  @ApiProperty({ description: 'Cơ quan, người phối hợp, như kế hoạch ghi' })
  coordinatorsText: string;

  @ApiProperty({ description: 'Thời gian hoàn thành, như kế hoạch ghi', example: 'Trước 30/6/2023' })
  deadlineText: string;

  @ApiProperty({ type: TaskScheduleDto })
  schedule: TaskScheduleDto;

  @ApiProperty({ type: Number, nullable: true, description: 'Cán bộ chủ trì được giao (mã cán bộ)' })
  assigneeId: number | null;

  @ApiProperty({ type: [Number], description: 'Cán bộ phối hợp (mã cán bộ), tăng dần' })
  coordinatorIds: number[];

  @ApiProperty({ enum: TASK_STATUSES, description: 'open: đang thực hiện; done: hoàn thành; cancelled: đã hủy' })
  status: TaskStatus;

  @ApiProperty({ type: [DueDateDto], description: 'Các hạn, theo ngày' })
  dueDates: DueDateDto[];

  @ApiProperty({ description: 'Phiên bản; gửi lại khi sửa, sai lệch trả 409', example: 1 })
  version: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'Không có trong bản gọn (compact=true)' })
  createdAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Không có trong bản gọn (compact=true)' })
  updatedAt?: string;
}

/** A task no official is assigned to yet, and why the lead could not be matched. */
export class UnassignedTaskDto {
  @ApiProperty({ example: 3 })
  taskId: number;

  @ApiProperty({ example: 2 })
  phuLuc: number;

  @ApiProperty({ example: 1 })
  ordinal: number;

  @ApiProperty({ description: 'Cơ quan, người chủ trì, như kế hoạch ghi' })
  leadText: string;

  @ApiProperty({ example: 'Chưa ghi cơ quan chủ trì' })
  reason: string;
}

export class CreatedTaskDto {
  @ApiProperty({ type: TaskDto })
  task: TaskDto;

  @ApiProperty({ type: UnassignedTaskDto, nullable: true, description: 'Khi chưa giao được cho cán bộ nào: vì sao' })
  unassigned: UnassignedTaskDto | null;
}

export class TaskHistoryEntryDto extends AuditEntryDto {
  @ApiProperty({ example: 1 })
  taskId: number;
}

/** A progress note on a task. */
export class TaskNoteDto {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: 1 })
  taskId: number;

  @ApiProperty({ example: 2 })
  authorUserId: number;

  @ApiProperty({ example: 'Lê Văn Chủ' })
  authorName: string;

  @ApiProperty({ example: 'Đã gửi dự thảo để góp ý' })
  text: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

/** How many tasks of one Phụ lục match a list's filter. */
export class PhuLucMatchCountDto {
  @ApiProperty({ minimum: 1, maximum: 7, example: 1, description: 'Số Phụ lục' })
  number: number;

  @ApiProperty({ example: 12, description: 'Số nhiệm vụ khớp bộ lọc trong Phụ lục này' })
  total: number;
}

/** One page of a plan's tasks (GET /api/plans/{id}/tasks), in Phụ lục and TT order, rows in the compact shape. */
export class PlanTaskPageDto extends PageMetaDto {
  @ApiProperty({ example: 34, description: 'Số nhiệm vụ của kế hoạch, không lọc' })
  planTotal: number;

  @ApiProperty({ type: [PhuLucMatchCountDto], description: 'Số nhiệm vụ khớp bộ lọc theo từng Phụ lục (chỉ Phụ lục có nhiệm vụ khớp), theo số Phụ lục' })
  phuLucs: PhuLucMatchCountDto[];

  @ApiProperty({ type: [TaskDto], description: 'Nhiệm vụ của trang, bản gọn (như compact=true): rỗng khi offset vượt quá total' })
  items: TaskDto[];
}

/** One page of an official's tasks (GET /api/officials/{id}/tasks): overdue first, then by the next due date. */
export class OfficialTaskPageDto extends PageMetaDto {
  @ApiProperty({ example: 3, description: 'Trong đó quá hạn hôm nay (giờ Việt Nam)' })
  overdue: number;

  @ApiProperty({ type: [TaskDto], description: 'Nhiệm vụ của trang, bản gọn (như compact=true); rỗng khi offset vượt quá total' })
  items: TaskDto[];
}
