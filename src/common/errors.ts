import {
  ArgumentsHost, BadRequestException, Catch, ConflictException, ExceptionFilter, HttpException, HttpStatus, Logger,
  NotFoundException,
} from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { QueryFailedError } from 'typeorm';

/** The one shape of every error answer. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  errors?: { field: string; message: string }[];
}

export class NotFound extends NotFoundException {
  constructor(what: string, id: number | string) {
    super(`Không tìm thấy ${what} có mã ${id}`);
  }
}

/** A request that conflicts with the current state: a stale version, a duplicate. */
export class Conflict extends ConflictException {}

/** Too many requests of one kind within a window: 429, and Retry-After (seconds) set by the filter. */
export class TooManyRequests extends HttpException {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** A well-formed request that the rules refuse (a future completion date, …). */
export class Invalid extends BadRequestException {
  constructor(message: string, field?: string) {
    super({ message, errors: field ? [{ field, message }] : undefined });
  }
}

/** Flattens class-validator's tree into one line per bad field, with its path. */
export function validationErrors(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  for (const e of errors) {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    for (const [key, text] of Object.entries(e.constraints ?? {})) {
      const message = key === 'whitelistValidation' ? `${e.property}: trường này không được hỗ trợ` : text;
      out.push({ field, message: message.replace(new RegExp(`^${escape(e.property)}:`), `${field}:`) });
    }
    if (e.children?.length) out.push(...validationErrors(e.children, field));
  }
  return out;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function validationException(errors: ValidationError[]): BadRequestException {
  const list = validationErrors(errors);
  return new BadRequestException({ message: `Dữ liệu không hợp lệ: ${list.map((e) => e.field).join(', ')}`, errors: list });
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error',
};

/**
 * Turns anything thrown into the one error shape. Unknown errors are logged with
 * their stack and answered with a generic 500: no stack, no SQL leaves the server.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse();
    const body = this.toApiError(exception);
    if (exception instanceof TooManyRequests) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    // a route that answers a file has set its own Content-Type already; an error is JSON whatever the route
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.status(body.statusCode).json(body);
  }

  toApiError(exception: unknown): ApiError {
    const transport = transportError(exception instanceof HttpException ? exception.cause : exception);
    if (transport) return transport;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      let message = typeof payload === 'string' ? payload : (payload as { message?: unknown }).message;
      const errors = typeof payload === 'object' ? (payload as { errors?: ApiError['errors'] }).errors : undefined;
      if (Array.isArray(message)) message = message.join('; ');
      return {
        statusCode: status,
        error: STATUS_TEXT[status] ?? 'Error',
        message: this.vietnamese(status, String(message ?? '')),
        ...(errors ? { errors } : {}),
      };
    }
    if (exception instanceof QueryFailedError) {
      const known = databaseRefusal(exception);
      if (known) return known;
    }
    this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    return { statusCode: 500, error: 'Internal Server Error', message: 'Lỗi hệ thống, vui lòng thử lại sau' };
  }

  /** Nest's own English messages (unknown route, …) get a Vietnamese equivalent. */
  private vietnamese(status: number, message: string): string {
    if (status === HttpStatus.NOT_FOUND && /^Cannot [A-Z]+ /.test(message)) return 'Không tìm thấy đường dẫn này';
    if (/^[\x00-\x7F]*$/.test(message) && message) return GENERIC[status] ?? 'Yêu cầu không hợp lệ';
    return message;
  }
}

const GENERIC: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ',
  401: 'Cần đăng nhập',
  403: 'Không có quyền thực hiện thao tác này',
  404: 'Không tìm thấy',
  405: 'Phương thức không được hỗ trợ',
  409: 'Xung đột dữ liệu; hãy tải lại rồi thử lại',
  413: 'Nội dung yêu cầu quá lớn',
  415: 'Kiểu nội dung không được hỗ trợ; hãy gửi JSON mã UTF-8',
  429: 'Quá nhiều yêu cầu; hãy thử lại sau',
};

/** Errors of the HTTP layer itself (body-parser, URI decoding), before any controller runs. */
function transportError(cause: unknown): ApiError | null {
  const e = cause as { type?: string; status?: number; statusCode?: number } | undefined;
  if (!e || typeof e !== 'object') return null;
  const answer = (statusCode: number, message: string): ApiError => ({ statusCode, error: STATUS_TEXT[statusCode] ?? 'Error', message });
  if (e.type === 'entity.parse.failed' || (cause instanceof SyntaxError && e.status === 400)) {
    return answer(400, 'Nội dung yêu cầu không phải JSON hợp lệ');
  }
  if (e.type === 'entity.too.large') {
    const limit = (e as { limit?: unknown }).limit;
    return answer(413, typeof limit === 'number' ? `Nội dung yêu cầu quá lớn (tối đa ${byteSize(limit)})` : GENERIC[413]);
  }
  const refused = bodyRefusal(e as { type?: string; limit?: number });
  if (refused) return answer(400, refused);
  if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') return answer(415, GENERIC[415]);
  if (cause instanceof URIError) return answer(400, 'Đường dẫn chứa ký tự mã hóa không hợp lệ');
  return null;
}

/** Bodies refused before parsing (common/json-body.ts), by the `type` of the refusal. */
function bodyRefusal(e: { type?: string; limit?: number }): string | null {
  switch (e.type) {
    case 'entity.not.utf8': return 'Nội dung yêu cầu không phải văn bản UTF-8 hợp lệ';
    case 'json.lone.surrogate': return 'Nội dung yêu cầu chứa ký tự Unicode không hợp lệ (nửa cặp thay thế đứng riêng)';
    case 'json.too.deep': return `Nội dung JSON lồng nhau quá sâu (tối đa ${e.limit} cấp)`;
    case 'json.array.too.long': return `Một danh sách trong nội dung yêu cầu có quá nhiều phần tử (tối đa ${e.limit})`;
    case 'json.object.too.wide': return `Một đối tượng trong nội dung yêu cầu có quá nhiều trường (tối đa ${e.limit})`;
    default: return null;
  }
}

/** 1048576 → "1 MB", 8192 → "8 KB". */
export function byteSize(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} byte`;
}

/** What the database refused that the request could have avoided: answered as such, not as a 500. */
function databaseRefusal(e: QueryFailedError): ApiError | null {
  if (isUniqueViolation(e)) return { statusCode: 409, error: 'Conflict', message: 'Dữ liệu trùng với một bản ghi đã có' };
  const code = (e as { driverError?: { code?: string } }).driverError?.code;
  // 22001 value too long, 22021 bad byte (NUL) in text: input the validators let through
  if (code === '22001' || code === '22021') {
    return { statusCode: 400, error: 'Bad Request', message: 'Dữ liệu chứa ký tự không hợp lệ hoặc quá dài' };
  }
  return null;
}

export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } };
  const code = err.driverError?.code ?? err.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
