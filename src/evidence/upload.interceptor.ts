import { BadRequestException, CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import { tmpdir } from 'node:os';
import { from, type Observable, switchMap } from 'rxjs';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { formatFileSize } from '../common/vietnamese-format.js';

/**
 * Receives one multipart file (field `file`) streamed to a temporary file,
 * within EVIDENCE_MAX_BYTES, after the access guard has let the request in;
 * refusals are worded in Vietnamese. The handler removes the temporary file.
 */
@Injectable()
export class EvidenceUploadInterceptor implements NestInterceptor {
  private readonly single: ReturnType<multer.Multer['single']>;
  private readonly max: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.max = config.env.EVIDENCE_MAX_BYTES;
    this.single = multer({
      storage: multer.diskStorage({ destination: tmpdir() }),
      limits: { fileSize: this.max, files: 1, fields: 5, fieldSize: 1000, parts: 8 },
    }).single('file');
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const receive = new Promise<void>((resolve, reject) => {
      this.single(req, res, (err: unknown) => (err ? reject(this.refusal(err)) : resolve()));
    });
    return from(receive).pipe(switchMap(() => next.handle()));
  }

  private refusal(err: unknown): Error {
    const code = (err as { code?: string }).code;
    if (code === 'LIMIT_FILE_SIZE') {
      return new PayloadTooLargeException({ message: `Tệp quá lớn: mỗi tệp minh chứng tối đa ${formatFileSize(this.max)}`, errors: [{ field: 'file', message: `file: tối đa ${formatFileSize(this.max)}` }] });
    }
    if (code === 'LIMIT_UNEXPECTED_FILE' || code === 'LIMIT_FILE_COUNT') {
      return new BadRequestException({ message: 'Chỉ gửi một tệp mỗi lần, trong trường "file"', errors: [{ field: 'file', message: 'file: chỉ một tệp, trong trường "file"' }] });
    }
    return new BadRequestException({ message: 'Dữ liệu tải lên không đọc được (multipart/form-data với một tệp trong trường "file")' });
  }
}
