import { ApiProperty } from '@nestjs/swagger';
import { LOCAL_DATE } from '../../common/record.dto.js';
import { SCHEDULE_KINDS, type ScheduleKind } from '../parse-deadline.js';

export class ScheduleItemDto {
  @ApiProperty({ ...LOCAL_DATE, description: 'Ngày đến hạn (giờ Việt Nam)' })
  dueOn: string;

  @ApiProperty({ type: String, nullable: true, description: 'Tên của lần đến hạn (“Quý I”, “6 tháng”…)', example: 'Quý I' })
  label: string | null;
}

/** What a deadline written in words means: its due dates, and whether a person should look. */
export class ScheduleDto {
  @ApiProperty({ enum: SCHEDULE_KINDS, description: 'date: một ngày; ongoing: thường xuyên; recurring: định kỳ; milestones: nhiều mốc; unspecified: không xác định' })
  kind: ScheduleKind;

  @ApiProperty({ type: [String], format: 'date', description: 'Các ngày đến hạn, không trùng, tăng dần', example: ['2023-06-30'] })
  dueDates: string[];

  @ApiProperty({ type: [ScheduleItemDto], description: 'Mỗi lần đến hạn một dòng, theo ngày rồi theo tên' })
  items: ScheduleItemDto[];

  @ApiProperty({ description: 'Cần người xem lại thời hạn' })
  needsReview: boolean;

  @ApiProperty({ type: [String], description: 'Vì sao cần xem lại (rỗng khi không cần)' })
  notes: string[];
}
