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
