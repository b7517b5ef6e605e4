import { DOC, keepOnlySections, sectionIds } from './lib/docs.js';

/**
 * Run by bench/run.sh after every benchmark ran (BENCH=all): the document
 * keeps exactly the sections those benchmarks wrote, so each figure in it was
 * measured by this run. `node dist-bench/bench/tidy-doc.js progress reports …`
 */
const benches = process.argv.slice(2);
const missing = benches.filter((id) => !sectionIds(DOC).includes(id));
if (missing.length) {
  console.error(`[bench] ${DOC} has no section for: ${missing.join(', ')}`);
  process.exit(1);
}
for (const d of keepOnlySections(DOC, benches)) console.error(`[bench] ${DOC}: removed ${d} (no benchmark writes it)`);
