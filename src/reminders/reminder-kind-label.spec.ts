import { reminderKindLabel } from './reminder-plan.js';

describe('reminder kinds in words', () => {
  it('says when a reminder goes out relative to the due date', () => {
    expect(reminderKindLabel('before-7')).toBe('Trước hạn 7 ngày');
    expect(reminderKindLabel('due')).toBe('Đúng ngày đến hạn');
    expect(reminderKindLabel('overdue-2')).toBe('Nhắc quá hạn lần thứ 2');
  });
});
