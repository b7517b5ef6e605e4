import 'reflect-metadata';
import { newSecretsKey, parseSecretsKey } from '../common/secret-box.js';
import { parseHolidays } from '../common/working-days.js';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

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

  /** A better_sqlite3.node built for this Node.js, instead of node_modules' own (`npm test` sets it for its Node 24 run). */
  @IsOptional() @IsString()
  SQLITE_NATIVE_BINDING?: string;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL phải có dạng redis://máy:cổng' })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  /** auto: load the demo plan into an empty database; off: never. */
  @IsIn(['auto', 'off'])
  DEMO_PLAN: 'auto' | 'off' = 'auto';

  @IsOptional() @IsString()
  LOG_SQL?: string;

  /** smtp://user:pass@host:port; unset: reminders are in-app only. */
  @IsOptional() @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL phải có dạng smtp://máy:cổng hoặc smtps://…' })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM: string = 'Theo dõi CCHC <cchc@localhost>';

  /** The address people open, for links in reminder mails; default http://localhost:PORT. */
  @IsOptional() @Matches(/^https?:\/\/.+/, { message: 'PUBLIC_URL phải có dạng http(s)://…' })
  PUBLIC_URL?: string;

  /** Prefix of every Redis key of the queues: several installs (or test runs) can share one Redis. */
  @Matches(/^[a-z0-9_-]{1,40}$/i, { message: 'QUEUE_PREFIX chỉ gồm chữ, số, - và _' })
  QUEUE_PREFIX: string = 'cchc';

  /** inline: the reminder worker runs inside the server; off: run `node dist/worker.js` instead. */
  @IsIn(['inline', 'off'])
  WORKER: 'inline' | 'off' = 'inline';

  /** How long a worker holds a job before another may take it over (a dead worker's job). */
  @IsInt() @Min(1000)
  REMINDER_LOCK_MS: number = 30_000;

  /**
   * How long a delivery's send (Zalo, then the mail) is presumed still going
   * in the process that began it. A job taken over meanwhile (its worker lost
   * its lock to a stall, not dead) waits and tries again rather than sending
   * a second time; after it, the sender is presumed dead and the send is taken
   * over. Longer than the sends' own timeouts (Zalo 10 s a message, SMTP 30 s).
   */
  @IsInt() @Min(1000)
  REMINDER_IN_FLIGHT_MS: number = 120_000;

  /**
   * How many reminders one process delivers at once. Their database work is
   * grouped (one transaction for the claims of those in hand, one for their
   * settlements), so more at once means fewer commits; the mail goes over a
   * pool of 5 SMTP connections.
   */
  @IsInt() @Min(1) @Max(500)
  REMINDER_CONCURRENCY: number = 50;

  /**
   * How often each process checks, from a timer of its own, that the recurring jobs are in Redis
   * (Redis may have lost its data) and that reminders left unscheduled by a Redis failure are rebuilt.
   */
  @IsInt() @Min(1) @Max(3600)
  SCHEDULE_CHECK_SECONDS: number = 60;

  /**
   * Reminders held in Redis: only those due within this many hours; a sweep every
   * 10 minutes adds the next ones from the database (and after a stop, at start-up).
   */
  @IsInt() @Min(1) @Max(24 * 366)
  REMINDER_HORIZON_HOURS: number = 48;

  /**
   * Public holidays added to the shipped list (src/common/working-days.ts: 2026 and 2027),
   * dd/mm/yyyy or yyyy-mm-dd, separated by commas: reminders due on them go on the working day before.
   */
  @IsOptional() @Matches(/^[\d/\-\s,;]*$/, { message: 'HOLIDAYS là danh sách ngày dd/mm/yyyy, cách nhau bởi dấu phẩy' })
  HOLIDAYS?: string;

  /**
   * Zalo (ZNS) for the whole install: the Zalo app's id and secret key, and the Official
   * Account's refresh token (used once, to start: the pair is then kept in the database,
   * each refresh storing the next one). Reminders go by Zalo only when all three are set.
   */
  @IsOptional() @Matches(/^\d{5,30}$/, { message: 'ZALO_APP_ID là dãy số (mã ứng dụng Zalo)' })
  ZALO_APP_ID?: string;

  @IsOptional() @IsString()
  ZALO_SECRET_KEY?: string;

  @IsOptional() @IsString()
  ZALO_REFRESH_TOKEN?: string;

  /** ZNS template ids per reminder kind: before the due date, on it, overdue; the near-quota digest of a unit. */
  @IsOptional() @IsString()
  ZALO_TEMPLATE_BEFORE?: string;

  @IsOptional() @IsString()
  ZALO_TEMPLATE_DUE?: string;

  @IsOptional() @IsString()
  ZALO_TEMPLATE_OVERDUE?: string;

  @IsOptional() @IsString()
  ZALO_TEMPLATE_DIGEST?: string;

  /** development: trials, only the OA's administrators receive (ZNS "mode": "development"). */
  @IsIn(['production', 'development'])
  ZALO_MODE: 'production' | 'development' = 'production';

  /** Zalo's hosts; tests point them at a local fake. */
  @Matches(/^https?:\/\/.+[^/]$/, { message: 'ZALO_OAUTH_URL phải có dạng http(s)://… (không có / ở cuối)' })
  ZALO_OAUTH_URL: string = 'https://oauth.zaloapp.com';

  @Matches(/^https?:\/\/.+[^/]$/, { message: 'ZALO_API_URL phải có dạng http(s)://… (không có / ở cuối)' })
  ZALO_API_URL: string = 'https://business.openapi.zalo.me';

  /** Near the quota: when no more than this many ZNS messages are left today, a unit's reminders go as one digest message. */
  @IsInt() @Min(0)
  ZALO_QUOTA_RESERVE: number = 50;

  /** First retry delay of a failed delivery (e.g. the SMTP server refused); doubles each time. */
  @IsInt() @Min(100)
  REMINDER_RETRY_MS: number = 30_000;

  /** Signs access tokens. Required outside development: `npm start` keeps one in ./data/jwt-secret. */
  @IsOptional() @MinLength(32, { message: 'JWT_SECRET phải dài ít nhất 32 ký tự' })
  JWT_SECRET?: string;

  /**
   * The key (32 bytes: 64 hex digits or base64) the secrets kept in the database are sealed
   * with (Zalo secret keys and tokens, AES-256-GCM). Unset: made once and kept in
   * DATA_DIR/secrets-key (readable by this user only). Set it when several servers share
   * one PostgreSQL database, or to keep the key away from the data folder's backups.
   */
  @IsOptional() @IsString()
  SECRETS_KEY?: string;

  /** Life of an access token; the web page's cookie is renewed while the person works. */
  @IsInt() @Min(1) @Max(24 * 60)
  ACCESS_TOKEN_MINUTES: number = 60;

  /** A sign-in ends after this many hours, renewed cookie or not. */
  @IsInt() @Min(1) @Max(24 * 30)
  SESSION_HOURS: number = 12;

  /** The first administrator, created on an empty database (a password is generated and printed once when unset). */
  @IsOptional() @Matches(/^[a-z0-9._-]{3,64}$/i, { message: 'ADMIN_USERNAME chỉ gồm chữ không dấu, số, . _ - (3–64 ký tự)' })
  ADMIN_USERNAME?: string;

  @IsOptional() @MinLength(8, { message: 'ADMIN_PASSWORD phải dài ít nhất 8 ký tự' })
  ADMIN_PASSWORD?: string;

  /** Failed sign-ins allowed per username within the window, before 429. */
  @IsInt() @Min(1)
  LOGIN_MAX_FAILURES: number = 5;

  /**
   * Failed sign-ins allowed per address within the window. Higher than per username:
   * a commune office's PCs often share one address, and one person's typos must not lock out the rest.
   */
  @IsInt() @Min(1)
  LOGIN_MAX_FAILURES_PER_ADDRESS: number = 20;

  @IsInt() @Min(1)
  LOGIN_WINDOW_SECONDS: number = 60;

  /**
   * Report versions one account may build (POST /api/plans/:id/reports) within the window, before 429.
   * A commune makes a handful of versions of a period's report; a build of a large plan costs seconds and megabytes.
   */
  @IsInt() @Min(1)
  REPORT_BUILDS_PER_ACCOUNT: number = 10;

  /** The same, for all the accounts of one unit together. */
  @IsInt() @Min(1)
  REPORT_BUILDS_PER_UNIT: number = 30;

  @IsInt() @Min(1)
  REPORT_BUILD_WINDOW_SECONDS: number = 600;

  /** Report files (DOCX, XLSX, HTML) one account may export within the window, before 429. */
  @IsInt() @Min(1)
  REPORT_EXPORTS_PER_ACCOUNT: number = 60;

  /** The same, for the files of one unit's reports, whoever asks (the superior level's viewers too). */
  @IsInt() @Min(1)
  REPORT_EXPORTS_PER_UNIT: number = 200;

  @IsInt() @Min(1)
  REPORT_EXPORT_WINDOW_SECONDS: number = 600;

  /** Worker threads that render DOCX and XLSX files; more exports at once wait their turn. Default: a core less than the machine has, 1 to 2. */
  @IsInt() @Min(1) @Max(16)
  REPORT_RENDER_THREADS: number = Math.max(1, Math.min(2, availableParallelism() - 1));

  /**
   * Where evidence files (tài liệu kiểm chứng) are kept: disk, in DATA_DIR/evidence; database, in the
   * database itself, so that several servers behind one load balancer share them.
   */
  @IsIn(['disk', 'database'])
  FILE_STORAGE: 'disk' | 'database' = 'disk';

  /** The data folder for files: default the SQLite file's folder, or ./data on PostgreSQL. */
  @IsOptional() @IsString()
  DATA_DIR?: string;

  /** The largest evidence file accepted, in bytes (default 20 MB). */
  @IsInt() @Min(1024) @Max(1024 * 1024 * 1024)
  EVIDENCE_MAX_BYTES: number = 20 * 1024 * 1024;

  /** Largest plan file (.docx, .doc, .xlsx, .csv) an import accepts, in bytes; read as it streams in. Default 10 MB. */
  @IsInt() @Min(1024) @Max(200 * 1024 * 1024)
  PLAN_IMPORT_MAX_BYTES: number = 10 * 1024 * 1024;

  /** The most an imported Office package may inflate to (zip bomb guard), in bytes. Default 100 MB. */
  @IsInt() @Min(1024 * 1024)
  PLAN_IMPORT_MAX_UNZIPPED_BYTES: number = 100 * 1024 * 1024;

  /** How long a previewed import waits for its confirmation. */
  @IsInt() @Min(1) @Max(7 * 24 * 60)
  PLAN_IMPORT_PREVIEW_MINUTES: number = 120;

  /** LibreOffice, to read Word 97–2003 (.doc) plans; a bare name is looked up on PATH. Absent: .doc is refused with advice. */
  @IsString()
  SOFFICE_PATH: string = 'soffice';

  /** Time limit of one .doc conversion; LibreOffice is killed after it. */
  @IsInt() @Min(1) @Max(600)
  DOC_CONVERT_TIMEOUT_SECONDS: number = 60;

  /** Express's "trust proxy" (e.g. loopback, or 1) when behind a reverse proxy, so limits see the real address. */
  @IsOptional() @IsString()
  TRUST_PROXY?: string;
}

export type DatabaseConfig =
  | { type: 'sqlite'; path: string; nativeBinding?: string }
  | { type: 'postgres'; url: string };

export interface AppConfig {
  env: EnvVars;
  database: DatabaseConfig;
  /** The key access tokens are signed with. */
  jwtSecret: string;
  /** True when the secret was made up for this process (development only): tokens die with it. */
  jwtSecretGenerated: boolean;
  /** The data folder: DATA_DIR, else the SQLite file's folder, else ./data. */
  dataDir: string;
}

export class ConfigError extends Error {}

/**
 * Reads and validates the environment; the error lists every bad name, never a value.
 * signsTokens false: a process with no HTTP server (the worker, the demo loader) needs no JWT secret.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, opts: { signsTokens?: boolean } = {}): AppConfig {
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
  if (!env.JWT_SECRET && env.NODE_ENV !== 'development' && opts.signsTokens !== false) {
    throw new ConfigError(`Cấu hình không hợp lệ:\n- JWT_SECRET: bắt buộc khi NODE_ENV=${env.NODE_ENV} (chuỗi ngẫu nhiên, ít nhất 32 ký tự)`);
  }
  if (parseHolidays(env.HOLIDAYS) === null) {
    throw new ConfigError('Cấu hình không hợp lệ:\n- HOLIDAYS: có ngày không có thật; viết dd/mm/yyyy, cách nhau bởi dấu phẩy');
  }
  if (env.SECRETS_KEY && !parseSecretsKey(env.SECRETS_KEY)) {
    throw new ConfigError('Cấu hình không hợp lệ:\n- SECRETS_KEY: khóa 32 byte, viết bằng 64 chữ số hệ 16 hoặc base64');
  }
  const database = parseDatabaseUrl(env.DATABASE_URL);
  if (database.type === 'sqlite' && env.SQLITE_NATIVE_BINDING) database.nativeBinding = env.SQLITE_NATIVE_BINDING;
  return {
    env,
    database,
    jwtSecret: env.JWT_SECRET ?? randomBytes(32).toString('base64url'),
    jwtSecretGenerated: !env.JWT_SECRET,
    dataDir: env.DATA_DIR ?? (database.type === 'sqlite' && database.path !== ':memory:' ? dirname(database.path) : './data'),
  };
}

export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    return { type: 'sqlite', path };
  }
  return { type: 'postgres', url };
}

const secretsKeys = new WeakMap<AppConfig, Buffer>();

/**
 * The key the database's secrets are sealed with: SECRETS_KEY, else the one
 * kept in DATA_DIR/secrets-key, made there the first time it is needed (like
 * `npm start`'s JWT secret, so that a plain start needs no set-up). Every
 * process of the install reading the same data folder gets the same key; two
 * making it at once end with one (the file appears whole, by a hard link, or
 * not at all).
 */
export function secretsKeyOf(config: AppConfig): Buffer {
  const known = secretsKeys.get(config);
  if (known) return known;
  let key: Buffer | null;
  if (config.env.SECRETS_KEY) key = parseSecretsKey(config.env.SECRETS_KEY);
  else {
    const file = join(config.dataDir, 'secrets-key');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      mkdirSync(config.dataDir, { recursive: true });
      const draft = `${file}.${process.pid}.${Date.now()}`;
      writeFileSync(draft, newSecretsKey(), { mode: 0o600 });
      try {
        linkSync(draft, file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      } finally {
        unlinkSync(draft);
      }
      text = readFileSync(file, 'utf8');
    }
    key = parseSecretsKey(text);
    if (!key) throw new ConfigError(`Tệp khóa mã hóa ${file} bị hỏng (cần 32 byte, viết bằng base64 hoặc 64 chữ số hệ 16)`);
  }
  secretsKeys.set(config, key!);
  return key!;
}
