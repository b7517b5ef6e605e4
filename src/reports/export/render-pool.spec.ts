import { setTimeout as sleep } from 'node:timers/promises';
import { RenderPool, renderWorkerFile } from './render-pool.js';

/**
 * A stand-in render thread: echoes the bytes it is given after a moment; a
 * first byte of 1 makes the thread die, 2 makes the render fail.
 */
const STAND_IN = new URL(`data:text/javascript,${encodeURIComponent(`
  import { parentPort } from 'node:worker_threads';
  parentPort.on('message', ({ snapshot }) => {
    if (snapshot[0] === 1) process.exit(3);
    if (snapshot[0] === 2) return parentPort.postMessage({ ok: false, error: 'Error: không đọc được' });
    setTimeout(() => parentPort.postMessage({ ok: true, body: snapshot }), 30);
  });
`)}`);

describe('render pool', () => {
  let pool: RenderPool;
  afterEach(() => pool.close());

  it('runs at most its size at once, the rest in order, and answers each with its own bytes', async () => {
    pool = new RenderPool(() => STAND_IN, 2);
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, pool.stats().busy)), 5);
    const answers = await Promise.all([10, 11, 12, 13, 14].map((b) => pool.render('docx', Uint8Array.of(b))));
    clearInterval(watch);
    expect(answers.map((a) => a[0])).toEqual([10, 11, 12, 13, 14]);
    expect(Buffer.isBuffer(answers[0])).toBe(true);
    expect(most).toBeLessThanOrEqual(2);
    expect(pool.stats()).toEqual({ threads: 2, busy: 0, waiting: 0 });
  });

  it('fails only the request whose thread died, and starts another for the next', async () => {
    pool = new RenderPool(() => STAND_IN, 1);
    const [dead, next] = await Promise.allSettled([pool.render('docx', Uint8Array.of(1)), pool.render('xlsx', Uint8Array.of(7))]);
    expect(dead).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/exit code 3/) } });
    expect(next).toMatchObject({ status: 'fulfilled' });
    await expect(pool.render('docx', Uint8Array.of(2))).rejects.toThrow(/DOCX.*không đọc được/);
    expect((await pool.render('html', Uint8Array.of(9)))[0]).toBe(9);
  });

  it('stops idle threads, and refuses work once closed', async () => {
    pool = new RenderPool(() => STAND_IN, 1, 50);
    await pool.render('docx', Uint8Array.of(5));
    expect(pool.stats().threads).toBe(1);
    await sleep(200);
    expect(pool.stats().threads).toBe(0);
    const inProgress = expect(pool.render('docx', Uint8Array.of(6))).rejects.toThrow(/closed/);
    await pool.close();
    await inProgress;
    await expect(pool.render('docx', Uint8Array.of(6))).rejects.toThrow(/closed/);
  });

  it('runs the built worker beside a built module, and the built copy from src/', () => {
    expect(renderWorkerFile('file:///srv/cchc/dist/reports/export/render-pool.js').href).toBe('file:///srv/cchc/dist/reports/export/render-worker.js');
    expect(() => renderWorkerFile('file:///nowhere/src/reports/export/render-pool.ts')).toThrow(/npm run build/);
  });
});
