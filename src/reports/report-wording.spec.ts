import { cellText, fillBlanks, occurrencesText, oneLine, tidyPunctuation } from './report-wording.js';

describe('report wording', () => {
  it('keeps the lines of a multi-line cell in a table, and separates them in a sentence', () => {
    const lead = '- Văn phòng UBND xã\n- UBND xã.';
    expect(cellText(lead)).toBe('- Văn phòng UBND xã\n- UBND xã.');
    expect(oneLine(lead)).toBe('Văn phòng UBND xã; UBND xã');
    expect(oneLine(lead)).not.toMatch(/xã-/);
    expect(oneLine('Công chức Tư pháp\r\n\r\n  Công chức Văn phòng  ')).toBe('Công chức Tư pháp; Công chức Văn phòng');
    expect(oneLine(null)).toBe('');
  });

  it('never doubles punctuation when a cell ending in ";" or "." is joined', () => {
    expect(oneLine('Các bộ phận có liên quan;')).toBe('Các bộ phận có liên quan');
    expect(`${oneLine('Các bộ phận có liên quan;')}; hạn: 31/03/2023`).toBe('Các bộ phận có liên quan; hạn: 31/03/2023');
    expect(tidyPunctuation('có liên quan;; hạn')).toBe('có liên quan; hạn');
    expect(tidyPunctuation('xong.. Tiếp')).toBe('xong. Tiếp');
    expect(tidyPunctuation('xong;.')).toBe('xong.');
    expect(tidyPunctuation('a , b ,, c')).toBe('a, b, c');
    // an ellipsis and the closing "./." of a document stay
    expect(tidyPunctuation('v.v... và ./.')).toBe('v.v... và ./.');
  });

  it('turns the blanks of a citation into "…" to fill by hand', () => {
    expect(fillBlanks('Quyết định số /QĐ-UBND ngày tháng 01 năm 2023')).toBe('Quyết định số …/QĐ-UBND ngày … tháng 01 năm 2023');
    expect(fillBlanks('Quyết định số /QĐ-UBND ngày tháng năm 2023')).toBe('Quyết định số …/QĐ-UBND ngày … tháng … năm 2023');
    expect(fillBlanks('Quyết định số:  /QĐ-UBND ngày /01/2023')).toBe('Quyết định số: …/QĐ-UBND ngày …/01/2023');
    // a complete citation is left as it is
    expect(fillBlanks('Quyết định số 05/QĐ-UBND ngày 05/01/2023')).toBe('Quyết định số 05/QĐ-UBND ngày 05/01/2023');
    expect(fillBlanks('Quyết định số 05/QĐ-UBND ngày 05 tháng 01 năm 2023')).toBe('Quyết định số 05/QĐ-UBND ngày 05 tháng 01 năm 2023');
  });

  it('words the occurrences of a recurring task so the counts agree', () => {
    expect(occurrencesText({ done: 1, total: 4 })).toBe('hoàn thành 1/4 lần thực hiện');
    expect(occurrencesText({ done: 1, total: 1 })).toBeNull();
    expect(occurrencesText(undefined)).toBeNull();
  });
});
