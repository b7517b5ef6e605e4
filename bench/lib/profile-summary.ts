import { readFileSync } from 'node:fs';

/**
 * `node dist-bench/bench/lib/profile-summary.js <file.cpuprofile> [top] [from ms]`: the
 * profile's self time (from that many ms after its start: the delivery, not the start-up) by package (node_modules/<name>, node: internals, the
 * app's own files) and by function, largest first.
 */
interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
const [file, topArg, fromArg] = process.argv.slice(2);
const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
let at = 0;
let first = Infinity;
p.samples.forEach((id, i) => {
  at += p.timeDeltas[i] ?? 0;
  if (at / 1000 < Number(fromArg ?? 0)) return;
  first = Math.min(first, at);
  self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
});
const where = (url: string) => {
  if (!url) return '(native/V8)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return url.split('/')[0];
  const s = /dist-bench\/(.*)$/.exec(url);
  return s ? `app:${s[1]}` : url;
};
const pkg = new Map<string, number>();
const fn = new Map<string, number>();
let idle = 0;
for (const [id, us] of self) {
  const n = byId.get(id)!;
  const name = n.callFrame.functionName || '(anonymous)';
  if (name === '(idle)') { idle += us; continue; }
  const w = name.startsWith('(') ? name : where(n.callFrame.url);
  pkg.set(w, (pkg.get(w) ?? 0) + us);
  const k = `${name} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  fn.set(k, (fn.get(k) ?? 0) + us);
}
const total = [...pkg.values()].reduce((a, b) => a + b, 0);
const top = Number(topArg ?? 25);
const ms = (us: number) => (us / 1000).toFixed(0).padStart(7);
console.log(`busy ${ms(total)} ms, idle ${ms(idle)} ms, wall ${ms(p.endTime - p.startTime - (Number.isFinite(first) ? first : 0))} ms`);
console.log('-- by package');
for (const [k, v] of [...pkg].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(v)} ms ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
console.log('-- by function');
for (const [k, v] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(v)} ms ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
