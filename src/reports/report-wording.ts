/**
 * Text rules for what a report prints from the plan's cells (pure): a cell of
 * several lines keeps them (as lines in a table, joined with "; " in a
 * sentence), joins never double the punctuation, and a plan field left blank
 * in the source ("Quyết định số /QĐ-UBND ngày tháng 01 năm 2023") prints as a
 * clean blank to fill by hand ("Quyết định số …/QĐ-UBND ngày … tháng 01 năm 2023").
 */

/** The mark left where a number or a date is to be written by hand. */
export const BLANK = '…';

/** Bullets that begin a line of a cell: "- ", "– ", "+ ", "• ", "* ". */
const BULLET = /^\s*[-–—+•*]\s*/u;
/** Punctuation that ends a clause and must not be repeated by a join. */
const TRAILING = /[\s.;:,]+$/u;

/** A cell's lines: trimmed, blank ones dropped. */
export function cellLines(text: string | null | undefined): string[] {
  return (text ?? '').split(/\r?\n/).map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l.length > 0);
}

/**
 * A cell for a table: its lines kept (one per line, as written), each tidied.
 * "- Văn phòng UBND xã\n- UBND xã." stays two lines.
 */
export function cellText(text: string | null | undefined): string {
  return cellLines(text).map(tidyPunctuation).join('\n');
}

/**
 * A cell inside a sentence: its lines joined with "; ", without their bullets
 * and closing punctuation, so "- Văn phòng UBND xã\n- UBND xã." reads
 * "Văn phòng UBND xã; UBND xã" and "…có liên quan;" reads "…có liên quan".
 */
export function oneLine(text: string | null | undefined): string {
  return cellLines(text)
    .map((l) => l.replace(BULLET, '').replace(TRAILING, ''))
    .filter((l) => l.length > 0)
    .join('; ');
}

/**
 * Removes the punctuation a join doubles: ";;" → ";", ",," → ",", ".." → "."
 * (an ellipsis "..." and "./." stay), "; ." and ";." → ".", " ;" → ";".
 */
export function tidyPunctuation(text: string): string {
  return text
    .replace(/\s+([;,:])/g, '$1')
    .replace(/([;,:])(?:\s*\1)+/g, '$1')
    .replace(/[;,:]\s*\.(?!\/)/g, '.')
    .replace(/(?<![./])\.\.(?![./])/g, '.');
}

/**
 * Blanks of a citation left empty in the plan become "…": "số /QĐ" → "số …/QĐ",
 * "ngày tháng" → "ngày … tháng", "tháng năm" → "tháng … năm", "ngày /01/2023"
 * → "ngày …/01/2023", "năm" at the very end → "năm …".
 */
export function fillBlanks(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\b(số:?)\s*(?=\/)/giu, `$1 ${BLANK}`)
    .replace(/(ngày|tháng)\s*(?=\/)/giu, `$1 ${BLANK}`)
    .replace(/(ngày)\s+(?=tháng(?:\s|$))/giu, `$1 ${BLANK} `)
    .replace(/(tháng)\s+(?=năm(?:\s|$))/giu, `$1 ${BLANK} `)
    .replace(/(năm)\s*$/iu, `$1 ${BLANK}`)
    .replace(/\s+([).,;])/g, '$1')
    .trim();
}

/**
 * How a task with several due dates says how far it is: "hoàn thành 1/4 lần
 * thực hiện". Null for a task with one due date (the task is then done or not).
 */
export function occurrencesText(o: { done: number; total: number } | undefined | null): string | null {
  if (!o || o.total <= 1) return null;
  return `hoàn thành ${o.done}/${o.total} lần thực hiện`;
}
