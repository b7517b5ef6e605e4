import { startApp, TestApp } from './support/app.js';
import { createPlan, seedUnit } from './support/fixtures.js';

/**
 * Bad input always gets a clear answer in the one error shape, worded in
 * Vietnamese and naming the bad field, and never changes or half-writes data:
 * every refusal below is followed by a look at the database and the API.
 */

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large',
};
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
const ENGLISH = /\b(cannot|unexpected|invalid|must|should|expected|failed|request|entity|not found|too large|is not)\b/i;
const TABLES = ['unit', 'official', 'plan', 'phu_luc', 'task', 'task_due_date', 'task_coordinator', 'task_note', 'audit_log', 'app_user', 'user_session'];

function expectVietnamese(message: unknown): void {
  expect(typeof message).toBe('string');
  expect(message).toMatch(VIETNAMESE);
  expect(message).not.toMatch(ENGLISH);
}

/** The one error shape: { statusCode, error, message, errors?: [{ field, message }] }. */
function expectApiError(res: any, status: number, fields: string[] = []): any {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.body;
  for (const key of Object.keys(body)) expect(['statusCode', 'error', 'message', 'errors']).toContain(key);
  expect(body.statusCode).toBe(status);
  expect(body.error).toBe(STATUS_TEXT[status]);
  expect(body.message.length).toBeGreaterThan(0);
  expectVietnamese(body.message);
  if (body.errors !== undefined) {
    expect(Array.isArray(body.errors)).toBe(true);
    expect(body.errors.length).toBeGreaterThan(0);
    for (const e of body.errors) {
      expect(Object.keys(e).sort()).toEqual(['field', 'message']);
      expect(typeof e.field).toBe('string');
      expectVietnamese(e.message);
      // the message names the field too (at least its last name: "tasks" for "phuLucs[0].tasks[1]")
      const last = /([A-Za-z]+)(\[\d+\])?$/.exec(e.field)?.[1] ?? e.field;
      expect(e.message).toContain(last);
    }
  }
  if (fields.length) {
    expect(body.errors).toBeDefined();
    const named = body.errors.map((e: any) => e.field);
    for (const f of fields) expect(named).toContain(f);
  }
  return body;
}

/** A 400 whose errors name exactly `field` (among others) with a message matching `pattern`. */
function expectFieldError(res: any, field: string, pattern: RegExp, status = 400): void {
  const body = expectApiError(res, status, [field]);
  const messages = body.errors.filter((e: any) => e.field === field).map((e: any) => e.message);
  if (!messages.some((m: string) => pattern.test(m))) throw new Error(`no message of ${field} matches ${pattern}: ${JSON.stringify(messages)}`);
}

/** Every row count, and everything the API lists: compared before and after each refusal. */
async function state(t: TestApp) {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await t.db.query(`SELECT COUNT(*) AS n FROM "${table}"`);
    counts[table] = Number(row.n);
  }
  const get = async (path: string) => (await t.http.get(path).expect(200)).body;
  return {
    counts,
    units: await get('/api/units'),
    officials: await get('/api/officials'),
    plans: await get('/api/plans'),
    tasks: await get('/api/tasks'),
  };
}

async function taskCount(t: TestApp): Promise<number> {
  const [row] = await t.db.query('SELECT COUNT(*) AS n FROM task');
  return Number(row.n);
}

/** Today in Hồ Chí Minh City, worked out here rather than by the code under test. */
function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** 'YYYY-MM-DD' plus n calendar days, by arithmetic. */
function addDays(localDate: string, n: number): string {
  const [y, m, d] = localDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

function vnDate(localDate: string): string {
  const [y, m, d] = localDate.split('-');
  return `${d}/${m}/${y}`;
}

// ---------------------------------------------------------------------------

describe('validation: request bodies', () => {
  let t: TestApp;
  let unitId: number;
  let people: Record<string, number>;
  let planId: number;
  let task: any;

  beforeAll(async () => {
    t = await startApp();
    ({ unitId, people } = await seedUnit(t));
    planId = (await createPlan(t, unitId)).id;
    task = (await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 1, content: 'Nhiệm vụ mẫu', deadlineText: 'Quý IV/2023' }).expect(201)).body.task;
  });
  afterAll(() => t.close());

  it('POST /api/units: missing, wrong type, empty, null, unknown field', async () => {
    const before = await state(t);
    expectFieldError(await t.admin.post('/api/units').send({}), 'name', /bắt buộc/);
    expectFieldError(await t.admin.post('/api/units').send({ name: null }), 'name', /bắt buộc/);
    expectFieldError(await t.admin.post('/api/units').send({ name: 42 }), 'name', /phải là chuỗi ký tự/);
    expectFieldError(await t.admin.post('/api/units').send({ name: '' }), 'name', /không được để trống/);
    expectFieldError(await t.admin.post('/api/units').send({ name: 'Xã A', parentId: '1' }), 'parentId', /phải là số nguyên/);
    expectFieldError(await t.admin.post('/api/units').send({ name: 'Xã A', parentId: 0 }), 'parentId', /lớn hơn hoặc bằng 1/);
    expectFieldError(await t.admin.post('/api/units').send({ name: 'Xã A', reportCutoff: 'weekly' }), 'reportCutoff', /phải là một trong ministry, calendar/);
    expectFieldError(await t.admin.post('/api/units').send({ name: 'Xã A', code: 'HT' }), 'code', /không được hỗ trợ/);
    expectApiError(await t.admin.post('/api/units').send([{ name: 'Xã A' }]), 400);
    expect(await state(t)).toEqual(before);
  });

  it('POST /api/officials: every missing field is named, types are not coerced', async () => {
    const before = await state(t);
    const empty = expectApiError(await t.http.post('/api/officials').send({}), 400, ['unitId', 'fullName', 'position']);
    expect(empty.errors.filter((e: any) => /bắt buộc/.test(e.message)).map((e: any) => e.field).sort()).toEqual(['fullName', 'position', 'unitId']);
    const ok = { unitId, fullName: 'Nguyễn Văn An', position: 'Công chức Tư pháp – Hộ tịch' };
    expectFieldError(await t.http.post('/api/officials').send({ ...ok, unitId: String(unitId) }), 'unitId', /phải là số nguyên/);
    expectFieldError(await t.http.post('/api/officials').send({ ...ok, unitId: 1.5 }), 'unitId', /phải là số nguyên/);
    expectFieldError(await t.http.post('/api/officials').send({ ...ok, fullName: null }), 'fullName', /bắt buộc/);
    expectFieldError(await t.http.post('/api/officials').send({ ...ok, active: 'true' }), 'active', /phải là true hoặc false/);
    expectFieldError(await t.http.post('/api/officials').send({ ...ok, email: 'không-phải-email' }), 'email', /e-mail không hợp lệ/);
    expectFieldError(await t.http.post('/api/officials').send({ ...ok, role: 'boss' }), 'role', /phải là một trong/);
    expectFieldError(await t.http.post('/api/officials').send({ ...ok, phone: '0912' }), 'phone', /số điện thoại di động không hợp lệ/);
    expectFieldError(await t.http.post('/api/officials').send({ ...ok, notifyZalo: 'true' }), 'notifyZalo', /phải là true hoặc false/);
    expectFieldError(await t.http.post('/api/officials').send({ ...ok, fax: '0912' }), 'fax', /không được hỗ trợ/);
    expect(await state(t)).toEqual(before);
  });

  it('POST /api/plans: "year": "2023" is refused, as are other wrong types and unknown fields', async () => {
    const before = await state(t);
    const ok = { unitId, number: '02/KH-UBND', title: 'Kế hoạch CCHC năm 2023', year: 2023 };
    const empty = expectApiError(await t.http.post('/api/plans').send({}), 400, ['unitId', 'number', 'title', 'year']);
    expect(empty.message).toMatch(/^Dữ liệu không hợp lệ: /);
    expectFieldError(await t.http.post('/api/plans').send({ ...ok, year: '2023' }), 'year', /phải là số nguyên/);
    expectFieldError(await t.http.post('/api/plans').send({ ...ok, year: 2023.5 }), 'year', /phải là số nguyên/);
    expectFieldError(await t.http.post('/api/plans').send({ ...ok, year: 1999 }), 'year', /phải lớn hơn hoặc bằng 2000/);
    expectFieldError(await t.http.post('/api/plans').send({ ...ok, year: null }), 'year', /bắt buộc/);
    expectFieldError(await t.http.post('/api/plans').send({ ...ok, unitId: String(unitId) }), 'unitId', /phải là số nguyên/);
    expectFieldError(await t.http.post('/api/plans').send({ ...ok, title: null }), 'title', /bắt buộc/);
    expectFieldError(await t.http.post('/api/plans').send({ ...ok, title: ['Kế hoạch'] }), 'title', /phải là chuỗi ký tự/);
    expectFieldError(await t.http.post('/api/plans').send({ ...ok, status: 'closed' }), 'status', /phải là một trong draft, issued/);
    expectFieldError(await t.http.post('/api/plans').send({ ...ok, issuedOn: '05/01/2023' }), 'issuedOn', /phải là ngày có thật/);
    expectFieldError(await t.http.post('/api/plans').send({ ...ok, owner: 'Chủ tịch' }), 'owner', /không được hỗ trợ/);
    expectFieldError(await t.http.post('/api/plans').send({ ...ok, phuLucs: { number: 1 } }), 'phuLucs', /phải là một danh sách/);
    expectFieldError(await t.http.post('/api/plans').send({ ...ok, phuLucs: [1] }), 'phuLucs[0]', /phải là một đối tượng/);
    const eight = Array.from({ length: 8 }, (_, i) => ({ number: (i % 7) + 1 }));
    expectFieldError(await t.http.post('/api/plans').send({ ...ok, phuLucs: eight }), 'phuLucs', /tối đa 7 phần tử/);
    expect(await state(t)).toEqual(before);
  });

  it('POST /api/plans: nested errors name their full path', async () => {
    const before = await state(t);
    const ok = { unitId, number: '03/KH-UBND', title: 'Kế hoạch CCHC năm 2023', year: 2023 };
    const send = (phuLucs: unknown) => t.http.post('/api/plans').send({ ...ok, phuLucs });
    expectFieldError(await send([{ number: 1, tasks: [{ content: 'Một' }, { leadText: 'UBND xã' }] }]), 'phuLucs[0].tasks[1].content', /^phuLucs\[0\]\.tasks\[1\]\.content: bắt buộc/);
    expectFieldError(await send([{ number: 1 }, { number: 2, tasks: [{ content: 'Một', products: 'Báo cáo' }] }]), 'phuLucs[1].tasks[0].products', /phải là một danh sách/);
    expectFieldError(await send([{ number: 1, tasks: [{ content: 'Một', assigneeId: '3' }] }]), 'phuLucs[0].tasks[0].assigneeId', /phải là số nguyên/);
    expectFieldError(await send([{ number: 1, tasks: [{ content: 'Một', note: 'x' }] }]), 'phuLucs[0].tasks[0].note', /^phuLucs\[0\]\.tasks\[0\]\.note: trường này không được hỗ trợ/);
    expectFieldError(await send([{ number: 8 }]), 'phuLucs[0].number', /phải nhỏ hơn hoặc bằng 7/);
    expectFieldError(await send([{ number: '1' }]), 'phuLucs[0].number', /phải là số nguyên/);
    expectFieldError(await send([{ number: 1, tasks: [null] }]), 'phuLucs[0].tasks[0]', /phải là một đối tượng/);
    expect(await state(t)).toEqual(before);
  });

  it('POST /api/plans/:id/tasks: missing and wrong-typed fields', async () => {
    const before = await state(t);
    const url = `/api/plans/${planId}/tasks`;
    const empty = expectApiError(await t.http.post(url).send({}), 400, ['phuLuc', 'content']);
    expect(empty.errors.filter((e: any) => /bắt buộc/.test(e.message)).map((e: any) => e.field).sort()).toEqual(['content', 'phuLuc']);
    const ok = { phuLuc: 1, content: 'Rà soát văn bản' };
    expectFieldError(await t.http.post(url).send({ ...ok, phuLuc: '1' }), 'phuLuc', /phải là số nguyên/);
    expectFieldError(await t.http.post(url).send({ ...ok, phuLuc: 0 }), 'phuLuc', /phải lớn hơn hoặc bằng 1/);
    expectFieldError(await t.http.post(url).send({ ...ok, phuLuc: 8 }), 'phuLuc', /phải nhỏ hơn hoặc bằng 7/);
    expectFieldError(await t.http.post(url).send({ ...ok, content: null }), 'content', /bắt buộc/);
    expectFieldError(await t.http.post(url).send({ ...ok, content: 12 }), 'content', /phải là chuỗi ký tự/);
    expectFieldError(await t.http.post(url).send({ ...ok, ordinal: 0 }), 'ordinal', /phải lớn hơn hoặc bằng 1/);
    expectFieldError(await t.http.post(url).send({ ...ok, ordinal: '2' }), 'ordinal', /phải là số nguyên/);
    expectFieldError(await t.http.post(url).send({ ...ok, products: [1] }), 'products', /mỗi phần tử phải là chuỗi ký tự/);
    expectFieldError(await t.http.post(url).send({ ...ok, coordinatorIds: [0] }), 'coordinatorIds', /mã phải lớn hơn 0/);
    expectFieldError(await t.http.post(url).send({ ...ok, coordinatorIds: [String(people.tuphap)] }), 'coordinatorIds', /mỗi phần tử phải là mã số nguyên/);
    expectFieldError(await t.http.post(url).send({ ...ok, assigneeId: String(people.tuphap) }), 'assigneeId', /phải là số nguyên/);
    expectFieldError(await t.http.post(url).send({ ...ok, deadlineText: 2023 }), 'deadlineText', /phải là chuỗi ký tự/);
    expectFieldError(await t.http.post(url).send({ ...ok, dueOn: '2023-12-31' }), 'dueOn', /không được hỗ trợ/);
    expect(await state(t)).toEqual(before);
  });

  it('PATCH bodies: wrong types, unknown and read-only fields', async () => {
    const before = await state(t);
    expectFieldError(await t.http.patch(`/api/tasks/${task.id}`).send({ content: 5 }), 'content', /phải là chuỗi ký tự/);
    expectFieldError(await t.http.patch(`/api/tasks/${task.id}`).send({ version: String(task.version) }), 'version', /phải là số nguyên/);
    expectFieldError(await t.http.patch(`/api/tasks/${task.id}`).send({ status: 'done' }), 'status', /không được hỗ trợ/);
    expectFieldError(await t.http.patch(`/api/plans/${planId}`).send({ year: 2024 }), 'year', /không được hỗ trợ/);
    expectFieldError(await t.admin.patch(`/api/units/${unitId}`).send({ parentId: 'x' }), 'parentId', /phải là số nguyên/);
    expectFieldError(await t.http.patch(`/api/officials/${people.tuphap}`).send({ unitId }), 'unitId', /không được hỗ trợ/);
    expect(await state(t)).toEqual(before);
  });

  it('POST /api/deadlines/parse: text and year are required and typed', async () => {
    const empty = expectApiError(await t.http.post('/api/deadlines/parse').send({}), 400, ['text', 'year']);
    expect(empty.errors.filter((e: any) => /bắt buộc/.test(e.message)).map((e: any) => e.field).sort()).toEqual(['text', 'year']);
    expectFieldError(await t.http.post('/api/deadlines/parse').send({ text: 'Quý II/2023', year: '2023' }), 'year', /phải là số nguyên/);
    expectFieldError(await t.http.post('/api/deadlines/parse').send({ text: 'Quý II/2023', year: 1999 }), 'year', /phải lớn hơn hoặc bằng 2000/);
    expectFieldError(await t.http.post('/api/deadlines/parse').send({ text: null, year: 2023 }), 'text', /bắt buộc/);
    expectFieldError(await t.http.post('/api/deadlines/parse').send({ text: 6, year: 2023 }), 'text', /phải là chuỗi ký tự/);
    expectFieldError(await t.http.post('/api/deadlines/parse').send({ text: 'Quý II/2023', year: 2023, strict: true }), 'strict', /không được hỗ trợ/);
  });

  it('query strings are validated too', async () => {
    expectFieldError(await t.http.get('/api/plans?year=abc'), 'year', /phải là số nguyên/);
    expectFieldError(await t.http.get('/api/plans?sort=year'), 'sort', /không được hỗ trợ/);
    expectFieldError(await t.http.get('/api/tasks?status=late'), 'status', /phải là một trong open, done, cancelled/);
    expectFieldError(await t.http.get('/api/tasks?planId=-1'), 'planId', /phải lớn hơn hoặc bằng 1/);
  });

  it('a malformed JSON body is a 400 in the one shape and writes nothing', async () => {
    const before = await state(t);
    for (const raw of ['{"name": ', '{name: "Xã A"}', 'null', '"Xã A"']) {
      const res = await t.admin.post('/api/units').set('Content-Type', 'application/json').send(raw);
      expect(expectApiError(res, 400).message).toBe('Nội dung yêu cầu không phải JSON hợp lệ');
    }
    const res = await t.http.post(`/api/plans/${planId}/tasks`).set('Content-Type', 'application/json').send('{"phuLuc": 1, "content": "Một",}');
    expect(res.status).toBe(400);
    expect(await state(t)).toEqual(before);
  });

  it('a body over 1 MB is a 413 in the one shape and writes nothing', async () => {
    const before = await state(t);
    const res = await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 1, content: 'a'.repeat(1_100_000) });
    // the limit of this route (a task); POST /api/plans alone takes 1 MB (test/http-hardening.e2e-spec.ts)
    expect(expectApiError(res, 413).message).toBe('Nội dung yêu cầu quá lớn (tối đa 256 KB)');
    expect(await state(t)).toEqual(before);
  });

  it('null in an optional field that is not nullable is a 400 naming the field, and changes nothing', async () => {
    const before = await state(t);
    const attempts: [string, string, Record<string, unknown>][] = [
      ['patch', `/api/tasks/${task.id}`, { content: null }],
      ['patch', `/api/tasks/${task.id}`, { deadlineText: null }],
      ['patch', `/api/tasks/${task.id}`, { products: null }],
      ['patch', `/api/tasks/${task.id}`, { ordinal: null }],
      ['patch', `/api/plans/${planId}`, { title: null }],
      ['patch', `/api/units/${unitId}`, { name: null }],
      ['patch', `/api/officials/${people.tuphap}`, { fullName: null }],
      ['patch', `/api/units/${unitId}`, { reportCutoff: null }],
      ['patch', `/api/officials/${people.tuphap}`, { active: null }],
      ['patch', `/api/tasks/${task.id}`, { version: null }],
      ['post', `/api/tasks/${task.id}/complete`, { dueOn: null, completedOn: '2023-05-02' }],
      ['post', `/api/tasks/${task.id}/reopen`, { dueOn: null, reason: 'Sai' }],
      ['post', '/api/plans', { unitId, number: '77/KH', title: 'X', year: 2023, status: null }],
    ];
    for (const [method, url, body] of attempts) {
      // units are the administrator's
      const as = url.startsWith('/api/units') ? t.admin : t.http;
      const res = await (method === 'patch' ? as.patch(url) : as.post(url)).send(body);
      expectFieldError(res, Object.keys(body).find((k) => body[k] === null)!, /không được là null/);
    }
    expect(await state(t)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------

describe('validation: ids and routes', () => {
  let t: TestApp;
  let unitId: number;
  let people: Record<string, number>;
  let other: { unitId: number; people: Record<string, number> };
  let planId: number;
  let task: any;

  beforeAll(async () => {
    t = await startApp();
    ({ unitId, people } = await seedUnit(t));
    other = await seedUnit(t, 'UBND xã Bên Cạnh', { signIn: false });
    planId = (await createPlan(t, unitId)).id;
    task = (await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 2, content: 'Nhiệm vụ mẫu', deadlineText: 'Tháng 9/2023' }).expect(201)).body.task;
  });
  afterAll(() => t.close());

  it('answers 404 in Vietnamese for unknown ids, and changes nothing', async () => {
    const before = await state(t);
    const cases: [string, string, Record<string, unknown> | undefined, RegExp][] = [
      ['get', '/api/plans/99999', undefined, /Không tìm thấy kế hoạch có mã 99999/],
      ['patch', '/api/plans/99999', { title: 'Tên mới' }, /Không tìm thấy kế hoạch có mã 99999/],
      ['get', '/api/plans/99999/progress', undefined, /Không tìm thấy kế hoạch/],
      ['post', '/api/plans/99999/issue', {}, /Không tìm thấy kế hoạch/],
      ['post', '/api/plans/99999/tasks', { phuLuc: 1, content: 'Một' }, /Không tìm thấy kế hoạch có mã 99999/],
      ['get', '/api/tasks/99999', undefined, /Không tìm thấy nhiệm vụ có mã 99999/],
      ['patch', '/api/tasks/99999', { content: 'Mới' }, /Không tìm thấy nhiệm vụ có mã 99999/],
      ['get', '/api/tasks/99999/history', undefined, /Không tìm thấy nhiệm vụ/],
      ['post', '/api/tasks/99999/complete', {}, /Không tìm thấy nhiệm vụ có mã 99999/],
      ['post', '/api/tasks/99999/complete', { completedOn: '2023-05-01' }, /Không tìm thấy nhiệm vụ/],
      ['post', '/api/tasks/99999/reopen', { reason: 'Làm lại' }, /Không tìm thấy nhiệm vụ/],
      ['post', '/api/tasks/99999/cancel', { reason: 'Bỏ' }, /Không tìm thấy nhiệm vụ/],
      ['get', '/api/units/99999', undefined, /Không tìm thấy đơn vị có mã 99999/],
      ['patch', '/api/units/99999', { name: 'Xã mới' }, /Không tìm thấy đơn vị có mã 99999/],
      ['get', '/api/officials/99999', undefined, /Không tìm thấy cán bộ, công chức có mã 99999/],
      ['patch', '/api/officials/99999', { fullName: 'Tên mới' }, /Không tìm thấy cán bộ, công chức có mã 99999/],
    ];
    for (const [method, url, body, message] of cases) {
      const as = url.startsWith('/api/units') ? t.admin : t.http;
      const req = method === 'get' ? as.get(url) : method === 'patch' ? as.patch(url).send(body!) : as.post(url).send(body!);
      const res = await req;
      expect(expectApiError(res, 404).message).toMatch(message);
    }
    expect(await state(t)).toEqual(before);
  });

  it('answers 400 naming the parameter for a non-numeric, negative, zero or too large path id', async () => {
    const before = await state(t);
    for (const id of ['abc', '-1', '0', '1.5', '99999999999', '2147483648', 'Infinity']) {
      for (const [method, url] of [
        ['get', `/api/plans/${id}`], ['patch', `/api/plans/${id}`], ['get', `/api/tasks/${id}`],
        ['post', `/api/tasks/${id}/complete`], ['get', `/api/units/${id}`], ['get', `/api/officials/${id}`],
        ['post', `/api/plans/${id}/tasks`],
      ] as const) {
        const req = method === 'get' ? t.http.get(url) : method === 'patch' ? t.http.patch(url).send({}) : t.http.post(url).send({});
        const res = await req;
        const body = expectApiError(res, 400, ['id']);
        expect(body.message).toMatch(/phải là số nguyên dương/);
      }
    }
    expect(await state(t)).toEqual(before);
  });

  it('answers 404 in Vietnamese for an unknown route under /api', async () => {
    for (const req of [
      t.http.get('/api/khong-co'), t.http.post('/api/khong-co').send({}), t.http.get('/api/plans/1/khong-co'),
      t.http.put(`/api/plans/${planId}`).send({}), t.http.delete(`/api/plans/${planId}/tasks`), t.http.get('/api'),
    ]) {
      expect(expectApiError(await req, 404).message).toBe('Không tìm thấy đường dẫn này');
    }
    await t.http.get(`/api/tasks/${task.id}`).expect(200);
  });

  it('refuses ids in a body that point at nothing, naming the field (400, not 404)', async () => {
    const before = await state(t);
    expectFieldError(await t.http.post('/api/plans').send({ unitId: 99999, number: '09/KH-UBND', title: 'Kế hoạch', year: 2023 }), 'unitId', /unitId: không có đơn vị mã 99999/);
    expectFieldError(await t.http.post('/api/officials').send({ unitId: 99999, fullName: 'Nguyễn Văn B', position: 'Công chức' }), 'unitId', /không có đơn vị mã 99999/);
    expectFieldError(await t.admin.post('/api/units').send({ name: 'Xã con', parentId: 99999 }), 'parentId', /không có đơn vị mã 99999/);
    expectFieldError(await t.admin.patch(`/api/units/${unitId}`).send({ parentId: unitId }), 'parentId', /không thể là chính nó/);
    const url = `/api/plans/${planId}/tasks`;
    expectFieldError(await t.http.post(url).send({ phuLuc: 1, content: 'Một', assigneeId: 99999 }), 'assigneeId', /không có cán bộ mã 99999 trong đơn vị của kế hoạch/);
    expectFieldError(await t.http.post(url).send({ phuLuc: 1, content: 'Một', coordinatorIds: [people.vanhoa, 99999] }), 'coordinatorIds', /không có cán bộ mã 99999/);
    // an official who exists, but in another commune
    expectFieldError(await t.http.post(url).send({ phuLuc: 1, content: 'Một', assigneeId: other.people.tuphap }), 'assigneeId', new RegExp(`không có cán bộ mã ${other.people.tuphap} trong đơn vị`));
    expectFieldError(await t.http.post(url).send({ phuLuc: 1, content: 'Một', coordinatorIds: [other.people.vanhoa] }), 'coordinatorIds', new RegExp(`không có cán bộ mã ${other.people.vanhoa}`));
    expectFieldError(await t.http.patch(`/api/tasks/${task.id}`).send({ assigneeId: other.people.chairman, version: task.version }), 'assigneeId', /trong đơn vị của kế hoạch/);
    expectFieldError(await t.http.patch(`/api/tasks/${task.id}`).send({ coordinatorIds: [people.tuphap, other.people.tuphap] }), 'coordinatorIds', /trong đơn vị của kế hoạch/);
    expect(await state(t)).toEqual(before);
  });

  it('refuses a duplicate plan number and a taken ordinal with 409', async () => {
    const before = await state(t);
    const dup = expectApiError(await t.http.post('/api/plans').send({ unitId, number: '01/KH-UBND', title: 'Kế hoạch khác', year: 2023 }), 409);
    expect(dup.message).toMatch(/đã có kế hoạch số 01\/KH-UBND năm 2023/);
    const taken = expectApiError(await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 2, ordinal: task.ordinal, content: 'Trùng số' }), 409);
    expect(taken.message).toMatch(/Phụ lục 02 đã có nhiệm vụ số thứ tự 1/);
    expect(await state(t)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------

describe('validation: dates and completion rules', () => {
  let t: TestApp;
  let planId: number;
  const today = todayInVietnam();
  const tomorrow = addDays(today, 1);

  const addTask = async (deadlineText: string) =>
    (await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 3, content: `Nhiệm vụ ${deadlineText}`, deadlineText }).expect(201)).body.task;
  const snapshotOf = async (id: number) => ({
    task: (await t.http.get(`/api/tasks/${id}`).expect(200)).body,
    history: (await t.http.get(`/api/tasks/${id}/history`).expect(200)).body,
  });

  beforeAll(async () => {
    t = await startApp();
    const { unitId } = await seedUnit(t);
    planId = (await createPlan(t, unitId)).id;
  });
  afterAll(() => t.close());

  it('refuses impossible or badly written dates', async () => {
    const task = await addTask('Quý IV/2023');
    const before = await state(t);
    for (const completedOn of ['2023-02-30', '2023-13-01', '15/11/2023', '2023-2-3', '2023-00-10', '2023-04-31', '', 20230501]) {
      expectFieldError(await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn }), 'completedOn', /completedOn: phải là ngày có thật, dạng YYYY-MM-DD/);
    }
    expectFieldError(await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2023-05-01', dueOn: '2023-06-31' }), 'dueOn', /phải là ngày có thật/);
    expectFieldError(await t.http.get(`/api/plans/${planId}/progress?asOf=2023-02-29`), 'asOf', /phải là ngày có thật/);
    expectFieldError(await t.http.get(`/api/plans/${planId}/progress?asOf=31/12/2023`), 'asOf', /phải là ngày có thật/);
    expectFieldError(await t.http.patch(`/api/plans/${planId}`).send({ issuedOn: '2023-02-29' }), 'issuedOn', /phải là ngày có thật/);
    expect(await state(t)).toEqual(before);
    // 29/02 exists in a leap year
    await t.http.get(`/api/plans/${planId}/progress?asOf=2024-02-29`).expect(200);
  });

  it('refuses a completion date in the future (Asia/Ho_Chi_Minh) or before the plan year, and accepts today', async () => {
    const task = await addTask('Quý IV/2023');
    const before = await snapshotOf(task.id);
    const future = await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: tomorrow, evidence: 'Báo cáo' });
    expectFieldError(future, 'completedOn', new RegExp(`completedOn: ngày hoàn thành ${vnDate(tomorrow)} ở tương lai \\(hôm nay là ${vnDate(today)}\\)`));
    expectFieldError(await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2099-01-01' }), 'completedOn', /ở tương lai/);
    expectFieldError(await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2022-12-31' }), 'completedOn', /trước năm kế hoạch 2023/);
    expect(await snapshotOf(task.id)).toEqual(before);
    // today, in Hồ Chí Minh time, has happened
    const done = (await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: today }).expect(200)).body;
    expect(done.dueDates[0]).toMatchObject({ dueOn: '2023-12-31', completedOn: today });
  });

  it('refuses a dueOn the task does not have (400) and a second completion (409)', async () => {
    const task = await addTask('Báo cáo định kỳ 6 tháng, năm');
    expect(task.schedule.dueDates).toEqual(['2023-06-30', '2023-12-31']);
    let before = await snapshotOf(task.id);
    expectFieldError(await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2023-06-20', dueOn: '2023-09-30' }), 'dueOn', /dueOn: nhiệm vụ không có hạn ngày 30\/09\/2023/);
    expect(await snapshotOf(task.id)).toEqual(before);

    await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2023-06-20', dueOn: '2023-06-30' }).expect(200);
    before = await snapshotOf(task.id);
    const again = expectApiError(await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2023-06-21', dueOn: '2023-06-30' }), 409);
    expect(again.message).toMatch(/Hạn ngày 30\/06\/2023 đã được đánh dấu hoàn thành ngày 20\/06\/2023/);
    expect(await snapshotOf(task.id)).toEqual(before);

    await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2023-12-20' }).expect(200);
    before = await snapshotOf(task.id);
    expect(before.task.status).toBe('done');
    const full = expectApiError(await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2023-12-21' }), 409);
    expect(full.message).toBe('Nhiệm vụ đã hoàn thành tất cả các hạn');
    expectApiError(await t.http.post(`/api/tasks/${task.id}/complete`).send({}), 409);
    expect(await snapshotOf(task.id)).toEqual(before);
  });

  it('refuses to reopen without a reason, or what is not completed', async () => {
    const task = await addTask('Tháng 10/2023');
    expectApiError(await t.http.post(`/api/tasks/${task.id}/reopen`).send({ reason: 'Chưa có gì để mở' }), 409);
    await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2023-10-15', evidence: 'Báo cáo số 12' }).expect(200);
    const before = await snapshotOf(task.id);
    expectFieldError(await t.http.post(`/api/tasks/${task.id}/reopen`).send({}), 'reason', /reason: bắt buộc phải có/);
    expectFieldError(await t.http.post(`/api/tasks/${task.id}/reopen`).send({ reason: null }), 'reason', /bắt buộc/);
    expectFieldError(await t.http.post(`/api/tasks/${task.id}/reopen`).send({ reason: '' }), 'reason', /không được để trống/);
    expectFieldError(await t.http.post(`/api/tasks/${task.id}/reopen`).send({ reason: 'Sai', dueOn: '2023-11-30' }), 'dueOn', /không có hạn ngày 30\/11\/2023/);
    expectFieldError(await t.http.post(`/api/tasks/${task.id}/cancel`).send({}), 'reason', /bắt buộc/);
    expect(await snapshotOf(task.id)).toEqual(before);
    expect(before.task.dueDates[0]).toMatchObject({ completedOn: '2023-10-15', evidence: 'Báo cáo số 12' });
  });

  it('refuses to complete a cancelled task, and to issue a plan dated in the future', async () => {
    const task = await addTask('Tháng 11/2023');
    await t.http.post(`/api/tasks/${task.id}/cancel`).send({ reason: 'Không còn phù hợp' }).expect(200);
    const before = await state(t);
    expect(expectApiError(await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2023-11-01' }), 409).message).toMatch(/đã bị hủy/);
    expectFieldError(await t.http.post(`/api/plans/${planId}/issue`).send({ issuedOn: tomorrow }), 'issuedOn', /không được ở tương lai/);
    expect(await state(t)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------

describe('validation: oversized text', () => {
  let t: TestApp;
  let unitId: number;
  let planId: number;
  let task: any;

  beforeAll(async () => {
    t = await startApp();
    ({ unitId } = await seedUnit(t));
    planId = (await createPlan(t, unitId)).id;
    task = (await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 4, content: 'Nhiệm vụ mẫu' }).expect(201)).body.task;
  });
  afterAll(() => t.close());

  it('refuses text over its limit, naming the field and the limit', async () => {
    const before = await state(t);
    const url = `/api/plans/${planId}/tasks`;
    const ok = { phuLuc: 4, content: 'Nội dung' };
    expectFieldError(await t.http.post(url).send({ ...ok, content: 'ệ'.repeat(5001) }), 'content', /content: dài quá 5000 ký tự/);
    expectFieldError(await t.http.post(url).send({ ...ok, deadlineText: 'a'.repeat(2001) }), 'deadlineText', /dài quá 2000 ký tự/);
    expectFieldError(await t.http.post(url).send({ ...ok, leadText: 'b'.repeat(2001) }), 'leadText', /dài quá 2000 ký tự/);
    expectFieldError(await t.http.post(url).send({ ...ok, coordinatorsText: 'c'.repeat(2001) }), 'coordinatorsText', /dài quá 2000 ký tự/);
    expectFieldError(await t.http.post(url).send({ ...ok, products: Array.from({ length: 31 }, (_, i) => `Sản phẩm ${i + 1}`) }), 'products', /products: tối đa 30 phần tử/);
    expectFieldError(await t.http.post(url).send({ ...ok, products: ['x'.repeat(1001)] }), 'products', /dài quá 1000 ký tự/);
    expectFieldError(await t.http.post(url).send({ ...ok, coordinatorIds: Array.from({ length: 31 }, (_, i) => i + 1) }), 'coordinatorIds', /tối đa 30 phần tử/);
    expectFieldError(await t.http.patch(`/api/tasks/${task.id}`).send({ content: 'x'.repeat(5001) }), 'content', /dài quá 5000 ký tự/);
    expectFieldError(await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2023-05-01', evidence: 'e'.repeat(2001) }), 'evidence', /dài quá 2000 ký tự/);
    const plan = { unitId, number: '10/KH-UBND', title: 'Kế hoạch', year: 2023 };
    expectFieldError(await t.http.post('/api/plans').send({ ...plan, number: 'Số '.repeat(21) + 'xx' }), 'number', /number: dài quá 64 ký tự/);
    expectFieldError(await t.http.post('/api/plans').send({ ...plan, title: 't'.repeat(501) }), 'title', /dài quá 500 ký tự/);
    expectFieldError(await t.http.patch(`/api/plans/${planId}`).send({ number: 'n'.repeat(65) }), 'number', /dài quá 64 ký tự/);
    expectFieldError(await t.http.post('/api/plans').send({ ...plan, phuLucs: [{ number: 1, tasks: [{ content: 'Một' }, { content: 'x'.repeat(5001) }] }] }), 'phuLucs[0].tasks[1].content', /dài quá 5000 ký tự/);
    expectFieldError(await t.admin.post('/api/units').send({ name: 'x'.repeat(256) }), 'name', /dài quá 255 ký tự/);
    expectFieldError(await t.http.post('/api/deadlines/parse').send({ text: 'Quý II '.repeat(300), year: 2023 }), 'text', /dài quá 2000 ký tự/);
    expect(await state(t)).toEqual(before);
  });

  it('accepts text exactly at the limit, in Vietnamese letters', async () => {
    const url = `/api/plans/${planId}/tasks`;
    const content = 'ệ'.repeat(5000);
    const created = (await t.http.post(url).send({ phuLuc: 4, content, deadlineText: 'ố'.repeat(2000), products: Array.from({ length: 30 }, () => 'ư'.repeat(1000)) }).expect(201)).body.task;
    expect(created.content).toBe(content);
    expect(created.products).toHaveLength(30);
    const plan = (await t.http.post('/api/plans').send({ unitId, number: 'Đ'.repeat(64), title: 'ạ'.repeat(500), year: 2023 }).expect(201)).body;
    expect(plan.number).toBe('Đ'.repeat(64));
  });
});

// ---------------------------------------------------------------------------

describe('validation: a plan is written whole or not at all', () => {
  let t: TestApp;
  let unitId: number;
  let people: Record<string, number>;
  let other: { unitId: number; people: Record<string, number> };

  /** Seven Phụ lục of three tasks each; the last task of Phụ lục 07 is `last`. */
  const sevenPhuLucs = (last: Record<string, unknown>) =>
    [1, 2, 3, 4, 5, 6, 7].map((number) => ({
      number,
      heading: `Phụ lục 0${number}`,
      tasks: [
        { content: `Nhiệm vụ ${number}.1`, leadText: 'Công chức Tư pháp – Hộ tịch', deadlineText: 'Quý IV/2023', coordinatorIds: [people.vanhoa] },
        { content: `Nhiệm vụ ${number}.2`, assigneeId: people.vanphong, deadlineText: 'Báo cáo định kỳ 6 tháng, năm' },
        number === 7 ? { content: 'Nhiệm vụ 7.3', ...last } : { content: `Nhiệm vụ ${number}.3`, deadlineText: 'Thường xuyên' },
      ],
    }));
  const planBody = (phuLucs: unknown) => ({ unitId, number: '08/KH-UBND', title: 'Kế hoạch cải cách hành chính năm 2023', year: 2023, phuLucs });

  beforeAll(async () => {
    t = await startApp();
    ({ unitId, people } = await seedUnit(t));
    other = await seedUnit(t, 'UBND xã Bên Cạnh', { signIn: false });
    await createPlan(t, unitId, { phuLucs: [{ number: 1, tasks: [{ content: 'Có sẵn', deadlineText: 'Quý I/2023' }] }] });
  });
  afterAll(() => t.close());

  it('leaves no plan, Phụ lục or task when the last task of Phụ lục 07 names an official of another unit', async () => {
    const before = await state(t);
    const plans = (await t.http.get('/api/plans').expect(200)).body.length;
    const tasks = await taskCount(t);
    const res = await t.http.post('/api/plans').send(planBody(sevenPhuLucs({ assigneeId: other.people.tuphap })));
    expectFieldError(res, 'phuLucs[6].tasks[2].assigneeId', /^phuLucs\[6\]\.tasks\[2\]\.assigneeId: không có cán bộ mã \d+ trong đơn vị của kế hoạch/);
    expect((await t.http.get('/api/plans').expect(200)).body).toHaveLength(plans);
    expect(await taskCount(t)).toBe(tasks);
    expect(await state(t)).toEqual(before);
  });

  it('leaves nothing when the last coordinator does not exist', async () => {
    const before = await state(t);
    const res = await t.http.post('/api/plans').send(planBody(sevenPhuLucs({ coordinatorIds: [people.tuphap, 99999] })));
    expectFieldError(res, 'phuLucs[6].tasks[2].coordinatorIds', /không có cán bộ mã 99999/);
    expect(await state(t)).toEqual(before);
  });

  it('leaves nothing when the last task repeats an ordinal inside its Phụ lục (409)', async () => {
    const before = await state(t);
    const res = await t.http.post('/api/plans').send(planBody(sevenPhuLucs({ ordinal: 1 })));
    expect(expectApiError(res, 409).message).toBe('Phụ lục 07 đã có nhiệm vụ số thứ tự 1');
    expect(await taskCount(t)).toBe(before.counts.task);
    expect(await state(t)).toEqual(before);
  });

  it('refuses a Phụ lục given twice, naming the second one', async () => {
    const before = await state(t);
    const phuLucs = sevenPhuLucs({});
    phuLucs[6] = { ...phuLucs[6], number: 3 };
    expectFieldError(await t.http.post('/api/plans').send(planBody(phuLucs)), 'phuLucs[6].number', /Phụ lục 3 bị lặp/);
    expect(await state(t)).toEqual(before);
  });

  it('then takes the same plan, corrected, in one piece', async () => {
    const tasks = await taskCount(t);
    const plan = (await t.http.post('/api/plans').send(planBody(sevenPhuLucs({ assigneeId: people.tuphap }))).expect(201)).body;
    expect(plan.taskCount).toBe(21);
    expect(plan.phuLucs.map((p: any) => p.tasks.length)).toEqual([3, 3, 3, 3, 3, 3, 3]);
    expect(await taskCount(t)).toBe(tasks + 21);
  });
});

// ---------------------------------------------------------------------------

describe('validation: optimistic versions', () => {
  let t: TestApp;
  let unitId: number;
  let people: Record<string, number>;
  let planId: number;

  const newTask = async (content: string, deadlineText = 'Quý III/2023') =>
    (await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 5, content, deadlineText }).expect(201)).body.task;
  const snapshotOf = async (id: number) => ({
    task: (await t.http.get(`/api/tasks/${id}`).expect(200)).body,
    history: (await t.http.get(`/api/tasks/${id}/history`).expect(200)).body,
  });

  beforeAll(async () => {
    t = await startApp();
    ({ unitId, people } = await seedUnit(t));
    planId = (await createPlan(t, unitId)).id;
  });
  afterAll(() => t.close());

  it('refuses a stale version with 409 and leaves the row as it was', async () => {
    const task = await newTask('Nội dung gốc');
    await t.http.patch(`/api/tasks/${task.id}`).send({ content: 'Sửa lần 1', version: task.version }).expect(200);
    const before = await snapshotOf(task.id);
    const stale = expectApiError(await t.http.patch(`/api/tasks/${task.id}`).send({ content: 'Sửa từ bản cũ', deadlineText: 'Quý IV/2023', version: task.version }), 409);
    expect(stale.message).toMatch(new RegExp(`phiên bản ${task.version + 1}, bạn gửi ${task.version}`));
    expectApiError(await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2023-09-01', version: task.version }), 409);
    expect(await snapshotOf(task.id)).toEqual(before);
    expect(before.task).toMatchObject({ content: 'Sửa lần 1', deadlineText: 'Quý III/2023', version: task.version + 1 });

    const unit = (await t.http.get(`/api/units/${unitId}`).expect(200)).body;
    await t.admin.patch(`/api/units/${unitId}`).send({ name: 'UBND xã Đổi Tên', version: unit.version }).expect(200);
    const unitBefore = await state(t);
    expectApiError(await t.admin.patch(`/api/units/${unitId}`).send({ name: 'UBND xã Cũ', version: unit.version }), 409);
    expectApiError(await t.http.patch(`/api/officials/${people.tuphap}`).send({ position: 'Khác', version: 99 }), 409);
    expectApiError(await t.http.patch(`/api/plans/${planId}`).send({ title: 'Khác', version: 99 }), 409);
    expect(await state(t)).toEqual(unitBefore);
  });

  it('lets exactly one of two concurrent PATCHes with the same version win', async () => {
    for (let round = 0; round < 3; round++) {
      const task = await newTask(`Vòng ${round}`);
      const [a, b] = await Promise.all([
        t.http.patch(`/api/tasks/${task.id}`).send({ content: `A${round}`, version: task.version }),
        t.http.patch(`/api/tasks/${task.id}`).send({ content: `B${round}`, version: task.version }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
      expectApiError(loser, 409);
      const after = await snapshotOf(task.id);
      expect(after.task.content).toBe(winner.body.content);
      expect(after.task.version).toBe(task.version + 1);
      expect(after.history.map((h: any) => h.action)).toEqual(['created', 'updated']);
    }
  });

  it('keeps the due dates and coordinators of the winner only', async () => {
    const task = await newTask('Lịch và người phối hợp');
    const [a, b] = await Promise.all([
      t.http.patch(`/api/tasks/${task.id}`).send({ deadlineText: 'Quý II/2023', coordinatorIds: [people.vanhoa], version: task.version }),
      t.http.patch(`/api/tasks/${task.id}`).send({ deadlineText: 'Tháng 11/2023', coordinatorIds: [people.taichinh, people.tuphap], version: task.version }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    const after = await snapshotOf(task.id);
    expect(after.task.deadlineText).toBe(winner.body.deadlineText);
    expect(after.task.dueDates).toEqual(winner.body.dueDates);
    expect(after.task.dueDates).toHaveLength(1);
    expect(after.task.coordinatorIds).toEqual(winner.body.coordinatorIds);
    const [rows] = await t.db.query(`SELECT COUNT(*) AS n FROM task_due_date WHERE task_id = ${Number(task.id)}`);
    expect(Number(rows.n)).toBe(1);
    expect(after.history).toHaveLength(2);
  });

  it('records one completion when two are sent at once with the same version', async () => {
    const task = await newTask('Hoàn thành đồng thời', 'Báo cáo định kỳ 6 tháng, năm');
    const [a, b] = await Promise.all([
      t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2023-06-10', evidence: 'Bản A', version: task.version }),
      t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2023-06-11', evidence: 'Bản B', version: task.version }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    const after = await snapshotOf(task.id);
    expect(after.task.dueDates.filter((d: any) => d.completedOn !== null)).toHaveLength(1);
    expect(after.task.dueDates[0]).toMatchObject({ dueOn: '2023-06-30', completedOn: winner.body.dueDates[0].completedOn, evidence: winner.body.dueDates[0].evidence });
    expect(after.history.map((h: any) => h.action)).toEqual(['created', 'completed']);
  });
});

// ---------------------------------------------------------------------------

describe('validation: deadline text is never rejected', () => {
  let t: TestApp;
  let planId: number;

  beforeAll(async () => {
    t = await startApp();
    const { unitId } = await seedUnit(t);
    planId = (await createPlan(t, unitId)).id;
  });
  afterAll(() => t.close());

  const unknownTexts = [
    'Khi có chỉ đạo của cấp trên',
    '  Theo tiến độ\n  của dự án  ',
    '???',
    '',
    'Trước 30/02/2023',
    '🙂 sớm nhất có thể',
  ];

  it('answers 200 with kind "unspecified" and needsReview for text it cannot read', async () => {
    for (const text of unknownTexts) {
      const res = await t.http.post('/api/deadlines/parse').send({ text, year: 2023 }).expect(200);
      expect(res.body).toMatchObject({ kind: 'unspecified', dueDates: [], needsReview: true });
      expect(res.body.notes.length).toBeGreaterThan(0);
      for (const note of res.body.notes) expectVietnamese(note);
    }
  });

  it('creates a task with such text and keeps it verbatim', async () => {
    for (const deadlineText of unknownTexts) {
      const { task, unassigned } = (await t.http.post(`/api/plans/${planId}/tasks`)
        .send({ phuLuc: 6, content: `Nhiệm vụ “${deadlineText}”`, deadlineText }).expect(201)).body;
      expect(task.deadlineText).toBe(deadlineText);
      expect(task.schedule).toMatchObject({ kind: 'unspecified', dueDates: [], needsReview: true });
      expect(task.dueDates).toEqual([{ dueOn: null, label: null, completedOn: null, evidence: null, onTime: null }]);
      expect(unassigned).not.toBeNull();
      const stored = (await t.http.get(`/api/tasks/${task.id}`).expect(200)).body;
      expect(stored.deadlineText).toBe(deadlineText);
    }
  });
});

// ---------------------------------------------------------------------------

describe('validation: the edges of the HTTP layer', () => {
  let t: TestApp;
  let planId: number;
  let unitId: number;

  beforeAll(async () => {
    t = await startApp();
    ({ unitId } = await seedUnit(t));
    planId = (await createPlan(t, unitId)).id;
  });
  afterAll(() => t.close());

  it('answers a bad %-escape and an unsupported charset in Vietnamese', async () => {
    expect(expectApiError(await t.http.get('/api/plans/%FF'), 400).message).toBe('Đường dẫn chứa ký tự mã hóa không hợp lệ');
    const latin = await t.admin.post('/api/units').set('Content-Type', 'application/json; charset=latin1').send('{"name":"X"}');
    expect(latin.status).toBe(415);
    expectVietnamese(latin.body.message);
  });

  it('answers 400 for path ids written as 0x1, 1e0, 0b1, 1.0, 01, +1 or " 1"', async () => {
    for (const id of ['0x1', '1e0', '0b1', '1.0', '01', '+1', '%201']) {
      expectFieldError(await t.http.get(`/api/plans/${id}`), 'id', /số nguyên dương/);
    }
    expect((await t.http.get(`/api/plans/${planId}`).expect(200)).body.id).toBe(planId);
  });

  it('answers any method on an unknown route, and unknown paths outside /api, in the one shape', async () => {
    for (const res of [await t.anon.options('/api/khong-co'), await t.http.get('/khong-co'), await t.http.delete('/api/plans')]) {
      expect(res.status).toBe(404);
      expect(res.body.message).toBe('Không tìm thấy đường dẫn này');
    }
  });

  it('refuses a NUL character and text longer than its column in code points, on both databases', async () => {
    const before = await state(t);
    expectFieldError(await t.admin.post('/api/units').send({ name: 'a\u0000b' }), 'name', /ký tự không hợp lệ/);
    expectFieldError(await t.http.post('/api/plans').send({ unitId, number: 'a\uFE0F'.repeat(64), title: 'T', year: 2023 }), 'number', /dài quá 64/);
    expectFieldError(await t.http.patch(`/api/plans/${planId}`).send({ title: 'a\uFE0F'.repeat(500) }), 'title', /dài quá 500/);
    expectFieldError(await t.admin.post('/api/units').send({ name: '   ' }), 'name', /không được để trống/);
    expect(await state(t)).toEqual(before);
  });
});
