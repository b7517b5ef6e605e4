import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DatabaseHealthDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status: 'up' | 'down';

  @ApiProperty({ example: 'sqlite', description: 'sqlite hoặc postgres' })
  type: string;

  @ApiPropertyOptional({ description: 'Lỗi khi không kết nối được' })
  error?: string;
}

export class RedisHealthDto {
  @ApiProperty({ enum: ['up', 'down', 'refusing-writes'] })
  status: string;

  @ApiPropertyOptional({ description: 'Lỗi khi Redis không trả lời hoặc từ chối ghi' })
  error?: string;
}

export class ZaloAccountHealthDto {
  @ApiProperty({ description: 'Official Account: tên đơn vị sở hữu, hoặc "Official Account chung của hệ thống"' })
  name: string;

  @ApiProperty({ type: Number, nullable: true, description: 'Mã đơn vị sở hữu; null: của hệ thống' })
  unitId: number | null;

  @ApiProperty({ enum: ['up', 'down'], description: 'down: ngừng, nhắc việc của các xã dùng Official Account này gửi qua e-mail' })
  status: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Lý do ngừng hoặc sự cố gần nhất, tiếng Việt' })
  problem?: string;
}

export class ZaloHealthDto {
  @ApiProperty({ enum: ['off', 'up', 'down', 'unknown'], description: 'off: chưa cấu hình Zalo; down: ít nhất một Official Account ngừng, nhắc việc của nó gửi qua e-mail' })
  status: string;

  @ApiPropertyOptional({ description: 'Lý do ngừng, hoặc sự cố gần nhất (mẫu tin bị từ chối), tiếng Việt; có nhiều Official Account thì nêu tên từng tài khoản' })
  problem?: string;

  @ApiPropertyOptional({ type: [ZaloAccountHealthDto], description: 'Từng Official Account; một tài khoản ngừng không làm ngừng các tài khoản khác' })
  accounts?: ZaloAccountHealthDto[];
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded', 'down'], description: 'degraded: Redis không dùng được hoặc kênh Zalo ngừng, kế hoạch vẫn chạy' })
  status: 'ok' | 'degraded' | 'down';

  @ApiProperty({ type: DatabaseHealthDto })
  database: DatabaseHealthDto;

  @ApiProperty({ type: RedisHealthDto })
  redis: RedisHealthDto;

  @ApiProperty({ type: ZaloHealthDto })
  zalo: ZaloHealthDto;

  @ApiPropertyOptional({ type: [String], description: 'Hậu quả cho người dùng, tiếng Việt' })
  notes?: string[];
}
