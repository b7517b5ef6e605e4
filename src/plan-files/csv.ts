import { isUtf8 } from 'node:buffer';
import { FILE_MESSAGES, PlanFileError } from './plan-file-error.js';

/**
 * A CSV file as a grid (RFC 4180: quoted fields may hold separators, quotes
 * doubled, and line breaks). The separator is the one of ",", ";" and tab that
 * the first lines use most outside quotes: Excel writes ";" where the decimal
 * mark is a comma, as in Vietnamese settings. Text must be UTF-8.
 */
export function parseCsv(bytes: Uint8Array): string[][] {
  if (!isUtf8(bytes)) throw new PlanFileError('encoding', FILE_MESSAGES.csvEncoding);
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw new PlanFileError('corrupt', FILE_MESSAGES.corrupt);
  const separator = guessSeparator(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === separator) { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows.map((r) => r.map((f) => f.replace(/\r\n?/g, '\n')));
}

/** The separator used most, outside quotes, over the first lines (title lines above the table may have none). */
function guessSeparator(text: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  let lines = 0;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '\n' && ++lines >= 30) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  const [best, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return n > 0 ? best : ',';
}
