import { taskActionLabel, taskFieldLabel } from './task-fields.js';

describe('words for a task log', () => {
  it('names fields and actions in Vietnamese, never by their code', () => {
    expect(taskFieldLabel('deadlineText')).toBe('Thời gian hoàn thành');
    expect(taskFieldLabel('somethingNew')).toBe('Thông tin khác');
    expect(taskActionLabel('reopened')).toBe('Mở lại');
    expect(taskActionLabel('zzz')).toBe('Thay đổi');
  });
});

