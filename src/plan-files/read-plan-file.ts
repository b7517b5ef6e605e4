/**
 * The one entry point from a file's bytes to a ParsedPlan: decides what the
 * file is from its contents (never from its name alone), refuses what must not
 * be read, and hands the rest to the reader of its format.
 */
import { parseCsv } from './csv.js';
import { readDocumentXml } from './docx-reader.js';
import { FILE_MESSAGES, PlanFileError, tooLarge } from './plan-file-error.js';
import { ParsedPlan, planFromBlocks, planFromSheet } from './plan-tables.js';
import { readXlsxGrid } from './xlsx-reader.js';
import { hasDoctype, xmlText } from './xml.js';
import { DEFAULT_ZIP_LIMITS, isZip, readZip, ZipLimits } from './zip-reader.js';

export interface ReadOptions {
  maxBytes: number;
  zip?: ZipLimits;
  /** Word 97–2003 to .docx (LibreOffice); absent: .doc is refused with the advice to save as .docx. */
  convertDoc?: (bytes: Uint8Array) => Promise<Uint8Array>;
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function isCfb(bytes: Uint8Array): boolean {
  return bytes.length >= 512 && CFB_MAGIC.every((b, i) => bytes[i] === b);
}

/** Stream names of a compound file are UTF-16LE in its directory sectors. */
function hasStream(bytes: Uint8Array, name: string): boolean {
  const needle = Buffer.from(name, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

export type DetectedKind = 'docx' | 'xlsx' | 'doc' | 'csv';

/**
 * What the bytes are. An Office file protected by a password is a compound
 * file holding an EncryptedPackage stream, whatever its extension says.
 */
export function detectKind(bytes: Uint8Array, fileName: string): DetectedKind {
  if (isZip(bytes)) return 'docx'; // refined once the package's parts are read
  if (isCfb(bytes)) {
    if (hasStream(bytes, 'EncryptedPackage') || hasStream(bytes, 'EncryptionInfo')) {
      throw new PlanFileError('encrypted', FILE_MESSAGES.encrypted);
    }
    if (hasStream(bytes, 'WordDocument')) return 'doc';
    throw new PlanFileError('type', FILE_MESSAGES.type);
  }
  if (/\.csv$/i.test(fileName)) return 'csv';
  throw new PlanFileError('type', FILE_MESSAGES.type);
}

/** Opens an Office package: refuses macros and DOCTYPEs, and says whether it is a document or a workbook. */
export function openPackage(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): { kind: 'docx' | 'xlsx'; parts: Map<string, Uint8Array> } {
  const parts = readZip(bytes, limits);
  const types = parts.get('[Content_Types].xml');
  if (!types) throw new PlanFileError('type', FILE_MESSAGES.type);
  for (const [name, data] of parts) {
    if (/vbaProject\.bin$|vbaData\.xml$/i.test(name)) throw new PlanFileError('macro', FILE_MESSAGES.macro);
    if (/\.(xml|rels)$/i.test(name) && hasDoctype(xmlText(data.subarray(0, 4096)))) {
      throw new PlanFileError('xml_entities', FILE_MESSAGES.xmlEntities);
    }
  }
  if (/macroEnabled/i.test(xmlText(types))) throw new PlanFileError('macro', FILE_MESSAGES.macro);
  if (parts.has('word/document.xml')) return { kind: 'docx', parts };
  if (parts.has('xl/workbook.xml')) return { kind: 'xlsx', parts };
  throw new PlanFileError('type', FILE_MESSAGES.type);
}

export async function readPlanFile(bytes: Uint8Array, fileName: string, o: ReadOptions): Promise<ParsedPlan> {
  if (bytes.length > o.maxBytes) throw tooLarge(o.maxBytes);
  if (bytes.length === 0) throw new PlanFileError('corrupt', FILE_MESSAGES.corrupt);
  const kind = detectKind(bytes, fileName);
  if (kind === 'csv') return planFromSheet(parseCsv(bytes), 'csv');
  let docx = bytes;
  if (kind === 'doc') {
    if (!o.convertDoc) throw new PlanFileError('doc_unsupported', FILE_MESSAGES.docUnsupported);
    docx = await o.convertDoc(bytes);
  }
  const pkg = openPackage(docx, o.zip);
  if (pkg.kind === 'xlsx') {
    if (kind === 'doc') throw new PlanFileError('doc_failed', FILE_MESSAGES.docFailed);
    return planFromSheet(await readXlsxGrid(docx), 'xlsx');
  }
  const xml = xmlText(pkg.parts.get('word/document.xml')!);
  return planFromBlocks(readDocumentXml(xml), kind === 'doc' ? 'doc' : 'docx');
}
