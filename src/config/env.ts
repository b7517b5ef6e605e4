import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

/**
 * Every setting the service reads from its environment, validated once at
 * start-up. Defaults run the product out of the box on one machine.
 */
export class EnvVars {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsInt() @Min(0) @Max(65535)
  PORT: number = 3000;

  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, {
    message: 'DATABASE_URL phải có dạng sqlite:<đường dẫn tệp> hoặc postgres://…',
  })
  DATABASE_URL: string = 'sqlite:./data/cchc.sqlite';

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL phải có dạng redis://máy:cổng' })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  /** auto: load the demo plan into an empty database; off: never. */
  @IsIn(['auto', 'off'])
  DEMO_PLAN: 'auto' | 'off' = 'auto';

  @IsOptional() @IsString()
  LOG_SQL?: string;
}

export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | { type: 'postgres'; url: string };

export interface AppConfig {
  env: EnvVars;
  database: DatabaseConfig;
}

export class ConfigError extends Error {}

/** Reads and validates the environment; the error lists every bad name, never a value. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(new EnvVars())) {
    const value = source[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const env = plainToInstance(EnvVars, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: true });
  if (errors.length) {
    const lines = errors.map((e) => `- ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Cấu hình không hợp lệ:\n${lines.join('\n')}`);
  }
  return { env, database: parseDatabaseUrl(env.DATABASE_URL) };
}

export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    return { type: 'sqlite', path };
  }
  return { type: 'postgres', url };
}
