import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { startApp, TestApp } from './support/app.js';

/**
 * The OpenAPI document the server serves is the contract of the page: its
 * committed copy (web/src/api/openapi.json) and the types generated from it
 * (web/src/api/schema.d.ts) must be what the code produces, and the served
 * document must pass `redocly lint` with the recommended rules (redocly.yaml).
 */
const ROOT = join(import.meta.dirname, '..');
const DOCUMENT_FILE = join(ROOT, 'web/src/api/openapi.json');
const RUN = 'chạy `npm run api:types` rồi commit web/src/api / run `npm run api:types` and commit web/src/api';

/** Where two documents differ, as JSON pointers (first few), for the failure message. */
function differences(a: unknown, b: unknown, at = ''): string[] {
  if (isDeepStrictEqual(a, b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  return [at || '/'];
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let served: Record<string, any>;
  let dir: string;

  beforeAll(async () => {
    t = await startApp();
    served = (await t.admin.get('/api/docs-json').expect(200)).body;
    dir = mkdtempSync(join(tmpdir(), 'cchc-openapi-'));
  });
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('served at /api/docs-json is the committed web/src/api/openapi.json', () => {
    const committed = JSON.parse(readFileSync(DOCUMENT_FILE, 'utf8'));
    const diff = differences(served, committed);
    if (diff.length) {
      throw new Error(`web/src/api/openapi.json khác tài liệu máy chủ phục vụ / differs from the served document at ${diff.slice(0, 10).join(', ')}${diff.length > 10 ? ` (+${diff.length - 10})` : ''}: ${RUN}`);
    }
  });

  it('passes `redocly lint` with the recommended rules (redocly.yaml): no error, no warning', () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(served));
    let out: string;
    try {
      out = execFileSync(process.execPath, [join(ROOT, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format', 'json'], {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
        // no usage report, no version check: the tests make no outside request
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', CI: 'true' },
      }).toString();
    } catch (e) {
      out = String((e as { stdout?: Buffer }).stdout ?? '');
      if (!out.trim().startsWith('{')) throw e;
    }
    const report = JSON.parse(out) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[] };
    const problems = report.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('declares for each operation a summary, a described 2xx answer and the error answers in the one error shape', () => {
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(served.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (!op.summary) missing.push(`${name}: summary`);
        const ok = Object.entries(op.responses as Record<string, any>).filter(([status]) => /^2/.test(status));
        if (!ok.length || ok.some(([status, r]) => status !== '204' && !r.content)) missing.push(`${name}: 2xx content`);
        const errors = Object.entries(op.responses as Record<string, any>).filter(([status]) => /^4/.test(status));
        if (!errors.length) missing.push(`${name}: 4xx`);
        for (const [status, r] of errors) {
          if (r.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ApiErrorDto') missing.push(`${name}: ${status} not ApiErrorDto`);
        }
        // every route but signing in and the health check needs an account, and says it may answer 401
        if (!['/api/auth/login', '/api/health'].includes(path) && !op.responses['401']) missing.push(`${name}: 401`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('answers the health check\'s declared 400 for a malformed body, as every route does', async () => {
    const res = await t.anon.get('/api/health').set('Content-Type', 'application/json').send('{');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'Nội dung yêu cầu không phải JSON hợp lệ' });
  });

  it('generates the committed web/src/api/schema.d.ts (openapi-typescript)', () => {
    let failure = '';
    try {
      execFileSync(process.execPath, [join(ROOT, 'scripts/api-types.mjs'), '--check'], { cwd: ROOT, stdio: 'pipe' });
    } catch (e) {
      failure = String((e as { stderr?: Buffer }).stderr ?? e);
    }
    if (failure) throw new Error(`${failure.trim()}\n${RUN}`);
  });
});
