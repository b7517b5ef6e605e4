import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { loadConfig, type AppConfig } from './config/env.js';

/** Where the page finds what the routes are: the prefix every route but the page itself has. */
export const API_PREFIX = 'api';

/** The routes' prefix, set the same way for the served app and for the document built without it. */
export function setApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX);
}

/** Tags in the order a reader meets them, each with what it groups. */
const TAGS: [name: string, description: string][] = [
  ['auth', 'Đăng nhập, đăng xuất, làm mới phiên, đổi mật khẩu; các phiên của tài khoản.'],
  ['users', 'Tài khoản người dùng, vai trò, đặt lại mật khẩu.'],
  ['units', 'Đơn vị hành chính (xã, cấp trên) và cài đặt nhắc việc, quy ước kỳ báo cáo.'],
  ['officials', 'Cán bộ, công chức của đơn vị và thông tin liên lạc.'],
  ['deadlines', 'Đọc thời hạn viết bằng lời (“Trước 30/6/2023”, “Hằng quý”…) thành các ngày đến hạn.'],
  ['plans', 'Kế hoạch CCHC năm: thông tin chung, Phụ lục 01–07, ban hành và kết thúc.'],
  ['tasks', 'Nhiệm vụ: giao việc, phối hợp, hoàn thành từng hạn, mở lại, hủy, ghi chú tiến độ.'],
  ['progress', 'Tiến độ thực hiện kế hoạch: tỷ lệ hoàn thành, quá hạn, sắp đến hạn.'],
  ['notifications', 'Thông báo trong ứng dụng của người đang đăng nhập.'],
  ['reminders', 'Lịch nhắc việc đã lên cho từng nhiệm vụ.'],
  ['reports', 'Báo cáo kết quả thực hiện theo kỳ: xem trước, lưu phiên bản, tải DOCX/XLSX; tổng hợp cấp trên.'],
  ['audit', 'Nhật ký thao tác của đơn vị.'],
  ['health', 'Tình trạng máy chủ (cơ sở dữ liệu, Redis).'],
];

/** The document's frame: everything in it that no route declares. */
export function apiDocumentConfig(): Omit<OpenAPIObject, 'paths'> {
  const builder = new DocumentBuilder()
    .setTitle('CCHC — theo dõi kế hoạch cải cách hành chính')
    .setDescription(
      'API của kế hoạch CCHC cấp xã: Phụ lục 01–07, nhiệm vụ, giao việc, hoàn thành, tiến độ, báo cáo.\n\n' +
        'Mọi lỗi 4xx có cùng một dạng (`ApiError`): `statusCode`, `error`, `message` (tiếng Việt) và, với dữ liệu ' +
        'không hợp lệ, `errors` — mỗi trường sai một dòng.',
    )
    .setVersion('1')
    .setLicense('Độc quyền (UNLICENSED): dùng nội bộ, không cấp phép sử dụng lại', '')
    // relative: the document describes the server that serves it, whatever its address in the office
    .addServer('/', 'Máy chủ đang phục vụ tài liệu này')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Mã truy cập từ POST /api/auth/login' })
    .addSecurityRequirements('bearer');
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const config = builder.build();
  // package.json says UNLICENSED: there is no licence text to link to
  config.info.license = { name: config.info.license!.name };
  delete config.info.contact;
  return config;
}

/** The OpenAPI document of an app whose routes are registered (served or in preview). */
export function createApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(app, apiDocumentConfig(), {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  // a success a route leaves unworded (its DTO says what it is) still gets words
  for (const operations of Object.values(document.paths)) {
    for (const op of Object.values(operations) as { responses?: Record<string, { description?: string }> }[]) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!response.description && SUCCESS[status]) response.description = SUCCESS[status];
      }
    }
  }
  return document;
}

const SUCCESS: Record<string, string> = { '200': 'Thành công', '201': 'Đã tạo', '204': 'Đã xong, không có nội dung trả về' };

/**
 * The document exactly as /api/docs-json serves it, without a database or
 * Redis: Nest's preview mode registers every module, controller and route
 * decorator but instantiates no provider, so nothing connects. The config is
 * the defaults (no route depends on it); it is read only to build the module tree.
 */
export async function buildApiDocument(): Promise<OpenAPIObject> {
  const config: AppConfig = loadConfig({ NODE_ENV: 'development' }, { signsTokens: false });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  setApiPrefix(app);
  const document = createApiDocument(app);
  await app.close();
  return document;
}
