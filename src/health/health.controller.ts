import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../access/access.decorators.js';
import { RedisProbe } from './redis-probe.js';
import { HealthDto } from './dto/health.dto.js';
import { ApiErrors } from '../common/api-errors.js';

const REDIS_NOTES: Record<string, string> = {
  down: 'Redis không trả lời: nhắc việc và báo cáo tự động tạm dừng, giới hạn đăng nhập đếm riêng trong từng tiến trình; lịch nhắc việc sẽ được dựng lại khi Redis trở lại.',
  'refusing-writes': 'Redis từ chối ghi (hết bộ nhớ, chỉ đọc hoặc lỗi lưu đĩa): nhắc việc mới không được lên lịch, giới hạn đăng nhập đếm riêng trong từng tiến trình; lịch sẽ được dựng lại khi Redis ghi được.',
};

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(DataSource) private readonly db: DataSource, private readonly redis: RedisProbe) {}

  /** 200 when the database answers (Redis being down or full degrades reminders, not the plan). */
  @Get()
  @ApiOperation({ summary: 'Tình trạng máy chủ: cơ sở dữ liệu và Redis' })
  @ApiOkResponse({ type: HealthDto })
  @ApiSecurity({})
  @ApiResponse({ status: 503, description: 'Cơ sở dữ liệu không trả lời', type: HealthDto })
  // the body of every request is checked before any route runs (common/json-body.ts), this one's too
  @ApiErrors([400, 'Yêu cầu gửi kèm nội dung JSON hỏng (máy chủ kiểm tra nội dung của mọi yêu cầu trước khi xử lý)'])
  @Public()
  async health(@Res({ passthrough: true }) res: Response) {
    const database = await this.db.query('SELECT 1 AS ok').then(
      () => ({ status: 'up' as const, type: this.db.options.type === 'postgres' ? 'postgres' : 'sqlite' }),
      (e: Error) => ({ status: 'down' as const, type: String(this.db.options.type), error: e.message }),
    );
    const redis = await this.redis.check();
    const status = database.status === 'up' ? (redis.status === 'up' ? 'ok' : 'degraded') : 'down';
    res.status(database.status === 'up' ? 200 : 503);
    return { status, database, redis, ...(REDIS_NOTES[redis.status] ? { notes: [REDIS_NOTES[redis.status]] } : {}) };
  }
}
