import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { DB_KIND, freshDatabaseUrl } from './support/app.js';
import { DEMO, demoCsv } from './support/plan-documents.js';

/**
 * The built program as a user runs it: `node dist/main.js` and the demo loader
 * CLI, in their own processes (scripts/test.sh builds dist/ first), on the
 * Node.js that runs the tests.
 */
const MAIN = 'dist/main.js';
const LOADER = 'dist/load-demo.js';
const IMPORTER = 'dist/import-plan.js';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

const SECRET = 'cli-test-secret-0123456789abcdef0123456789';

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, REDIS_URL: process.env.REDIS_URL, SQLITE_NATIVE_BINDING: process.env.SQLITE_NATIVE_BINDING, NODE_ENV: 'production', JWT_SECRET: SECRET, ...extra };
}

async function signIn(port: number, username: string, password: string): Promise<{ status: number; token?: string }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  return { status: res.status, token: res.ok ? ((await res.json()) as { accessToken: string }).accessToken : undefined };
}

describe(`the built server and CLI on ${DB_KIND}`, () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
  });

  it('loads the demo plan into an empty database once, with one command', async () => {
    const db = await freshDatabaseUrl();
    try {
      const first = spawnSync(process.execPath, [LOADER], { env: env({ DATABASE_URL: db.url }), encoding: 'utf8' });
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/Đã nạp kế hoạch Hoằng Tiến 2023 \(mã \d+\): 34 nhiệm vụ, 15 đã giao người chủ trì\./);
      const second = spawnSync(process.execPath, [LOADER], { env: env({ DATABASE_URL: db.url }), encoding: 'utf8' });
      expect(second.status).toBe(0);
      expect(second.stdout).toContain('đã có dữ liệu');
    } finally {
      await db.drop();
    }
  });

  it('imports a plan file for the administrator: a preview, then --save; a bad file saves nothing', async () => {
    const db = await freshDatabaseUrl();
    const dir = mkdtempSync(join(tmpdir(), 'cchc-cli-import-'));
    try {
      expect(spawnSync(process.execPath, [LOADER], { env: env({ DATABASE_URL: db.url }), encoding: 'utf8' }).status).toBe(0);
      const plan = structuredClone(DEMO);
      plan.plan.number = '10/KH-UBND';
      const csv = join(dir, 'ke-hoach.csv');
      writeFileSync(csv, demoCsv(plan));
      writeFileSync(join(dir, 'anh.csv'), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
      const run = (...args: string[]) => spawnSync(process.execPath, [IMPORTER, ...args], { env: env({ DATABASE_URL: db.url }), encoding: 'utf8' });
      // the Hoằng Tiến commune is the demo's second unit (its district comes first)
      const preview = run('--unit', '2', csv);
      expect(preview.stderr).toBe('');
      expect(preview.status).toBe(0);
      expect(preview.stdout).toContain('Kế hoạch cải cách hành chính năm 2023 – số 10/KH-UBND – năm 2023');
      expect(preview.stdout).toContain('Phụ lục 02: 8 nhiệm vụ');
      expect(preview.stdout).toMatch(/\[lưu ý\] bảng 1, dòng \d+, cột “Thời gian hoàn thành”/);
      expect(preview.stdout).toContain('Xem trước: 34 nhiệm vụ. Chưa lưu gì');
      const saved = run('--unit', '2', '--save', csv);
      expect(saved.status).toBe(0);
      expect(saved.stdout).toMatch(/Đã lưu kế hoạch \(mã \d+\): 34 nhiệm vụ\./);
      const again = run('--unit', '2', '--save', csv);
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('đã có kế hoạch số 10/KH-UBND năm 2023');
      const bad = run('--unit', '2', '--save', join(dir, 'anh.csv'));
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain('UTF-8');
      expect(run(csv).status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.drop();
    }
  });

  it('refuses to start on bad configuration, naming each bad variable', () => {
    const run = spawnSync(process.execPath, [MAIN], { env: env({ PORT: 'abc', DATABASE_URL: 'mysql://x' }), encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Cấu hình không hợp lệ');
    expect(run.stderr).toContain('PORT');
    expect(run.stderr).toContain('DATABASE_URL');
    // outside development the token secret is required, never made up
    const noSecret = spawnSync(process.execPath, [MAIN], { env: { ...env({}), JWT_SECRET: '' }, encoding: 'utf8' });
    expect(noSecret.status).toBe(2);
    expect(noSecret.stderr).toMatch(/JWT_SECRET: bắt buộc/);
  });

  it('starts, migrates, creates the first administrator, serves the demo plan to its accounts, and stops cleanly on SIGTERM', async () => {
    const db = await freshDatabaseUrl();
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], { env: env({ DATABASE_URL: db.url, PORT: String(port) }), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b) => (output += b));
    child.stderr.on('data', (b) => (output += b));
    try {
      let health: Response | undefined;
      // a deadline, not a count of tries: a loaded machine can take far longer than 10 s to start Nest
      const until = Date.now() + 45_000;
      while (!health && Date.now() < until) {
        health = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
        if (!health) await new Promise((r) => setTimeout(r, 100));
      }
      expect(health?.status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/api/plans`)).status).toBe(401);
      // no ADMIN_PASSWORD: a generated one, printed once
      const generated = /tài khoản quản trị "admin" với mật khẩu: (\S+)/.exec(output)?.[1];
      expect(generated).toMatch(/^[A-Za-z0-9]{16}$/);
      expect((await signIn(port, 'admin', generated!)).status).toBe(200);
      const { token } = await signIn(port, 'chutich', 'demo@2023');
      const auth = { headers: { Authorization: `Bearer ${token}` } };
      const plans = (await (await fetch(`http://127.0.0.1:${port}/api/plans`, auth)).json()) as { id: number }[];
      expect(plans).toHaveLength(1);
      const progress = (await (await fetch(`http://127.0.0.1:${port}/api/plans/${plans[0].id}/progress?asOf=2023-01-01`, auth)).json()) as { planned: number; ratio: string };
      expect(progress).toMatchObject({ planned: 34, ratio: '0/34' });
      const exited = new Promise<[number | null, string | null]>((resolve) => child.on('exit', (code, signal) => resolve([code, signal])));
      child.kill('SIGTERM');
      // Nest closes the app (database, Redis) and then re-raises the signal, as a well-behaved process does
      const [code, signal] = await exited;
      expect(code === 0 || signal === 'SIGTERM').toBe(true);
      expect(output).not.toMatch(/ERROR|Error:/);
      expect(output.match(/với mật khẩu:/g)).toHaveLength(1);
      expect(output).toContain('Đã nạp kế hoạch mẫu Hoằng Tiến 2023');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await db.drop();
    }
  });
});
