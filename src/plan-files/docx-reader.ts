/**
 * The body of a Word document (word/document.xml) as the blocks a person
 * sees: paragraphs, and tables as grids of cell text. Merged cells are
 * resolved the way they read on the page: a cell merged down (w:vMerge) gives
 * its text to every row it spans; a cell merged across (w:gridSpan) fills its
 * first grid column; cells skipped at a row's start (w:gridBefore) are empty.
 * Text split into many runs is joined; a cell's paragraphs are its lines.
 */
import { attr, elements, firstElement, parseXml, TEXT, XmlNode, ELEMENT } from './xml.js';

export interface DocParagraph { kind: 'p'; text: string }
export interface DocRow {
  /** Text per grid column, lines joined with "\n". */
  cells: string[];
  /** Per grid column: the text comes from a cell merged down from a row above (w:vMerge). */
  inherited: boolean[];
  /** Marked to repeat as a header on every page (w:tblHeader). */
  repeatsAsHeader: boolean;
}
export interface DocTable { kind: 'table'; rows: DocRow[] }
export type DocBlock = DocParagraph | DocTable;

/** A paragraph's text: runs joined, tabs and breaks kept, deleted text left out. */
export function paragraphText(p: XmlNode): string {
  let out = '';
  const walk = (n: XmlNode) => {
    const kids = n.childNodes;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i];
      if (k.nodeType !== ELEMENT) continue;
      switch (k.localName) {
        case 't': out += textOf(k); break;
        case 'tab': out += '\t'; break;
        case 'br': case 'cr': out += '\n'; break;
        case 'noBreakHyphen': out += '-'; break;
        case 'softHyphen': break;
        case 'del': case 'delText': case 'instrText': case 'rPr': case 'pPr': break;
        default: walk(k);
      }
    }
  };
  walk(p);
  return out;
}

function textOf(n: XmlNode): string {
  let s = '';
  const kids = n.childNodes;
  for (let i = 0; i < kids.length; i++) if (kids[i].nodeType === TEXT) s += kids[i].nodeValue ?? '';
  return s;
}

/** A cell's lines: each paragraph (and each line break) a line, ends trimmed, empty lines dropped. */
function cellText(tc: XmlNode): string {
  const lines: string[] = [];
  const walk = (n: XmlNode) => {
    for (const k of elements(n)) {
      if (k.localName === 'p') lines.push(...paragraphText(k).split('\n'));
      else if (k.localName === 'tbl') for (const row of readTable(k).rows) lines.push(...row.cells);
      else if (k.localName === 'sdt' || k.localName === 'sdtContent' || k.localName === 'customXml') walk(k);
    }
  };
  walk(tc);
  return lines.map((l) => l.replace(/\s+$/, '').replace(/^\s+/, '')).filter((l) => l !== '').join('\n');
}

function intVal(node: XmlNode | undefined, fallback: number): number {
  const v = Number(attr(node, 'w:val'));
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

/** Rows and cells may sit inside content controls (w:sdt) or custom XML. */
function unwrap(n: XmlNode, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  for (const k of elements(n)) {
    if (k.localName === name) out.push(k);
    else if (k.localName === 'sdt' || k.localName === 'customXml') {
      const content = k.localName === 'sdt' ? firstElement(k, 'sdtContent') : k;
      if (content) out.push(...unwrap(content, name));
    }
  }
  return out;
}

export function readTable(tbl: XmlNode): DocTable {
  const rows: DocRow[] = [];
  // the cell that started a vertical merge, per grid column
  const mergeTop = new Map<number, string>();
  for (const tr of unwrap(tbl, 'tr')) {
    const trPr = firstElement(tr, 'trPr');
    const before = trPr ? intVal(firstElement(trPr, 'gridBefore'), 0) : 0;
    const header = trPr ? firstElement(trPr, 'tblHeader') : undefined;
    const repeatsAsHeader = header !== undefined && !['0', 'false', 'off'].includes(attr(header, 'w:val') ?? 'true');
    const cells: string[] = Array.from({ length: before }, () => '');
    const inherited: boolean[] = cells.map(() => false);
    for (const tc of unwrap(tr, 'tc')) {
      const tcPr = firstElement(tc, 'tcPr');
      const span = tcPr ? intVal(firstElement(tcPr, 'gridSpan'), 1) : 1;
      const vMerge = tcPr ? firstElement(tcPr, 'vMerge') : undefined;
      const col = cells.length;
      let text: string;
      if (vMerge && (attr(vMerge, 'w:val') ?? 'continue') === 'continue') {
        text = mergeTop.get(col) ?? '';
      } else {
        text = cellText(tc);
        if (vMerge) mergeTop.set(col, text);
        else mergeTop.delete(col);
      }
      cells.push(text);
      inherited.push(vMerge !== undefined && (attr(vMerge, 'w:val') ?? 'continue') === 'continue');
      for (let s = 1; s < span; s++) { cells.push(''); inherited.push(false); mergeTop.delete(col + s); }
    }
    rows.push({ cells, inherited, repeatsAsHeader });
  }
  return { kind: 'table', rows };
}

/** The document body's paragraphs and tables, in order. */
export function readDocumentXml(xml: string): DocBlock[] {
  const doc = parseXml(xml);
  const document = elements(doc).find((e) => e.localName === 'document');
  const body = document ? firstElement(document, 'body') : undefined;
  if (!body) return [];
  const blocks: DocBlock[] = [];
  const walk = (n: XmlNode) => {
    for (const k of elements(n)) {
      if (k.localName === 'p') blocks.push({ kind: 'p', text: paragraphText(k) });
      else if (k.localName === 'tbl') blocks.push(readTable(k));
      else if (k.localName === 'sdt') { const c = firstElement(k, 'sdtContent'); if (c) walk(c); }
      else if (k.localName === 'customXml') walk(k);
    }
  };
  walk(body);
  return blocks;
}
