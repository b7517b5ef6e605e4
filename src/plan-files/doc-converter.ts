import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FILE_MESSAGES, PlanFileError } from './plan-file-error.js';

export interface DocConverterOptions {
  /** The LibreOffice program; a bare name is looked up on PATH. */
  soffice: string;
  timeoutMs: number;
}

/**
 * Converts a Word 97–2003 document to .docx with LibreOffice in headless mode:
 * its own profile in a fresh temporary folder per conversion (two at once do
 * not share a lock), a time limit after which the process group is killed,
 * and the folder removed whatever happens. No LibreOffice: the person is told
 * to save the file as .docx.
 */
export async function convertDocToDocx(bytes: Uint8Array, o: DocConverterOptions): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'cchc-doc-'));
  try {
    const input = join(dir, 'ke-hoach.doc');
    await writeFile(input, bytes);
    const args = [
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
      '--headless', '--norestore', '--nologo', '--nodefault', '--nolockcheck',
      '--convert-to', 'docx:MS Word 2007 XML', '--outdir', dir, input,
    ];
    const outcome = await new Promise<'done' | 'missing' | 'failed'>((resolve) => {
      const child = spawn(o.soffice, args, { detached: true, stdio: 'ignore' });
      const timer = setTimeout(() => {
        try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
        resolve('failed');
      }, o.timeoutMs);
      child.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve(e.code === 'ENOENT' || e.code === 'EACCES' ? 'missing' : 'failed');
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve(code === 0 ? 'done' : 'failed');
      });
    });
    if (outcome === 'missing') throw new PlanFileError('doc_unsupported', FILE_MESSAGES.docUnsupported);
    if (outcome === 'failed') throw new PlanFileError('doc_failed', FILE_MESSAGES.docFailed);
    try {
      return new Uint8Array(await readFile(join(dir, 'ke-hoach.docx')));
    } catch {
      throw new PlanFileError('doc_failed', FILE_MESSAGES.docFailed);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
