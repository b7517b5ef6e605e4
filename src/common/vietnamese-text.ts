/**
 * Text folding for matching what people typed against what a PDF extraction
 * produced: "Công chức Tư pháp" must find "Công chức Tư pháp – Hộ tịch", and
 * "Quý\nIV/ 2023" must read like "quy iv/ 2023". Never use the folded text for
 * display: it loses the diacritics that distinguish Vietnamese words.
 */

/** Slashes survive folding because dates ("15/11/2023", "Quý IV/2023") depend on them. */
const SLASH_LOOKALIKES = /[\uFF0F\u2044\u2215]/g;

/**
 * Soft hyphens, zero-width joiners and BOMs sit inside words in extracted text;
 * deleting them (not spacing them) keeps "thường\u00ADxuyên" one word.
 */
const INVISIBLE_IN_WORD = /[\u00AD\u200C\u200D\u2060\uFEFF]/g;

/** Zero-width space marks a word break that the extraction kept invisible. */
const INVISIBLE_BREAK = /\u200B/g;

/** U+2212 (minus sign) is a math symbol, not punctuation, yet is typed as a dash. */
const PUNCTUATION = /[\p{P}\u2212]/gu;

/**
 * "Ð" (U+00D0) is not Vietnamese, but legacy-font (TCVN3/VNI) conversions emit it
 * for "Đ", so it folds the same way.
 */
const D_WITH_STROKE = /[đð]/g;

export function foldVietnamese(text: string): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  return text
    .replace(INVISIBLE_IN_WORD, '')
    .replace(INVISIBLE_BREAK, ' ')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(D_WITH_STROKE, 'd')
    .replace(SLASH_LOOKALIKES, '/')
    .replace(PUNCTUATION, (ch) => (ch === '/' ? '/' : ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text on one line, cut to `max` characters with "…" (a task's content in a list). */
export function shorten(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}
