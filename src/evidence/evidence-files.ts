/**
 * Evidence files (tài liệu kiểm chứng) attached to a task's completion: what
 * is accepted, how a file is named when stored, served and zipped. Pure.
 */

/** A type as the content says it (file-type's answer). */
export interface SniffedType {
  ext: string;
  mime: string;
}

/** What is accepted: PDF, images, Word and Excel, by what their content is. */
const ACCEPTED: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  tif: 'image/tiff',
  heic: 'image/heic',
  bmp: 'image/bmp',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Word 97–2003 and Excel 97–2003 files are OLE compound files ("cfb"): their name tells which. */
const LEGACY_OFFICE: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
};

export const ACCEPTED_TEXT = 'PDF, ảnh (JPG, PNG, GIF, WEBP, TIFF, HEIC, BMP), Word (DOC, DOCX) hoặc Excel (XLS, XLSX)';

export type Acceptance = { ok: true; ext: string; mime: string } | { ok: false; message: string };

/**
 * Whether a file is accepted, from the type its content shows (null: no known
 * type, such as plain text) and the name it was sent with. The name never
 * decides alone: a renamed program stays a program.
 */
export function acceptEvidence(sniffed: SniffedType | null | undefined, originalName: string): Acceptance {
  const named = extensionOf(originalName);
  if (sniffed && ACCEPTED[sniffed.ext]) return { ok: true, ext: sniffed.ext, mime: ACCEPTED[sniffed.ext] };
  if (sniffed?.ext === 'cfb' && LEGACY_OFFICE[named]) return { ok: true, ext: named, mime: LEGACY_OFFICE[named] };
  const what = sniffed ? `nội dung tệp là loại "${sniffed.ext.toUpperCase()}"` : 'không nhận ra loại tệp từ nội dung';
  return { ok: false, message: `Tệp "${displayName(originalName)}" không được nhận: ${what}. Chỉ nhận tệp ${ACCEPTED_TEXT}.` };
}

export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name.trim());
  return m ? m[1].toLowerCase() : '';
}

/**
 * The name a file is kept and served under: the last path segment of what was
 * sent, without control characters or characters Windows refuses, at most 150
 * characters, with the extension of its real type.
 */
export function storedName(originalName: string, ext: string): string {
  const base = (originalName.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f"*:<>?|]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const stem = (base.replace(/\.[A-Za-z0-9]{1,8}$/, '').trim() || 'tai-lieu-kiem-chung');
  return `${[...stem].slice(0, 150).join('')}.${ext}`;
}

/** How a name reads in a message: short, and without line breaks. */
export function displayName(name: string): string {
  const one = name.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return [...one].length > 80 ? `${[...one].slice(0, 77).join('')}…` : one;
}

/** "Tệp Ngày-Pháp-luật.pdf" → an ASCII fallback name for old clients: diacritics folded, the rest "_". */
export function asciiName(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._ -]/g, '_');
}

/**
 * Content-Disposition of a download (RFC 6266): attachment, an ASCII
 * fallback in `filename`, the real name in `filename*` (RFC 5987, UTF-8,
 * percent-encoded), so no name can break out of the header.
 */
export function attachmentDisposition(name: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName(name).replace(/"/g, '_')}"; filename*=UTF-8''${encoded}`;
}

/** A folder name inside the zip: no slashes or characters Windows refuses, at most 60 characters. */
export function zipSegment(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f"*:<>?|\\/]/g, ' ').replace(/\s+/g, ' ').trim().replace(/[. ]+$/, '');
  return [...clean].slice(0, 60).join('').trim() || '_';
}

export interface ZipEntryInput {
  fileId: number;
  phuLuc: number;
  ordinal: number;
  content: string;
  name: string;
}

/**
 * Where each evidence file goes in the period's zip: "Phụ lục 01/TT 03 - <nội
 * dung>/<tệp>", a file whose name repeats in one folder numbered "(2)", "(3)".
 */
export function zipPaths(entries: ZipEntryInput[]): { fileId: number; path: string }[] {
  const used = new Set<string>();
  return entries.map((e) => {
    const folder = `Phụ lục ${String(e.phuLuc).padStart(2, '0')}/TT ${String(e.ordinal).padStart(2, '0')} - ${zipSegment(e.content.split('\n')[0] ?? '')}`;
    const ext = extensionOf(e.name);
    const stem = ext ? e.name.slice(0, -(ext.length + 1)) : e.name;
    let path = `${folder}/${e.name}`;
    for (let n = 2; used.has(path.toLowerCase()); n++) path = `${folder}/${stem} (${n})${ext ? `.${ext}` : ''}`;
    used.add(path.toLowerCase());
    return { fileId: e.fileId, path };
  });
}

/** The name of the note a zip carries when some of its files are gone from the store. */
export const MISSING_FILES_NOTE = 'Tệp còn thiếu.txt';

/**
 * The note's text: which files the list names that the store no longer holds
 * (someone cleaned the data folder, a restore without it), so whoever sends the
 * zip knows what to upload again. CRLF lines: read in Notepad.
 */
export function missingFilesNote(paths: string[]): string {
  return [
    `Hệ thống không còn giữ ${paths.length} tệp minh chứng dưới đây (thư mục lưu trữ đã bị xoá hoặc khôi phục thiếu).`,
    'Cần tải lên lại ở trang của từng nhiệm vụ:',
    ...paths.map((p) => `- ${p}`),
    '',
  ].join('\r\n');
}

/**
 * multer hands the name of a multipart part as Latin-1 (busboy's default);
 * a browser sends UTF-8. Re-reads it as UTF-8 when that is what it was.
 */
export function uploadedName(raw: string): string {
  if (!/[\u0080-\u00ff]/.test(raw) || /[^\u0000-\u00ff]/.test(raw)) return raw;
  const utf8 = Buffer.from(raw, 'latin1').toString('utf8');
  return utf8.includes('\ufffd') ? raw : utf8;
}
