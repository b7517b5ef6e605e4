/**
 * Reads the entries of a ZIP package (.docx, .xlsx) from its central
 * directory, inflating each with a limit enforced while it inflates: the
 * sizes a ZIP declares can lie, so a zip bomb is stopped by counting the bytes
 * actually produced, never by trusting the header.
 */
import { Inflate } from 'fflate';
import { FILE_MESSAGES, PlanFileError } from './plan-file-error.js';

export interface ZipLimits {
  /** Bytes all entries may inflate to together. */
  maxTotalBytes: number;
  /** Entries in the package. */
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 100 * 1024 * 1024, maxEntries: 2000 };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Compressed bytes inflated at a time: deflate expands at most ~1,030 times, so one step stays under ~17 MB. */
const CHUNK = 16 * 1024;

function corrupt(): PlanFileError {
  return new PlanFileError('corrupt', FILE_MESSAGES.corrupt);
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

interface Entry { name: string; method: number; flags: number; compressedSize: number; localOffset: number }

function entries(bytes: Uint8Array, view: DataView, limits: ZipLimits): Entry[] {
  // the end record is in the last 22 + 65535 bytes (its comment is at most 64 KB)
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) { eocd = i; break; }
  }
  if (eocd < 0) throw corrupt();
  const count = view.getUint16(eocd + 10, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff) throw corrupt(); // ZIP64: no office file needs it
  if (count > limits.maxEntries) throw new PlanFileError('zip_bomb', FILE_MESSAGES.zipBomb);
  const names = new TextDecoder('utf-8');
  const out: Entry[] = [];
  let p = dirOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) throw corrupt();
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLength > bytes.length) throw corrupt();
    out.push({ name: names.decode(bytes.subarray(p + 46, p + 46 + nameLength)), method, flags, compressedSize, localOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/**
 * Every entry's bytes by name. Refuses a package that is not a ZIP, an
 * encrypted entry, and one whose entries inflate past the limit.
 */
export function readZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Map<string, Uint8Array> {
  if (!isZip(bytes) || bytes.length < 22) throw corrupt();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const files = new Map<string, Uint8Array>();
  let total = 0;
  for (const e of entries(bytes, view, limits)) {
    if (e.flags & 0x1) throw new PlanFileError('encrypted', FILE_MESSAGES.encrypted);
    if (e.localOffset + 30 > bytes.length || view.getUint32(e.localOffset, true) !== LOCAL) throw corrupt();
    const start = e.localOffset + 30 + view.getUint16(e.localOffset + 26, true) + view.getUint16(e.localOffset + 28, true);
    const end = start + e.compressedSize;
    if (end > bytes.length) throw corrupt();
    const raw = bytes.subarray(start, end);
    if (e.method === 0) {
      total += raw.length;
      if (total > limits.maxTotalBytes) throw new PlanFileError('zip_bomb', FILE_MESSAGES.zipBomb);
      files.set(e.name, raw);
      continue;
    }
    if (e.method !== 8) throw corrupt();
    const chunks: Uint8Array[] = [];
    let size = 0;
    const inflater = new Inflate((chunk) => {
      size += chunk.length;
      total += chunk.length;
      if (total > limits.maxTotalBytes) throw new PlanFileError('zip_bomb', FILE_MESSAGES.zipBomb);
      chunks.push(chunk);
    });
    try {
      for (let i = 0; i < raw.length || i === 0; i += CHUNK) {
        inflater.push(raw.subarray(i, Math.min(raw.length, i + CHUNK)), i + CHUNK >= raw.length);
      }
    } catch (e) {
      if (e instanceof PlanFileError) throw e;
      throw corrupt();
    }
    const data = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) { data.set(c, at); at += c.length; }
    files.set(e.name, data);
  }
  return files;
}
