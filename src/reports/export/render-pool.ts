import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RenderKind, RenderReply, RenderRequest } from './render-worker.js';

/**
 * The script a render thread runs. A worker thread is a new Node isolate that
 * loads a JavaScript file from disk, and that decides where it is:
 *
 * - The built server (`node dist/main.js`: this module is
 *   dist/reports/export/render-pool.js) starts its sibling render-worker.js.
 * - Under Jest, this module is TypeScript that ts-jest compiled in memory:
 *   no render-worker.js exists beside it, a worker cannot borrow Jest's
 *   transformer, and Node 20 does not run TypeScript. It starts the built copy
 *   in dist/ instead, which `npm test` (scripts/test.sh) builds before the e2e
 *   suites. The alternatives were worse: a TypeScript loader would be a new
 *   dependency for the tests alone, and rendering in-thread under Jest would
 *   leave the worker path, the one production takes, untested.
 *
 * A dist/ built before the latest change to src/ would render with the old
 * code while the tests read the new one, so it is refused, with what to run.
 */
export function renderWorkerFile(moduleUrl: string = import.meta.url): URL {
  if (!moduleUrl.endsWith('.ts')) return new URL('./render-worker.js', moduleUrl);
  const root = fileURLToPath(new URL('../../../', moduleUrl));
  const built = join(root, 'dist', 'reports', 'export', 'render-worker.js');
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` (the report render threads run the built code)`);
  const source = newestSource(join(root, 'src'));
  if (source.mtimeMs > statSync(built).mtimeMs) {
    throw new Error(`${built} is older than ${source.path}: run \`npm run build\` (the report render threads run the built code)`);
  }
  return pathToFileURL(built);
}

function newestSource(dir: string): { path: string; mtimeMs: number } {
  let newest = { path: dir, mtimeMs: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const candidate = entry.isDirectory() ? newestSource(path)
      : /\.(ts|json|html)$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? { path, mtimeMs: statSync(path).mtimeMs } : newest;
    if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
  }
  return newest;
}

interface Job extends RenderRequest {
  resolve(body: Buffer): void;
  reject(error: Error): void;
}

/**
 * At most `size` render threads, started when a file is asked for, stopped
 * after a minute without work; further requests wait their turn in order. A
 * thread that dies (out of memory, a crash) fails its one request and is
 * replaced by the next one that needs it.
 */
export class RenderPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly idleTimers = new Map<Worker, NodeJS.Timeout>();
  private readonly waiting: Job[] = [];
  private closed = false;

  constructor(private readonly file: () => URL, private readonly size: number, private readonly idleMs = 60_000) {}

  render(kind: RenderKind, snapshot: Uint8Array): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('the render pool is closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ kind, snapshot, resolve, reject });
      this.next();
    });
  }

  /** Threads running, busy, and requests waiting for one. */
  stats(): { threads: number; busy: number; waiting: number } {
    return { threads: this.idle.length + this.busy.size, busy: this.busy.size, waiting: this.waiting.length };
  }

  /** Stops every thread; requests waiting or in progress fail. */
  async close(): Promise<void> {
    this.closed = true;
    const closed = () => new Error('the render pool is closed');
    for (const job of [...this.waiting.splice(0), ...this.busy.values()]) job.reject(closed());
    const all = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    this.busy.clear();
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    await Promise.all(all.map((w) => w.terminate()));
  }

  private next(): void {
    while (this.waiting.length && !this.closed) {
      let worker = this.idle.pop();
      if (!worker) {
        if (this.busy.size >= this.size) return;
        try {
          worker = this.start();
        } catch (e) {
          this.waiting.shift()!.reject(e as Error);
          continue;
        }
      }
      clearTimeout(this.idleTimers.get(worker));
      this.idleTimers.delete(worker);
      const job = this.waiting.shift()!;
      this.busy.set(worker, job);
      worker.ref();
      worker.postMessage({ kind: job.kind, snapshot: job.snapshot } satisfies RenderRequest);
    }
  }

  private start(): Worker {
    const worker = new Worker(this.file());
    worker.on('message', (reply: RenderReply) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      if (job) {
        if (reply.ok) job.resolve(Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength));
        else job.reject(new Error(`rendering a ${job.kind.toUpperCase()} file failed in its thread: ${reply.error}`));
      }
      this.rest(worker);
      this.next();
    });
    worker.on('error', (e) => this.lost(worker, e));
    worker.on('exit', (code) => this.lost(worker, new Error(`a render thread stopped (exit code ${code})`)));
    return worker;
  }

  private rest(worker: Worker): void {
    if (this.closed) return;
    // a thread at work keeps the process alive; an idle one does not
    worker.unref();
    this.idle.push(worker);
    const timer = setTimeout(() => {
      this.idleTimers.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      void worker.terminate();
    }, this.idleMs);
    timer.unref();
    this.idleTimers.set(worker, timer);
  }

  private lost(worker: Worker, error: Error): void {
    const job = this.busy.get(worker);
    this.busy.delete(worker);
    clearTimeout(this.idleTimers.get(worker));
    this.idleTimers.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    job?.reject(error);
    this.next();
  }
}
