import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../access/access.decorators.js';
import { RedisProbe } from './redis-probe.js';
import { HealthDto } from './dto/health.dto.js';
import { ApiErrors } from '../common/api-errors.js';
import { ZaloService } from '../zalo/zalo.service.js';

const REDIS_NOTES: Record<string, string> = {
  down: 'Redis không trả lời: nhắc việc và báo cáo tự động tạm dừng, giới hạn đăng nhập đếm riêng trong từng tiến trình; lịch nhắc việc sẽ được dựng lại khi Redis trở lại.',
  'refusing-writes': 'Redis từ chối ghi (hết bộ nhớ, chỉ đọc hoặc lỗi lưu đĩa): nhắc việc mới không được lên lịch, giới hạn đăng nhập đếm riêng trong từng tiến trình; lịch sẽ được dựng lại khi Redis ghi được.',
};

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(DataSource) private readonly db: DataSource, private readonly redis: RedisProbe, private readonly zalo: ZaloService) {}

  /** 200 when the database answers (Redis being down or full degrades reminders, not the plan). */
  @Get()
  @ApiOperation({ summary: 'Tình trạng máy chủ: cơ sở dữ liệu, Redis và kênh Zalo' })
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
    const zalo = database.status === 'up' ? await this.zalo.health().catch(() => ({ status: 'unknown' as const })) : { status: 'unknown' as const };
    const status = database.status === 'up' ? (redis.status === 'up' && zalo.status !== 'down' ? 'ok' : 'degraded') : 'down';
    res.status(database.status === 'up' ? 200 : 503);
    const notes = [
      ...(REDIS_NOTES[redis.status] ? [REDIS_NOTES[redis.status]] : []),
      ...(zalo.status === 'down' ? [`Kênh Zalo ngừng (${'accounts' in zalo ? zalo.accounts.filter((a) => a.status === 'down').map((a) => a.name).join(', ') : ''}): nhắc việc gửi qua e-mail thay. Quản trị viên xem /api/zalo và nhập refresh token mới nếu cần.`] : []),
    ];
    return { status, database, redis, zalo, ...(notes.length ? { notes } : {}) };
  }
}
