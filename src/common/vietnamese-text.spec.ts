import { foldVietnamese } from './vietnamese-text.js';

describe('foldVietnamese', () => {
  it.each([
    ['Công chức Tư pháp – Hộ tịch', 'cong chuc tu phap ho tich'],
    ['Văn phòng - Thống kê', 'van phong thong ke'],
    ['ĐỊNH KỲ HẰNG QUÝ', 'dinh ky hang quy'],
    ['Đề án đổi mới', 'de an doi moi'],
    ['Thường xuyên trong năm', 'thuong xuyen trong nam'],
    ['Quý IV/2023', 'quy iv/2023'],
    ['Trước15/11/ 2023.', 'truoc15/11/ 2023'],
    ['Quý\nIV/2023', 'quy iv/2023'],
    ['  Báo cáo:\n\ttháng   11/2023;  ', 'bao cao thang 11/2023'],
    ['định kỳ hằng quý, 6 tháng, 9 tháng', 'dinh ky hang quy 6 thang 9 thang'],
    ['Kế hoạch số 13/KH-UBND ngày 28/02/2023', 'ke hoach so 13/kh ubnd ngay 28/02/2023'],
    ['(Ban hành kèm theo Quyết định số …)', 'ban hanh kem theo quyet dinh so'],
    ['“Một cửa”! ?', 'mot cua'],
  ])('%j → %j', (input, expected) => {
    expect(foldVietnamese(input)).toBe(expected);
  });

  it('strips every Vietnamese vowel mark, in both cases', () => {
    const vowels = 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ';
    expect(foldVietnamese(vowels)).toBe(
      'a'.repeat(18) + 'e'.repeat(12) + 'i'.repeat(6) + 'o'.repeat(18) + 'u'.repeat(12) + 'y'.repeat(6),
    );
    expect(foldVietnamese(vowels.toUpperCase())).toBe(foldVietnamese(vowels));
  });

  it('turns every kind of dash into a space', () => {
    expect(foldVietnamese('a-b–c—d‑e‐f−g')).toBe('a b c d e f g');
  });

  it('keeps "/" and turns its look-alikes into "/"', () => {
    expect(foldVietnamese('15/11/2023')).toBe('15/11/2023');
    expect(foldVietnamese('Quý IV／2023')).toBe('quy iv/2023');
  });

  it('folds decomposed (NFD) input like precomposed input', () => {
    const nfc = 'Công chức Văn hóa – Xã hội';
    expect(foldVietnamese(nfc.normalize('NFD'))).toBe(foldVietnamese(nfc));
  });

  it('reads the legacy-font "Ð" as "Đ"', () => {
    expect(foldVietnamese('Ðịa chính – Xây dựng')).toBe('dia chinh xay dung');
  });

  it('joins words split by soft hyphens and splits at zero-width spaces', () => {
    expect(foldVietnamese('Thườ\u00ADng xuyên')).toBe('thuong xuyen');
    expect(foldVietnamese('thường\u200Bxuyên')).toBe('thuong xuyen');
  });

  it('collapses non-breaking and other Unicode spaces', () => {
    expect(foldVietnamese('Quý\u00A0IV/2023\u2003')).toBe('quy iv/2023');
  });

  it('lets a short position name match the full one as a prefix of tokens', () => {
    const short = foldVietnamese('Công chức Tư pháp');
    const full = foldVietnamese('Công chức Tư pháp – Hộ tịch');
    expect(full.startsWith(`${short} `)).toBe(true);
    expect(foldVietnamese('Công chức Tư pháp-Hộ tịch')).toBe(full);
  });

  it('is idempotent', () => {
    const once = foldVietnamese('- Báo cáo kết quả thực hiện: định kỳ hàng quý.');
    expect(foldVietnamese(once)).toBe(once);
  });

  it('returns an empty string for empty, blank or punctuation-only text', () => {
    expect(foldVietnamese('')).toBe('');
    expect(foldVietnamese(' \n\t ')).toBe('');
    expect(foldVietnamese(' - ; . – ')).toBe('');
    expect(foldVietnamese(undefined as unknown as string)).toBe('');
  });
});
