import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  messageId: string;
}

/**
 * A real SMTP peer for the tests (smtp-server on a free loopback port). It can
 * refuse the first messages (as a full mailbox would), hang on them (as a
 * dead link would) or answer them late (slowFirst: accepted after ms), to test
 * retries, worker crashes and workers paused mid-send.
 */
export async function startSmtp(opts: { refuseFirst?: number; hangFirst?: number; slowFirst?: { count: number; ms: number } } = {}) {
  const messages: ReceivedMail[] = [];
  let refusals = opts.refuseFirst ?? 0;
  let hangs = opts.hangFirst ?? 0;
  let slow = opts.slowFirst?.count ?? 0;
  let attempts = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      attempts++;
      // decided as the message starts, not as it ends: a sender killed before the
      // end of its message has still used up its hang
      const hang = hangs > 0;
      if (hang) hangs--;
      const late = slow > 0 ? opts.slowFirst!.ms : 0;
      if (late) slow--;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (hang) return; // never answer: the sender waits until it dies
        if (late) await new Promise((r) => setTimeout(r, late));
        if (refusals > 0) {
          refusals--;
          const err = Object.assign(new Error('Hộp thư tạm thời không nhận thư'), { responseCode: 451 });
          return callback(err);
        }
        const parsed = await simpleParser(Buffer.concat(chunks));
        const list = (a: typeof parsed.to) => (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address ?? ''));
        messages.push({ to: list(parsed.to), cc: list(parsed.cc), subject: parsed.subject ?? '', text: parsed.text ?? '', messageId: parsed.messageId ?? '' });
        callback();
      });
    },
  });
  const port = await listenLocal(server);
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    attempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A cheaper SMTP peer for the benchmarks: the same smtp-server library, the
 * whole SMTP dialogue over TCP (greeting, EHLO, MAIL FROM, RCPT TO, DATA,
 * the dot), every message received to its end and accepted, but not parsed
 * as MIME: only its header block is read, for the Subject (its encoded words
 * decoded) and the Message-ID, and the recipients are the envelope's (RCPT
 * TO). What a bench checks with it: how many messages, under which
 * Message-IDs, about what. The tests keep startSmtp(), which parses each
 * message whole with mailparser (bodies, Cc, every header).
 */
export async function startSmtpCounter() {
  const messages: { to: string[]; subject: string; messageId: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const end = raw.indexOf('\r\n\r\n');
        const head = raw.subarray(0, end < 0 ? raw.length : end).toString('latin1').replace(/\r\n[ \t]+/g, ' ');
        const header = (name: string) => new RegExp(`^${name}:[ \t]*(.*)$`, 'im').exec(head)?.[1].trim() ?? '';
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: decodeWords(header('Subject')), messageId: header('Message-ID') });
        callback();
      });
    },
  });
  const port = await listenLocal(server);
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A header's RFC 2047 encoded words (=?UTF-8?B?…?=, =?UTF-8?Q?…?=) decoded; the header read as latin1 bytes. */
function decodeWords(value: string): string {
  const bytes = value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('latin1')
      : text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Polls until `check` returns a truthy value or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, ms = 15000, what = 'condition'): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Listens on a free local port. A sender killed in the middle of a message
 * resets its connection, which smtp-server emits as an 'error': with no
 * listener that would end the whole test process ("read ECONNRESET"), so it is
 * taken here; what the peer received is what the tests check.
 */
async function listenLocal(server: SMTPServer): Promise<number> {
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.server.address() as AddressInfo).port;
}
