import { ApiProperty } from '@nestjs/swagger';
import { LOCAL_DATE } from '../../common/record.dto.js';

/** A reminder scheduled for a task, as the queue holds it. */
export class ScheduledReminderDto {
  @ApiProperty({ example: 'rem-t1-2023-03-31-before-7' })
  jobId: string;

  @ApiProperty({ description: 'before-N: trước hạn N ngày; overdue-N: quá hạn N ngày', example: 'before-7' })
  kind: string;

  @ApiProperty({ ...LOCAL_DATE })
  dueOn: string;

  @ApiProperty({ format: 'date-time', description: 'Gửi lúc (ISO 8601, UTC)' })
  fireAt: string;

  @ApiProperty({
    description: 'Trạng thái trong hàng đợi (delayed, waiting, active, completed, failed…); missing: cơ sở dữ liệu cần mà Redis không giữ (sẽ được dựng lại); unknown: Redis không trả lời',
    example: 'delayed',
  })
  state: string;
}
