import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import request from 'supertest';
import { ADMIN, Client, DB_KIND, freshDatabaseUrl, startApp, TestApp } from './support/app.js';
import { accountFor, createPlan, seedUnit } from './support/fixtures.js';

/**
 * The HTTP layer under abuse and on a plain-HTTP office network (docs/security.md, "HTTP"):
 * security headers that follow the transport, JSON bodies checked before they
 * become objects (nesting, entries, per-route size, UTF-8, lone surrogates),
 * the API docs behind sign-in, and the queue board's origin check.
 */

/** The one error shape, with this exact message. */
function expectError(res: request.Response, status: number, message: string | RegExp): void {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(Object.keys(res.body).sort()).toEqual(['error', 'message', 'statusCode']);
  expect(res.body.statusCode).toBe(status);
  if (typeof message === 'string') expect(res.body.message).toBe(message);
  else expect(res.body.message).toMatch(message);
}

const cookieHeader = (res: request.Response) =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const DEPTH = 'Nội dung JSON lồng nhau quá sâu (tối đa 16 cấp)';
const ARRAY = 'Một danh sách trong nội dung yêu cầu có quá nhiều phần tử (tối đa 1000)';
const OBJECT = 'Một đối tượng trong nội dung yêu cầu có quá nhiều trường (tối đa 100)';
const NOT_UTF8 = 'Nội dung yêu cầu không phải văn bản UTF-8 hợp lệ';
const SURROGATE = 'Nội dung yêu cầu chứa ký tự Unicode không hợp lệ (nửa cặp thay thế đứng riêng)';
const tooLarge = (limit: string) => `Nội dung yêu cầu quá lớn (tối đa ${limit})`;

describe('security headers follow the transport', () => {
  let plain: TestApp;
  let proxied: TestApp;

  beforeAll(async () => {
    plain = await startApp();
    // as behind a reverse proxy on this machine that terminates TLS
    proxied = await startApp({ env: { TRUST_PROXY: 'loopback' } });
  });
  afterAll(async () => {
    await plain?.close();
    await proxied?.close();
  });

  const get = (t: TestApp, path: string) => (path.startsWith('/api/docs') ? t.admin.get(path) : t.anon.get(path));
  const PATHS = ['/', '/api/health', '/api/docs-json'];

  it('asks for neither HSTS nor upgrade-insecure-requests over plain HTTP, even when a client claims https', async () => {
    for (const path of PATHS) {
      for (const res of [
        await get(plain, path).expect(200),
        // no proxy is trusted: the header is the client's word only
        await get(plain, path).set('X-Forwarded-Proto', 'https').expect(200),
        // a trusted proxy that says the request came over plain HTTP
        await get(proxied, path).set('X-Forwarded-Proto', 'http').expect(200),
      ]) {
        expect(res.headers['strict-transport-security']).toBeUndefined();
        expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
        expect(res.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
      }
    }
    const login = await plain.anon.post('/api/auth/login').send(ADMIN).expect(200);
    for (const c of [].concat(login.headers['set-cookie'] as never)) expect(c).not.toMatch(/;\s*Secure/i);
  });

  it('asks for both on a request that came over HTTPS through a trusted proxy, and marks the cookies Secure', async () => {
    for (const path of PATHS) {
      const res = await get(proxied, path).set('X-Forwarded-Proto', 'https').expect(200);
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
      expect(res.headers['content-security-policy']).toMatch(/(^|;)\s*upgrade-insecure-requests\s*(;|$)/);
    }
    const login = await proxied.anon.post('/api/auth/login').set('X-Forwarded-Proto', 'https').send(ADMIN).expect(200);
    const cookies = [].concat(login.headers['set-cookie'] as never) as string[];
    expect(cookies.length).toBe(2);
    for (const c of cookies) expect(c).toMatch(/;\s*Secure/i);
  });
});

describe('the queue board and a malformed Origin', () => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await startApp();
    cookie = cookieHeader(await t.anon.post('/api/auth/login').send(ADMIN).expect(200));
  });
  afterAll(() => t?.close());

  it('answers 403 with the anti-forgery message, not 500', async () => {
    const BAD_CSRF = 'Thiếu hoặc sai mã chống giả mạo yêu cầu (X-CSRF-Token). Hãy tải lại trang.';
    const put = () => t.anon.put('/admin/queues/api/queues/pause').set('Cookie', cookie);
    for (const origin of ['null', 'http://[', '://', 'http://exa mple.vn', '%']) {
      expectError(await put().set('Origin', origin), 403, BAD_CSRF);
    }
    expectError(await put().set('Referer', 'khong phai dia chi'), 403, BAD_CSRF);
    expectError(await put().set('Origin', 'http://mot-trang-khac.vn'), 403, BAD_CSRF);
    await t.anon.get('/admin/queues').set('Cookie', cookie).set('Origin', 'null').expect(200);
  });
});
