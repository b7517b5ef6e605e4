import { ApiProperty } from '@nestjs/swagger';
import { LOCAL_DATE } from '../../common/record.dto.js';

/** An in-app notification. */
export class NotificationDto {
  @ApiProperty({ example: 6 })
  id: number;

  @ApiProperty({ description: 'Cán bộ nhận', example: 3 })
  officialId: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Nhiệm vụ được nhắc tới' })
  taskId: number | null;

  @ApiProperty({ description: 'Loại: nhắc trước hạn, quá hạn, giao việc, báo cáo…', example: 'report' })
  kind: string;

  @ApiProperty({ ...LOCAL_DATE, nullable: true, description: 'Hạn được nhắc tới' })
  dueOn: string | null;

  @ApiProperty({ example: 'Nhắc việc: còn 7 ngày' })
  title: string;

  @ApiProperty()
  body: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Đã đọc lúc; null: chưa đọc' })
  readAt: string | null;
}

/** GET /api/notifications/unread-count */
export class UnreadCountDto {
  @ApiProperty({ example: 3, description: 'Số thông báo chưa đọc của chính mình' })
  count: number;
}
