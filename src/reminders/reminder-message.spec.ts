import { digestMessage, reminderMessage, zaloTemplateData, zaloTemplateOf } from './reminder-message.js';

const facts = {
  kind: 'before-7' as const, taskId: 3, dueOn: '2023-11-15', sentOn: '2023-11-08', phuLuc: 3, ordinal: 1,
  content: 'Tiếp tục triển khai thực hiện việc rà soát sắp xếp thu gọn các đơn vị hành chính cấp xã theo quy định.',
  planTitle: 'Kế hoạch cải cách hành chính năm 2023', assigneeName: 'Trần Thị Thu Hương', link: 'http://localhost:3000/nhiem-vu/3',
};

describe('reminder messages', () => {
  it('says when, what, where and who, in Vietnamese with dd/mm/yyyy dates', () => {
    const m = reminderMessage(facts, false);
    expect(m.title).toBe('Nhắc việc: Tiếp tục triển khai thực hiện việc rà soát sắp xếp thu gọn các đơn vị hành chính cấp xã theo quy định.');
    expect(m.body).toContain('Nhiệm vụ đến hạn sau 7 ngày (15/11/2023).');
    expect(m.body).toContain('Phụ lục 03, nhiệm vụ số 1');
    expect(m.subject).toMatch(/^\[CCHC\] Nhắc việc – hạn 15\/11\/2023: /);
    expect(m.text).toContain('Hạn hoàn thành: 15/11/2023');
    expect(m.text).toContain('http://localhost:3000/nhiem-vu/3');
  });

  it('words the due day, the day before and overdue, with a copy line for the chairman', () => {
    expect(reminderMessage({ ...facts, kind: 'due', sentOn: '2023-11-15' }, false).body).toContain('đến hạn hôm nay (15/11/2023)');
    expect(reminderMessage({ ...facts, kind: 'before-1', sentOn: '2023-11-14' }, false).body).toContain('đến hạn ngày mai');
    const overdue = reminderMessage({ ...facts, kind: 'overdue-2', assigneeName: null }, true);
    expect(overdue.title.startsWith('Quá hạn: ')).toBe(true);
    expect(overdue.body).toContain('đã quá hạn từ ngày 15/11/2023');
    expect(overdue.body).toContain('Nhiệm vụ chưa giao người chủ trì.');
    expect(overdue.body).toContain('Đồng gửi Chủ tịch');
  });

  it('counts the days left from the day it is sent, when that is later than planned', () => {
    // a task due today, entered at 00:10: the missed "day before" reminder goes out at once, and says today
    const late = reminderMessage({ ...facts, kind: 'before-1', sentOn: '2023-11-15' }, false);
    expect(late.body).toContain('Nhiệm vụ đến hạn hôm nay (15/11/2023).');
    expect(late.text).toContain('Nhiệm vụ sau đến hạn hôm nay (15/11/2023):');
    // the server was stopped for two days: the week-before reminder says five
    expect(reminderMessage({ ...facts, sentOn: '2023-11-10' }, false).body).toContain('đến hạn sau 5 ngày (15/11/2023)');
  });

  it('lists due-soon and overdue tasks in the daily digest', () => {
    const d = digestMessage('Hương', '2023-11-10', [
      { dueOn: '2023-11-15', content: 'Việc A', phuLuc: 3, ordinal: 1, overdue: false },
      { dueOn: '2023-10-31', content: 'Việc B', phuLuc: 5, ordinal: 4, overdue: true },
    ], 'http://x/');
    expect(d.subject).toBe('[CCHC] Tổng hợp ngày 10/11/2023: 1 việc sắp đến hạn, 1 việc quá hạn');
    expect(d.text).toContain('  - [15/11/2023] Phụ lục 03, số 1: Việc A');
    expect(d.text).toContain('Nhiệm vụ đã quá hạn:\n  - [31/10/2023] Phụ lục 05, số 4: Việc B');
  });
});

describe('reminder ZNS template data', () => {
  it('fills the template\'s parameters with short Vietnamese texts and dd/mm/yyyy dates', () => {
    expect(zaloTemplateOf('before-7')).toBe('before');
    expect(zaloTemplateOf('due')).toBe('due');
    expect(zaloTemplateOf('overdue-3')).toBe('overdue');
    const d = zaloTemplateData(facts, 'Trần Thị Thu Hương');
    expect(d).toEqual({
      ten_can_bo: 'Trần Thị Thu Hương',
      nhiem_vu: 'Tiếp tục triển khai thực hiện việc rà soát sắp xếp thu gọn các đơn vị hành chính cấp xã theo quy đị…',
      han_hoan_thanh: '15/11/2023',
      tinh_trang: 'Còn 7 ngày',
      vi_tri: 'Phụ lục 03, số 1',
      ke_hoach: 'Kế hoạch cải cách hành chính năm 2023',
    });
    expect(d.nhiem_vu.length).toBeLessThanOrEqual(100);
    expect(zaloTemplateData({ ...facts, kind: 'due', sentOn: '2023-11-15' }, 'A').tinh_trang).toBe('Đến hạn hôm nay');
    expect(zaloTemplateData({ ...facts, kind: 'overdue-1', sentOn: '2023-11-18' }, 'A').tinh_trang).toBe('Quá hạn 3 ngày');
  });
});
