// Builds the web app (web/) into dist/web: one script and one style sheet
// named by the hash of their content, and index.html pointing at them.
// Run by `npm run build`; the server (src/web/web-app.ts) serves the result.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/web');

export async function buildWeb({ outDir = out, quiet = false } = {}) {
  rmSync(join(outDir, 'assets'), { recursive: true, force: true });
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { app: 'web/src/main.tsx' },
    bundle: true,
    minify: true,
    format: 'esm',
    // the commune office's old PC: Chrome/Edge/Firefox of the last few years
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: join(outDir, 'assets'),
    // each view is its own chunk, loaded when its address is opened: a view's cold load is the shell and that view
    splitting: true,
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    legalComments: 'none',
    // Vietnamese text as UTF-8, not \u escapes: a third lighter
    charset: 'utf8',
    logLevel: quiet ? 'silent' : 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const files = Object.keys(result.metafile.outputs).map((f) => basename(f));
  const script = files.find((f) => /^app-.*\.js$/.test(f));
  const style = files.find((f) => /^app-.*\.css$/.test(f));
  if (!script || !style) throw new Error(`web build: missing output (${files.join(', ')})`);
  const html = readFileSync(join(root, 'web/index.html'), 'utf8')
    .replace('%STYLE%', `/assets/${style}`)
    .replace('%SCRIPT%', `/assets/${script}`);
  writeFileSync(join(outDir, 'index.html'), html);
  return { script, style, files };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await buildWeb();
  console.log(`web: ${r.files.join(', ')}`);
}
