import { readFileSync, writeFileSync } from 'node:fs';

/** Replaces one benchmark's section of docs/benchmarks.md, keeping the others. */
export function upsertSection(path: string, id: string, body: string): void {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    text = '# Benchmarks\n\nWritten by the scripts in `bench/`; run `npm run bench`.\n';
  }
  const start = `<!-- bench:${id} -->`;
  const end = `<!-- /bench:${id} -->`;
  const block = `${start}\n${body}\n${end}`;
  const re = new RegExp(`${start}[\\s\\S]*?${end}`);
  // a function replacement: "$" in the figures must not be read as a pattern
  text = re.test(text) ? text.replace(re, () => block) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, text);
}
