/**
 * The body of a render thread (render-pool.ts): takes a stored snapshot,
 * renders one file, answers with its bytes. Pure work over the snapshot, with
 * no database, no Nest and no network, so it can run beside the event loop.
 */
import { parentPort } from 'node:worker_threads';
import { unpackReportSync } from '../report-snapshot.js';
import { reportDocx } from './report-docx.js';
import { reportHtml } from './report-html.js';
import { reportXlsx } from './report-xlsx.js';

export type RenderKind = 'docx' | 'xlsx' | 'html';
export interface RenderRequest {
  kind: RenderKind;
  /** The report's stored bytes (report-snapshot.ts): unpacking them is work this thread does too. */
  snapshot: Uint8Array;
}
export type RenderReply = { ok: true; body: Uint8Array } | { ok: false; error: string };

async function render({ kind, snapshot }: RenderRequest): Promise<Buffer> {
  const data = unpackReportSync(snapshot);
  if (kind === 'docx') return reportDocx(data);
  if (kind === 'xlsx') return reportXlsx(data);
  return Buffer.from(reportHtml(data), 'utf8');
}

const port = parentPort;
if (port) {
  port.on('message', (request: RenderRequest) => {
    render(request).then(
      (body) => {
        // hand the bytes over rather than copy them, when they are alone in their memory
        const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
        port.postMessage({ ok: true, body } satisfies RenderReply, own ? [body.buffer as ArrayBuffer] : []);
      },
      (e: Error) => port.postMessage({ ok: false, error: e.stack ?? e.message } satisfies RenderReply),
    );
  });
}
