import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import type { Observable } from 'rxjs';
import { Invalid } from '../common/errors.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { tooLarge } from './plan-file-error.js';

const NO_FILE = 'Chưa gửi tệp kế hoạch: gửi biểu mẫu multipart/form-data có tệp trong trường “file”.';

/**
 * Reads the multipart upload into memory with the configured limit enforced
 * as the bytes stream in (multer stops at the limit, nothing past it is kept),
 * one file in field "file" and a few short form fields. Every refusal is a
 * 400 in Vietnamese.
 */
@Injectable()
export class PlanUploadInterceptor implements NestInterceptor {
  private readonly upload: ReturnType<multer.Multer['single']>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.upload = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: config.env.PLAN_IMPORT_MAX_BYTES, files: 1, fields: 10, fieldSize: 1024, parts: 12, headerPairs: 50 },
    }).single('file');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    if (!req.is('multipart/form-data')) throw new Invalid(NO_FILE, 'file');
    await new Promise<void>((resolve, reject) => {
      this.upload(req, http.getResponse<Response>(), (err: unknown) => {
        if (!err) return resolve();
        const code = (err as { code?: string }).code;
        if (code === 'LIMIT_FILE_SIZE') return reject(new Invalid(tooLarge(this.config.env.PLAN_IMPORT_MAX_BYTES).message, 'file'));
        if (code === 'LIMIT_UNEXPECTED_FILE' || code === 'LIMIT_FILE_COUNT') return reject(new Invalid(NO_FILE, 'file'));
        reject(new Invalid('Biểu mẫu gửi lên không hợp lệ (multipart/form-data bị hỏng hoặc quá nhiều trường).', 'file'));
      });
    });
    if (!req.file) throw new Invalid(NO_FILE, 'file');
    return next.handle();
  }
}
