import { ApiProperty } from '@nestjs/swagger';

/** The columns every edited record answers with (database/versioned-record.ts). */
export class VersionedRecordDto {
  @ApiProperty({ description: 'Thời điểm tạo (ISO 8601, UTC)', format: 'date-time' })
  createdAt: string;

  @ApiProperty({ description: 'Thời điểm sửa gần nhất (ISO 8601, UTC)', format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ description: 'Phiên bản; gửi lại khi sửa, sai lệch trả 409', example: 1 })
  version: number;
}

/** A local date (Asia/Ho_Chi_Minh), as every date of the plan is sent. */
export const LOCAL_DATE = { type: String, format: 'date', example: '2023-06-30' } as const;
