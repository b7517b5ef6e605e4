import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A private redis-server of the test's own (Debian's, as npm test installs it), to stop, start late or fill up. */
export async function startRedis(port?: number): Promise<{ url: string; port: number; stop(): Promise<void>; client(): Redis }> {
  const p = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'cchc-redis-'));
  const child: ChildProcess = spawn('redis-server', ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: 'ignore',
    // under scripts/time-sweep.sh the tests run with libfaketime preloaded, which
    // redis-server cannot start with ("unexpected recursive calls to
    // clock_gettime()"); the sweep's shared Redis runs on the real clock too
    env: withoutPreload(process.env),
  });
  const url = `redis://127.0.0.1:${p}`;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  for (let i = 0; i < 100; i++) {
    if (await probe.connect().then(() => true, () => false)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  probe.disconnect();
  const clients: Redis[] = [];
  return {
    url,
    port: p,
    client: () => {
      const c = new Redis(url);
      c.on('error', () => undefined);
      clients.push(c);
      return c;
    },
    stop: async () => {
      clients.forEach((c) => c.disconnect());
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The environment without a preloaded library (libfaketime under the time sweep). */
function withoutPreload(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { LD_PRELOAD: _preload, ...rest } = env;
  return rest;
}
