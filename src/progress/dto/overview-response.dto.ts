import { ApiProperty } from '@nestjs/swagger';
import { LOCAL_DATE } from '../../common/record.dto.js';
import { TASK_STATE_LABELS } from '../../tasks/task-state.js';

/** One month of the overview's chart. */
export class MonthBarDto {
  @ApiProperty({ example: 'T3', description: 'Tháng (T1–T12)' }) label: string;
  @ApiProperty({ example: 5, description: 'Số lần đến hạn trong tháng' }) due: number;
  @ApiProperty({ example: 4, description: 'Số lần hoàn thành trong tháng, tính đến ngày đã chọn' }) done: number;
}

/** A task as one row of an overview list. */
export class OverviewItemDto {
  @ApiProperty({ example: 1 }) id: number;
  @ApiProperty({ minimum: 1, maximum: 7, example: 1 }) phuLuc: number;
  @ApiProperty({ example: 1, description: 'TT trong Phụ lục' }) ordinal: number;
  @ApiProperty({ description: 'Nội dung trên một dòng, rút gọn còn tối đa 90 ký tự' }) content: string;
  @ApiProperty({ type: Number, nullable: true }) assigneeId: number | null;
  @ApiProperty({ example: 'Nguyễn Văn A', description: 'Người chủ trì; "Chưa giao" khi chưa có' }) assigneeName: string;
}

export class OverdueItemDto extends OverviewItemDto {
  @ApiProperty({ type: [String], example: ['2023-03-31'], description: 'Các hạn chưa hoàn thành tính đến ngày đã chọn (YYYY-MM-DD)' }) dueOn: string[];
}

export class DueSoonItemDto extends OverviewItemDto {
  @ApiProperty({ ...LOCAL_DATE, description: 'Hạn gần nhất chưa hoàn thành' }) nextDue: string;
}

export class ReviewItemDto extends OverviewItemDto {
  @ApiProperty({ example: 'Thường xuyên', description: 'Thời gian hoàn thành, như kế hoạch ghi' }) deadlineText: string;
  @ApiProperty({ description: 'Vì sao thời hạn cần xem lại' }) notes: string;
  @ApiProperty({ enum: Object.keys(TASK_STATE_LABELS), description: 'Trạng thái tính đến ngày đã chọn' }) state: string;
}

export class UnassignedItemDto {
  @ApiProperty({ example: 1 }) id: number;
  @ApiProperty({ minimum: 1, maximum: 7, example: 1 }) phuLuc: number;
  @ApiProperty({ example: 1 }) ordinal: number;
  @ApiProperty({ type: String, nullable: true, description: 'Nội dung rút gọn' }) content: string | null;
  @ApiProperty({ description: 'Cơ quan chủ trì theo kế hoạch' }) leadText: string;
  @ApiProperty({ description: 'Vì sao chưa giao được' }) reason: string;
}

export class OverdueListDto {
  @ApiProperty({ example: 3, description: 'Tổng số nhiệm vụ của danh sách' }) total: number;
  @ApiProperty({ type: [OverdueItemDto], description: 'Tối đa 100 dòng đầu' }) items: OverdueItemDto[];
}
export class DueSoonListDto {
  @ApiProperty({ example: 3 }) total: number;
  @ApiProperty({ type: [DueSoonItemDto], description: 'Tối đa 100 dòng đầu, theo hạn gần nhất' }) items: DueSoonItemDto[];
}
export class ReviewListDto {
  @ApiProperty({ example: 3 }) total: number;
  @ApiProperty({ type: [ReviewItemDto], description: 'Tối đa 100 dòng đầu' }) items: ReviewItemDto[];
}
export class UnassignedListDto {
  @ApiProperty({ example: 3 }) total: number;
  @ApiProperty({ type: [UnassignedItemDto], description: 'Tối đa 100 dòng đầu' }) items: UnassignedItemDto[];
}

/** The overview page's chart and lists for a plan, as of a day. */
export class PlanOverviewDto {
  @ApiProperty({ example: 1 }) planId: number;
  @ApiProperty({ example: 2023 }) year: number;
  @ApiProperty({ ...LOCAL_DATE, description: 'Tính đến ngày (giờ Việt Nam)' }) asOf: string;
  @ApiProperty({ type: [MonthBarDto], description: 'Mười hai tháng của năm kế hoạch' }) months: MonthBarDto[];
  @ApiProperty({ type: () => OverdueListDto, description: 'Quá hạn chưa hoàn thành' }) overdue: OverdueListDto;
  @ApiProperty({ type: () => DueSoonListDto, description: 'Đến hạn trong 14 ngày tới' }) dueSoon: DueSoonListDto;
  @ApiProperty({ type: () => ReviewListDto, description: 'Thời hạn cần xem lại' }) needsReview: ReviewListDto;
  @ApiProperty({ type: () => UnassignedListDto, description: 'Chưa giao người chủ trì' }) unassigned: UnassignedListDto;
}
