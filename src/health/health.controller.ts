import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { RedisProbe } from './redis-probe.js';
import { Public } from '../access/access.decorators.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(DataSource) private readonly db: DataSource, private readonly redis: RedisProbe) {}

  /** 200 when the database answers (Redis being down degrades reminders, not the plan). */
  @Get()
  @Public()
  async health(@Res({ passthrough: true }) res: Response) {
    const database = await this.db.query('SELECT 1 AS ok').then(
      () => ({ status: 'up' as const, type: this.db.options.type === 'postgres' ? 'postgres' : 'sqlite' }),
      (e: Error) => ({ status: 'down' as const, type: String(this.db.options.type), error: e.message }),
    );
    const redis = await this.redis.ping();
    const status = database.status === 'up' ? (redis.status === 'up' ? 'ok' : 'degraded') : 'down';
    res.status(database.status === 'up' ? 200 : 503);
    return { status, database, redis };
  }
}
