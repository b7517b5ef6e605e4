import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

export const DOC = 'docs/benchmarks.md';

const HEADER = '# Benchmarks\n\nWritten by the scripts in `bench/`; run `npm run bench`. Every figure below is rewritten by that command.\n';

/** The machine's load when this benchmark started: other work on it slows every figure down. */
const LOAD_AT_START = loadavg()[0];

/** When and where a section's figures were measured, for its first line. */
export function measuredOn(): string {
  const cpu = cpus();
  const model = cpu[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return `${new Date().toISOString().slice(0, 10)}, this machine (${process.arch}, ${cpu.length} × ${model}, ${Math.round(totalmem() / 2 ** 30)} GiB; load average ${LOAD_AT_START.toFixed(2)} when the bench started), Node ${process.version}`;
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return HEADER;
  }
}

const SECTION = /<!-- bench:([a-z0-9-]+) -->[\s\S]*?<!-- \/bench:\1 -->\n*/g;

/** Replaces one benchmark's section of docs/benchmarks.md, keeping the others. */
export function upsertSection(path: string, id: string, body: string): void {
  let text = read(path);
  const start = `<!-- bench:${id} -->`;
  const end = `<!-- /bench:${id} -->`;
  const block = `${start}\n${body}\n${end}`;
  const re = new RegExp(`${start}[\\s\\S]*?${end}`);
  // a function replacement: "$" in the figures must not be read as a pattern
  text = re.test(text) ? text.replace(re, () => block) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, text);
}

/** The ids of the sections the document holds, in order. */
export function sectionIds(path: string): string[] {
  return [...read(path).matchAll(SECTION)].map((m) => m[1]);
}

/**
 * Rewrites the document as the header and the sections of these benchmarks,
 * in their order there: a benchmark that was removed leaves no figures behind,
 * and no text outside a section outlives a rerun. Returns what it dropped.
 */
export function keepOnlySections(path: string, ids: string[]): string[] {
  const text = read(path);
  const dropped: string[] = [];
  const kept: string[] = [];
  for (const m of text.matchAll(SECTION)) {
    if (ids.includes(m[1])) kept.push(m[0].trimEnd());
    else dropped.push(`section ${m[1]}`);
  }
  const outside = text.replace(SECTION, '').trim();
  if (outside && outside !== HEADER.trim()) dropped.push(`text outside the sections: ${JSON.stringify(outside.slice(0, 200))}`);
  writeFileSync(path, `${[HEADER.trimEnd(), ...kept].join('\n\n')}\n`);
  return dropped;
}
