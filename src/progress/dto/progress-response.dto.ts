import { CchcThresholdsAnswerDto } from '../../organization/dto/organization-response.dto.js';
import { ApiProperty } from '@nestjs/swagger';
import { LOCAL_DATE } from '../../common/record.dto.js';
import { PlanDto } from '../../plans/dto/plan-response.dto.js';
import { TaskDto, UnassignedTaskDto } from '../../tasks/dto/task-response.dto.js';

/** One Phụ lục of a plan, with its tasks by TT. */
export class PhuLucDto {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ minimum: 1, maximum: 7, example: 1 })
  number: number;

  @ApiProperty({ example: 'Cải cách thể chế' })
  title: string;

  @ApiProperty({ type: String, nullable: true, description: 'Tiêu đề riêng của Phụ lục trong kế hoạch' })
  heading: string | null;

  @ApiProperty({ type: [TaskDto] })
  tasks: TaskDto[];
}

/** The plan as a whole: header, seven Phụ lục with their tasks, and what still needs assigning. */
export class PlanBookDto extends PlanDto {
  @ApiProperty({ example: 34 })
  taskCount: number;

  @ApiProperty({ type: [PhuLucDto] })
  phuLucs: PhuLucDto[];

  @ApiProperty({ type: [UnassignedTaskDto], description: 'Nhiệm vụ chưa giao được cho cán bộ nào; rỗng khi withTasks=false' })
  unassigned: UnassignedTaskDto[];

  @ApiProperty({ example: 4, description: 'Số nhiệm vụ chưa giao được cho cán bộ nào' })
  unassignedCount: number;
}

/** Completion figures; the words are ready to print (Vietnamese number format). */
export class ProgressFiguresDto {
  @ApiProperty({ description: 'Số nhiệm vụ theo kế hoạch', example: 34 })
  planned: number;

  @ApiProperty({ example: 12 })
  completed: number;

  @ApiProperty({ example: 10 })
  completedOnTime: number;

  @ApiProperty({ example: 2 })
  completedLate: number;

  @ApiProperty({ description: 'Quá hạn, chưa hoàn thành', example: 3 })
  overdue: number;

  @ApiProperty({ description: 'Đang thực hiện, chưa đến hạn', example: 19 })
  inProgress: number;

  @ApiProperty({ example: '12/34' })
  ratio: string;

  @ApiProperty({ example: '35,29%' })
  percent: string;

  @ApiProperty({ example: 'đã hoàn thành 12/34 nhiệm vụ, đạt 35,29% kế hoạch' })
  summary: string;
}

export class PhuLucProgressDto extends ProgressFiguresDto {
  @ApiProperty({ minimum: 1, maximum: 7, example: 1 })
  phuLuc: number;

  @ApiProperty({ example: 'Cải cách thể chế' })
  title: string;
}

/** The plan criterion of the CCHC index (progress/cchc-points.ts). */
export class CchcPointsDto {
  @ApiProperty({ example: 2, description: 'Điểm đạt được' }) points: number;
  @ApiProperty({ example: 2, description: 'Điểm tối đa của tiêu chí' }) maxPoints: number;
  @ApiProperty({ example: '93,75%' }) percent: string;
  @ApiProperty({ type: () => CchcThresholdsAnswerDto, description: 'Ngưỡng đã dùng' }) thresholds: CchcThresholdsAnswerDto;
  @ApiProperty({ type: String, nullable: true, description: 'Đơn vị cấp trên đặt ngưỡng; null: ngưỡng mặc định', example: 'UBND huyện Hoằng Hóa' })
  thresholdsFrom: string | null;

  @ApiProperty({ example: 'Mức độ thực hiện kế hoạch CCHC: đạt 93,75% (trên 90%), tự đánh giá 2/2 điểm' }) text: string;
  @ApiProperty({ example: 'trên 90%: 2 điểm; từ 70% đến 90%: 1 điểm; dưới 70%: 0 điểm' }) rule: string;
}

export class PlanProgressDto extends ProgressFiguresDto {
  @ApiProperty({ example: 1 })
  planId: number;

  @ApiProperty({ ...LOCAL_DATE, description: 'Tính đến ngày (giờ Việt Nam)' })
  asOf: string;

  @ApiProperty({ type: [PhuLucProgressDto] })
  phuLucs: PhuLucProgressDto[];

  @ApiProperty({ type: () => CchcPointsDto, description: 'Điểm tự đánh giá tiêu chí "mức độ thực hiện kế hoạch CCHC"' })
  cchcPoints: CchcPointsDto;
}
