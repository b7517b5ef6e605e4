/** The seven areas of a CCHC plan, in the order of their Phụ lục (DOMAIN.md). */
export const PHU_LUC_AREAS: Readonly<Record<number, string>> = {
  1: 'Cải cách thể chế',
  2: 'Cải cách thủ tục hành chính',
  3: 'Cải cách tổ chức bộ máy hành chính nhà nước',
  4: 'Cải cách chế độ công vụ',
  5: 'Cải cách tài chính công',
  6: 'Xây dựng và phát triển Chính quyền điện tử, Chính quyền số',
  7: 'Công tác chỉ đạo, điều hành, tuyên truyền cải cách hành chính',
};

export const PHU_LUC_NUMBERS = [1, 2, 3, 4, 5, 6, 7] as const;
