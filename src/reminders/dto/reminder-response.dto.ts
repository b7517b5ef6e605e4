import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LOCAL_DATE } from '../../common/record.dto.js';

/** What came of one Zalo message of a delivered reminder. */
export class ZaloOutcomeDto {
  @ApiProperty({ example: 3, description: 'Cán bộ nhận' })
  officialId: number;

  @ApiProperty({ description: 'Đã gửi qua Zalo' })
  sent: boolean;

  @ApiProperty({ description: 'Kết quả, tiếng Việt: đã gửi, hoặc vì sao phải gửi e-mail thay', example: 'Số điện thoại chưa đăng ký Zalo hoặc tài khoản đã bị vô hiệu hóa: gửi e-mail thay' })
  outcome: string;
}

/** A reminder of a task: as the queue holds it, planned beyond the horizon, or delivered with its Zalo messages. */
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
    description: 'Trạng thái trong hàng đợi (delayed, waiting, active, completed, failed…); planned: đến hạn sau 48 giờ tới, chưa đưa vào Redis; missing: cơ sở dữ liệu cần mà Redis không giữ (sẽ được dựng lại); unknown: Redis không trả lời; delivered: đã gửi, kèm kết quả gửi Zalo',
    example: 'delayed',
  })
  state: string;

  @ApiPropertyOptional({ type: [ZaloOutcomeDto], description: 'Với nhắc việc đã gửi qua Zalo: kết quả từng tin' })
  zalo?: ZaloOutcomeDto[];
}
