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

describe('JSON bodies are checked before they become objects', () => {
  let t: TestApp;
  let unitId: number;
  let planId: number;
  const units = async () => (await t.admin.get('/api/units').expect(200)).body.length;
  /** The bytes as given (supertest would otherwise send a Buffer as JSON of its own). */
  const raw = (client: Client | TestApp['anon'], path: string, body: string | Buffer, type = 'application/json') =>
    (client as Client).post(path).set('Content-Type', type).serialize((b: unknown) => b as string).send(body as never);

  beforeAll(async () => {
    t = await startApp();
    ({ unitId } = await seedUnit(t));
    planId = (await createPlan(t, unitId)).id;
  });
  afterAll(() => t?.close());

  it('refuses deep nesting with a 400, before sign-in is even checked, and tells nothing else', async () => {
    expectError(await raw(t.anon, '/api/auth/login', deep(1000)), 400, DEPTH);
    expectError(await raw(t.anon, '/api/auth/login', `{"username":${deep(100)},"password":"x"}`), 400, DEPTH);
    expectError(await raw(t.anon, '/api/plans', deep(200_000)), 400, DEPTH);
    expectError(await raw(t.http, '/api/plans', deep(200_000)), 400, DEPTH);
    // at the limit, the body reaches validation, which names the field
    const sixteen = `{"text":"Quý II/2023","year":2023,"extra":${deep(15)}}`;
    const res = await raw(t.http, '/api/deadlines/parse', sixteen);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'extra', message: 'extra: trường này không được hỗ trợ' }]);
  });

  it('refuses arrays and objects with too many entries, before validation walks them', async () => {
    const plan = { unitId, number: '02/KH-UBND', title: 'Kế hoạch', year: 2023 };
    const tasks = Array.from({ length: 1001 }, (_, i) => ({ content: `Nhiệm vụ ${i + 1}` }));
    expectError(await t.http.post('/api/plans').send({ ...plan, phuLucs: [{ number: 1, tasks }] }), 400, ARRAY);
    expectError(await raw(t.http, '/api/plans', `[${Array(100_000).fill('0').join(',')}]`), 400, ARRAY);
    const wide = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i]));
    expectError(await t.http.post('/api/deadlines/parse').send({ text: 'Quý II', year: 2023, wide }), 400, OBJECT);
    // 1000 entries is not refused here: the validator then says what the field allows
    const thousand = await t.http.post('/api/plans').send({ ...plan, phuLucs: [{ number: 1, tasks: tasks.slice(0, 1000) }] });
    expect(thousand.status).toBe(400);
    expect(thousand.body.message).toBe('Dữ liệu không hợp lệ: phuLucs[0].tasks');
    expect((await t.http.get('/api/plans').expect(200)).body).toHaveLength(1);
  });

  it('limits the body of each route: sign-in 8 KB, forms 64 KB, a task 256 KB, a whole plan 1 MB', async () => {
    expectError(await t.anon.post('/api/auth/login').send({ username: 'admin', password: 'x'.repeat(9 * 1024) }), 413, tooLarge('8 KB'));
    expectError(await t.http.post('/api/auth/change-password').send({ currentPassword: 'x'.repeat(9 * 1024), newPassword: 'y' }), 413, tooLarge('8 KB'));
    expectError(await t.admin.post('/api/units').send({ name: 'x'.repeat(65 * 1024) }), 413, tooLarge('64 KB'));
    expectError(await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 1, content: 'x'.repeat(257 * 1024) }), 413, tooLarge('256 KB'));
    expectError(await t.http.patch(`/api/plans/${planId}`).send({ title: 'x'.repeat(65 * 1024) }), 413, tooLarge('64 KB'));
    expectError(await t.http.post('/api/plans').send({ unitId, number: '03', title: 'x'.repeat(1025 * 1024), year: 2023 }), 413, tooLarge('1 MB'));
    // a task at every field's maximum, in Vietnamese letters, is well within its route's limit
    const full = { phuLuc: 2, content: 'ệ'.repeat(5000), leadText: 'ồ'.repeat(2000), coordinatorsText: 'ữ'.repeat(2000), deadlineText: 'ặ'.repeat(2000), products: Array.from({ length: 30 }, () => 'ẫ'.repeat(1000)) };
    expect(Buffer.byteLength(JSON.stringify(full))).toBeGreaterThan(64 * 1024);
    await t.http.post(`/api/plans/${planId}/tasks`).send(full).expect(201);
    // a sign-in with the longest password allowed fits in 8 KB
    await t.anon.post('/api/auth/login').send({ username: 'admin', password: 'ữ'.repeat(128) }).expect(401);
  });

  it('takes a whole plan of seven Phụ lục of 200 tasks in one request', async () => {
    const phuLucs = [1, 2, 3, 4, 5, 6, 7].map((number) => ({
      number,
      tasks: Array.from({ length: 200 }, (_, i) => ({
        content: `Tổ chức thực hiện nhiệm vụ cải cách hành chính số ${i + 1} của Phụ lục 0${number}, theo kế hoạch của UBND huyện`,
        products: ['Báo cáo kết quả thực hiện'],
        leadText: 'Công chức Văn phòng – Thống kê',
        coordinatorsText: 'Các công chức chuyên môn',
        deadlineText: `Tháng ${(i % 12) + 1}/2023`,
      })),
    }));
    const body = { unitId, number: '07/KH-UBND', title: 'Kế hoạch cải cách hành chính năm 2023 (đầy đủ)', year: 2023, phuLucs };
    const size = Buffer.byteLength(JSON.stringify(body));
    expect(size).toBeGreaterThan(256 * 1024);
    expect(size).toBeLessThan(1024 * 1024);
    const res = await t.http.post('/api/plans').send(body);
    expect(res.status).toBe(201);
    expect(res.body.phuLucs.flatMap((p: { tasks: unknown[] }) => p.tasks)).toHaveLength(1400);
  }, 120_000);

  it('refuses a body that is not valid UTF-8, and stores nothing', async () => {
    const before = await units();
    const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
    for (const body of [
      bytes('{"name":"UBND xã ', [0xff, 0xfe], '"}'), // never UTF-8
      bytes('{"name":"UBND x', [0xc3], '"}'), // a sequence cut short
      bytes('{"name":"', [0xc0, 0xaf], '"}'), // overlong "/"
      bytes('{"name":"', [0xed, 0xa0, 0x80], '"}'), // a surrogate written as UTF-8 (CESU-8)
    ]) {
      expectError(await raw(t.admin, '/api/units', body), 400, NOT_UTF8);
    }
    expect(await units()).toBe(before);
  });

  it('refuses lone surrogates, in values and in names, and keeps a proper pair', async () => {
    const before = await units();
    for (const body of [
      '{"name":"UBND xã \\ud800"}', // a high half at the end of the text
      '{"name":"\\udc00UBND xã"}', // a low half alone
      '{"name":"UBND \\ud800xã"}', // a high half followed by a letter
      '{"name":"UBND \\ud800\\u0041"}', // … or by an escape that is not a low half
      '{"name":"UBND \\ud800\\ud800\\udc00"}', // two high halves, one low
      '{"\\udfff":1,"name":"UBND xã"}', // in a name
    ]) {
      expectError(await raw(t.admin, '/api/units', body), 400, SURROGATE);
    }
    expect(await units()).toBe(before);
    // "\\ud800" is a backslash and text, not an escape
    const text = await raw(t.admin, '/api/units', '{"name":"UBND xã \\\\ud800"}').expect(201);
    expect(text.body.name).toBe('UBND xã \\ud800');
    const pair = await raw(t.admin, '/api/units', '{"name":"UBND xã 🌾 \\ud83c\\udf3e"}').expect(201);
    expect(pair.body.name).toBe('UBND xã 🌾 🌾');
    expect((await t.admin.get(`/api/units/${pair.body.id}`).expect(200)).body.name).toBe('UBND xã 🌾 🌾');
  });

  it('answers 415 for JSON in another charset than UTF-8', async () => {
    const before = await units();
    const utf16 = Buffer.from('{"name":"UBND xã \ud800"}', 'utf16le');
    const res = await raw(t.admin, '/api/units', utf16, 'application/json; charset=utf-16le');
    expectError(res, 415, 'Kiểu nội dung không được hỗ trợ; hãy gửi JSON mã UTF-8');
    expect(await units()).toBe(before);
  });
});

describe('the API docs are for signed-in accounts', () => {
  let t: TestApp;
  let accounts: Record<string, Client>;

  beforeAll(async () => {
    t = await startApp();
    const { unitId, people, chair } = await seedUnit(t, 'UBND xã Tài Liệu', { signIn: false });
    accounts = {
      admin: t.admin,
      chairman: chair,
      official: await accountFor(t, 'tuphap.tailieu', 'official', unitId, people.tuphap),
      reporter: await accountFor(t, 'vanphong.tailieu', 'reporter', unitId, people.vanphong),
      viewer: await accountFor(t, 'xem.tailieu', 'viewer', unitId, null),
    };
  });
  afterAll(() => t?.close());

  const DOCS = ['/api/docs', '/api/docs/', '/api/docs-json', '/api/docs-yaml'];

  it('answers 401 in the one error shape without an account, or with a bad token', async () => {
    for (const path of DOCS) {
      expectError(await t.anon.get(path), 401, 'Chưa đăng nhập. Vui lòng đăng nhập để tiếp tục.');
      expectError(await t.anon.get(path).set('Authorization', 'Bearer khong-hop-le'), 401, 'Mã đăng nhập không hợp lệ. Vui lòng đăng nhập lại.');
    }
    // the UI's own files too
    expect((await t.anon.get('/api/docs/swagger-ui-init.js')).status).toBe(401);
  });

  it('serves them to every role, with a token or with the page\'s cookie', async () => {
    for (const [role, client] of Object.entries(accounts)) {
      const doc = await client.get('/api/docs-json');
      expect([role, doc.status]).toEqual([role, 200]);
      expect(Object.keys(doc.body.paths)).toContain('/api/plans');
    }
    const login = await t.anon.post('/api/auth/login').send(ADMIN).expect(200);
    const page = await t.anon.get('/api/docs/').set('Cookie', cookieHeader(login)).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    await t.anon.get('/api/docs/swagger-ui-init.js').set('Cookie', cookieHeader(login)).expect(200);
    expect((await t.anon.get('/api/docs-json').set('Cookie', cookieHeader(login)).expect(200)).body.openapi).toMatch(/^3\./);
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

/**
 * Eight senders of 400 KB of nested JSON, alternately to sign-in and to
 * POST /api/plans, each at least 8 and at most 100 requests, within 3 s past the first 8; prints how many
 * answers had each status ([[status, count], …]; 0: no answer).
 */
const FLOOD = `
const base = process.argv[1];
const body = '['.repeat(200000) + ']'.repeat(200000);
const statuses = new Map();
const started = Date.now();
await Promise.all(Array.from({ length: 8 }, async (_, n) => {
  // at least 8 each (64 in all) however slow the machine, then more while 3 s last
  for (let i = 0; i < 100 && (i < 8 || Date.now() - started < 3000); i++) {
    const path = (n + i) % 2 ? '/api/auth/login' : '/api/plans';
    const status = await fetch(base + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, signal: AbortSignal.timeout(20000) })
      .then(async (r) => { await r.arrayBuffer(); return r.status; }, () => 0);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
}));
console.log(JSON.stringify([...statuses]));
`;

/** The built server in a process of its own, as a commune runs it: its log and its other clients. */
describe(`the built server under a flood of nested JSON (${DB_KIND})`, () => {
  const MAIN = 'dist/main.js';

  it('answers each with 400 or 413, logs no stack, and keeps answering /api/health', async () => {
    if (!existsSync(MAIN)) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
    const db = await freshDatabaseUrl();
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH, REDIS_URL: process.env.REDIS_URL, SQLITE_NATIVE_BINDING: process.env.SQLITE_NATIVE_BINDING, NODE_ENV: 'production', DEMO_PLAN: 'off',
        JWT_SECRET: 'flood-test-secret-0123456789abcdef0123456789', ADMIN_PASSWORD: ADMIN.password,
        DATABASE_URL: db.url, PORT: String(port), QUEUE_PREFIX: `flood${process.pid}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (b) => (output += b));
    child.stderr.on('data', (b) => (output += b));
    const base = `http://127.0.0.1:${port}`;
    try {
      let up = false;
      for (let i = 0; i < 150 && !up; i++) {
        // a server that died at start-up fails the test at once, with its log
        if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${output}`);
        up = (await fetch(`${base}/api/health`).catch(() => undefined))?.status === 200;
        if (!up) await new Promise((r) => setTimeout(r, 100));
      }
      expect(up).toBe(true);
      const started = output.length;

      // the senders: a client process of their own, eight at once, each at most 100 requests within 3 s
      const flood = spawn(process.execPath, ['--input-type=module', '-e', FLOOD, base], { stdio: ['ignore', 'pipe', 'inherit'] });
      let report = '';
      flood.stdout.on('data', (b) => (report += b));
      const flooded = new Promise((r) => flood.once('exit', r));
      // liveness, not speed (bench/health.bench.ts measures the latency): each health check is answered
      const health: boolean[] = [];
      for (let i = 0; i < 10; i++) {
        await new Promise((r) => setTimeout(r, 200));
        health.push(await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.status === 200, () => false));
      }
      await flooded;
      const statuses = new Map<number, number>(JSON.parse(report));

      expect([...statuses.keys()].sort()).toEqual([400, 413]);
      expect((statuses.get(400) ?? 0) + (statuses.get(413) ?? 0)).toBeGreaterThan(50);
      expect(health).toEqual(Array(10).fill(true));
      const log = output.slice(started);
      expect(log).not.toMatch(/RangeError|Maximum call stack|^\s+at /m);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await db.drop();
    }
  }, 150_000);
});
