import { readFileSync } from 'node:fs';

/** The median time of `runs` calls, in milliseconds, after a warm-up of a few calls. */
export async function medianOf(runs: number, fn: () => Promise<unknown>, warmup = Math.min(20, runs)): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return samples.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** Milliseconds since `from` (a process.hrtime.bigint()). */
export const msSince = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e6;

/** The p-th percentile of ascending samples (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The whole machine's busy CPU time so far, ms (Linux /proc/stat; null elsewhere). */
export function machineBusyMs(): number | null {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
    return ((user + nice + system + irq + softirq + (steal || 0)) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}
