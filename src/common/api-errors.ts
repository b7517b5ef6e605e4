import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import type { ApiError } from './errors.js';

/** One bad field of a request, as `errors[]` of a 400 lists it. */
export class FieldErrorDto {
  @ApiProperty({ description: 'Đường dẫn của trường sai trong nội dung gửi lên', example: 'tasks[0].deadlineText' })
  field: string;

  @ApiProperty({ description: 'Lý do, tiếng Việt', example: 'tasks[0].deadlineText: bắt buộc phải có' })
  message: string;
}

/** The one error shape of every 4xx and 5xx answer (common/errors.ts). */
export class ApiErrorDto implements ApiError {
  @ApiProperty({ description: 'Mã trạng thái HTTP, bằng mã của câu trả lời', example: 400 })
  statusCode: number;

  @ApiProperty({ description: 'Tên chuẩn của mã trạng thái (tiếng Anh, dành cho máy)', example: 'Bad Request' })
  error: string;

  @ApiProperty({ description: 'Lời giải thích cho người dùng, tiếng Việt', example: 'Dữ liệu không hợp lệ: title' })
  message: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Với dữ liệu không hợp lệ: mỗi trường sai một dòng' })
  errors?: FieldErrorDto[];
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429;

/** What each status means across this API; a route may word its own (ApiErrors([409, '…'])). */
const MEANING: Record<ErrorStatus, string> = {
  400: 'Dữ liệu gửi lên không hợp lệ: `message` nói lý do, `errors` liệt kê từng trường sai',
  401: 'Chưa đăng nhập, hoặc mã đăng nhập đã hết hạn hay không hợp lệ',
  403: 'Không có quyền: vai trò của tài khoản không được làm thao tác này, tài khoản phải đổi mật khẩu trước, hoặc (khi đăng nhập bằng cookie) thiếu mã chống giả mạo X-CSRF-Token',
  404: 'Không tìm thấy (kể cả khi tài nguyên thuộc đơn vị khác, ngoài phạm vi của tài khoản)',
  409: 'Xung đột với dữ liệu hiện có: đã có người sửa trước, trùng lặp, hoặc trạng thái không cho phép',
  413: 'Nội dung yêu cầu quá lớn',
  415: 'Kiểu nội dung không được hỗ trợ; hãy gửi JSON mã UTF-8',
  429: 'Quá nhiều yêu cầu; header `Retry-After` cho biết số giây phải chờ',
};

/**
 * Declares the error answers of a route, each in the one error shape:
 * `@ApiErrors(400, 409)` or, with the route's own wording, `@ApiErrors(400, [409, 'Kế hoạch đã ban hành'])`.
 * 401, 403 and 404 of the permission check come with @Access already.
 */
export function ApiErrors(...statuses: (ErrorStatus | [ErrorStatus, string])[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ApiErrorDto),
    ...statuses.map((s) => {
      const [status, description] = Array.isArray(s) ? s : [s, MEANING[s]];
      return ApiResponse({
        status,
        description,
        type: ApiErrorDto,
        ...(status === 429
          ? { headers: { 'Retry-After': { description: 'Số giây phải chờ trước khi thử lại', schema: { type: 'integer' } } } }
          : {}),
      });
    }),
  );
}

/**
 * A route that answers a file: its 200 with the file's media type and a
 * binary body (the errors stay JSON, see AllExceptionsFilter).
 */
export function ApiFile(mediaType: string, description: string): MethodDecorator {
  // not ApiProduces: that would give the errors the file's media type too
  return applyDecorators(
    ApiResponse({
      status: 200,
      description,
      content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } },
      headers: { 'Content-Disposition': { description: 'Tên tệp khi tải về', schema: { type: 'string' } } },
    }),
  );
}
