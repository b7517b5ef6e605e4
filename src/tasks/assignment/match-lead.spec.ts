import { matchLead, splitLeads } from './match-lead.js';

const officials = [
  { id: 1, position: 'Chủ tịch UBND xã', active: true },
  { id: 2, position: 'Công chức Tư pháp – Hộ tịch', active: true },
  { id: 3, position: 'Công chức Văn phòng – Thống kê', active: true },
  { id: 4, position: 'Công chức Tài chính – Kế toán', active: true },
  { id: 5, position: 'Công chức Văn hóa – Xã hội', active: true },
  { id: 6, position: 'Công chức Địa chính – Xây dựng', active: false },
];

describe('matching a lead cell to the official holding that post', () => {
  it.each([
    ['Công chức Tư pháp', 2],
    ['Công chức Tư pháp – Hộ tịch', 2],
    ['Công chức Tư pháp\n– Hộ tịch', 2],
    ['CÔNG CHỨC TƯ PHÁP - HỘ TỊCH', 2],
    ['cong chuc tu phap ho tich', 2],
    ['- Công chức Văn phòng\n– thống kê;', 3],
    ['Công chức Tài chính\n- Kế toán', 4],
    ['Công chức văn hóa\n– xã hội', 5],
    ['Công chức Văn hóa - Thông tin', 5],
    ['Công chức Văn\nphòng – thống kê', 3],
    ['Công chức Tài chính - Kế toán', 4],
    ['Công chức Kế toán', 4],
  ])('%j → official %i', (lead, id) => {
    expect(matchLead(lead, officials)).toEqual({ officialId: id });
  });

  it('leaves a cell naming several bodies for the chairman', () => {
    expect(matchLead('- Công chức Văn phòng\n– thống kê;\n- Công chức UBND xã', officials)).toEqual({
      officialId: null,
      reason: 'multiple_leads',
    });
    expect(matchLead('- Văn phòng\nUBND xã\n- UBND  xã.', officials)).toMatchObject({ reason: 'multiple_leads' });
  });

  it('does not take a body for a person', () => {
    expect(matchLead('UBND xã.', officials)).toMatchObject({ officialId: null, reason: 'no_official' });
    expect(matchLead('Các công chức chuyên\nmôn UBND xã', officials)).toMatchObject({ reason: 'no_official' });
    expect(matchLead('  -  Công chức\nchuyên môn\nUBND xã', officials)).toMatchObject({ reason: 'no_official' });
  });

  it('ignores inactive officials and reports an empty cell', () => {
    expect(matchLead('Công chức Địa chính – Xây dựng', officials)).toMatchObject({ reason: 'no_official' });
    expect(matchLead('  ', officials)).toMatchObject({ reason: 'empty' });
  });

  it('refuses to guess between two holders of one post', () => {
    const two = [...officials, { id: 7, position: 'Công chức Tư pháp – Hộ tịch', active: true }];
    expect(matchLead('Công chức Tư pháp', two)).toMatchObject({ reason: 'ambiguous' });
  });

  it('splits lead cells into their bodies', () => {
    expect(splitLeads('- Bộ phận tiếp\nnhận và trả kết\nquả UBND xã;\n- UBND xã.')).toEqual(['Bộ phận tiếp nhận và trả kết quả UBND xã', 'UBND xã']);
    expect(splitLeads('Công chức Tư pháp – Hộ tịch')).toEqual(['Công chức Tư pháp – Hộ tịch']);
  });
});
