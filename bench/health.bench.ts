import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { withDatabase } from './lib/db.js';
import { DOC, measuredOn, upsertSection } from './lib/docs.js';
import { percentile } from './lib/time.js';

/**
 * Does one person's heavy or hostile traffic stall everyone else's? The built
 * server (`node dist/main.js`, as `npm start` runs it) in a process of its
 * own, on SQLite; this process only sends requests. `/api/health` latency,
 * p50 and p99 of sequential requests:
 * - at rest (the baseline, same run, same server);
 * - while six clients export the Word file of a 1,400-task report in a loop
 *   and eight send 400 KB of `[` to POST /api/auth/login without signing in.
 */
const HEALTH_REQUESTS = 300;
const EXPORTERS = 6;
const NESTED_SENDERS = 8;
const NESTED = '['.repeat(400_000);
const ADMIN_PASSWORD = 'quan-tri-bench-1';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function json(res: Response): Promise<any> {
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return res.json();
}

async function healthLatencies(base: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < HEALTH_REQUESTS; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/health`);
    await res.arrayBuffer();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  await withDatabase('sqlite', async (url) => {
    const port = await freePort();
    const server = spawn(process.execPath, ['dist/main.js'], {
      env: {
        ...process.env, PORT: String(port), DATABASE_URL: url, DEMO_PLAN: 'off', NODE_ENV: 'production',
        JWT_SECRET: 'bench-secret-0123456789abcdef0123456789', ADMIN_PASSWORD, QUEUE_PREFIX: 'bench-health',
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        // the bench's exporters are one account: lift the per-account quotas a commune would never reach
        REPORT_EXPORTS_PER_ACCOUNT: '1000000', REPORT_EXPORTS_PER_UNIT: '1000000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      for (let i = 0; ; i++) {
        if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
        if (i > 300) throw new Error('the server did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
      const as = (token: string) => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' });
      const signIn = async (username: string, password: string) => (await json(await fetch(`${base}/api/auth/login`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
      }))).accessToken as string;
      const admin = await signIn('admin', ADMIN_PASSWORD);
      const post = async (token: string, path: string, body: unknown) =>
        json(await fetch(`${base}${path}`, { method: 'POST', headers: as(token), body: JSON.stringify(body) }));
      const unit = await post(admin, '/api/units', { name: 'UBND xã Đo Tải' });
      const chairman = await post(admin, '/api/officials', { unitId: unit.id, fullName: 'Lê Văn Đo', position: 'Chủ tịch UBND xã', role: 'chairman' });
      await post(admin, '/api/users', { username: 'chutich.do', password: 'mat-khau-do-tai', role: 'chairman', unitId: unit.id, officialId: chairman.id, mustChangePassword: false });
      const chair = await signIn('chutich.do', 'mat-khau-do-tai');
      const phuLucs = [1, 2, 3, 4, 5, 6, 7].map((number) => ({
        number,
        tasks: Array.from({ length: 200 }, (_, i) => ({
          content: `Nhiệm vụ ${number}.${i + 1}: rà soát, đánh giá và báo cáo kết quả thực hiện theo kế hoạch của UBND xã`,
          products: ['Báo cáo kết quả thực hiện', 'Quyết định của UBND xã'],
          leadText: 'Công chức Văn phòng – Thống kê', deadlineText: `Tháng ${(i % 12) + 1}/2023`,
        })),
      }));
      const plan = await post(chair, '/api/plans', { unitId: unit.id, number: '01/KH-UBND', title: 'Kế hoạch CCHC năm 2023', year: 2023, issuedOn: '2023-01-05', status: 'issued', phuLucs });
      const report = await post(chair, `/api/plans/${plan.id}/reports`, { period: 'YEAR', year: 2023 });

      const atRest = await healthLatencies(base);

      let running = true;
      const exports: number[] = [];
      const nested = new Map<number, number>();
      const failures = new Map<string, number>();
      const failed = (what: string) => failures.set(what, (failures.get(what) ?? 0) + 1);
      const exporter = async () => {
        while (running) {
          const t0 = performance.now();
          try {
            const res = await fetch(`${base}/api/reports/${report.id}.docx`, { headers: as(chair) });
            const body = await res.arrayBuffer();
            if (res.ok && body.byteLength > 1000) exports.push(performance.now() - t0);
            else failed(`export ${res.status}`);
          } catch (e) {
            failed(`export ${(e as Error).message}`);
          }
        }
      };
      const sender = async () => {
        while (running) {
          try {
            const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: NESTED });
            await res.arrayBuffer();
            nested.set(res.status, (nested.get(res.status) ?? 0) + 1);
          } catch (e) {
            failed(`nested body ${(e as Error).message}`);
          }
        }
      };
      const load = [...Array.from({ length: EXPORTERS }, exporter), ...Array.from({ length: NESTED_SENDERS }, sender)];
      await new Promise((r) => setTimeout(r, 1000)); // let the load build up
      const t0 = performance.now();
      const underLoad = await healthLatencies(base);
      const seconds = (performance.now() - t0) / 1000;
      running = false;
      await Promise.all(load);
      exports.sort((a, b) => a - b);

      const ms = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 1 });
      const statuses = [...nested.entries()].sort().map(([s, n]) => `${n} × ${s}`).join(', ');
      const body = [
        '## Health under heavy and hostile traffic (`GET /api/health`)',
        '',
        `Written by \`bench/health.bench.ts\` on ${measuredOn()}. The built server (\`node dist/main.js\`) on SQLite in a process of its own; ${HEALTH_REQUESTS} sequential health requests, ms.`,
        '',
        '| while | p50 (ms) | p99 (ms) | max (ms) |',
        '|---|---:|---:|---:|',
        `| at rest (baseline) | ${ms(percentile(atRest, 50))} | ${ms(percentile(atRest, 99))} | ${ms(atRest[atRest.length - 1])} |`,
        `| ${EXPORTERS} exporters of a 1,400-task report's DOCX + ${NESTED_SENDERS} senders of 400 KB of \`[\` | ${ms(percentile(underLoad, 50))} | ${ms(percentile(underLoad, 99))} | ${ms(underLoad[underLoad.length - 1])} |`,
        '',
        `During those ${seconds.toFixed(1)} s: ${exports.length} DOCX exports${failures.size ? ` (failed: ${[...failures].map(([w, n]) => `${n} × ${w}`).join(', ')})` : ''} (p50 ${ms(percentile(exports, 50))} ms, p99 ${ms(percentile(exports, 99))} ms each, rendered in worker threads); the nested bodies were answered ${statuses} (refused before parsing).`,
      ].join('\n');
      upsertSection(DOC, 'health', body);
      console.log(body);
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
