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
    res.status(body.statusCode).json(body);
  }

  toApiError(exception: unknown): ApiError {
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
    const bodyParserError = exception as { type?: string; status?: number };
    if (bodyParserError?.type === 'entity.parse.failed') {
      return { statusCode: 400, error: 'Bad Request', message: 'Nội dung yêu cầu không phải JSON hợp lệ' };
    }
    if (bodyParserError?.type === 'entity.too.large') {
      return { statusCode: 413, error: 'Payload Too Large', message: 'Nội dung yêu cầu quá lớn' };
    }
    if (exception instanceof QueryFailedError && isUniqueViolation(exception)) {
      return { statusCode: 409, error: 'Conflict', message: 'Dữ liệu trùng với một bản ghi đã có' };
    }
    this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    return { statusCode: 500, error: 'Internal Server Error', message: 'Lỗi hệ thống, vui lòng thử lại sau' };
  }

  /** Nest's own English messages (unknown route, …) get a Vietnamese equivalent. */
  private vietnamese(status: number, message: string): string {
    if (status === HttpStatus.NOT_FOUND && /^Cannot (GET|POST|PUT|PATCH|DELETE)/.test(message)) {
      return 'Không tìm thấy đường dẫn này';
    }
    if (status === HttpStatus.BAD_REQUEST && /numeric string is expected/.test(message)) {
      return 'Mã trong đường dẫn phải là số nguyên dương';
    }
    return message;
  }
}

export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } };
  const code = err.driverError?.code ?? err.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
