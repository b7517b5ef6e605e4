import { dueStateOn, nextDue, taskStateOn } from './task-state.js';

describe('task state on a day', () => {
  const due = (dueOn: string | null, completedOn: string | null = null) => ({ dueOn, completedOn });

  it('tells a due date met, met late, overdue or still open', () => {
    expect(dueStateOn(due('2023-03-31', '2023-03-31'), '2023-04-01')).toBe('done');
    expect(dueStateOn(due('2023-03-31', '2023-04-02'), '2023-04-05')).toBe('doneLate');
    expect(dueStateOn(due('2023-03-31'), '2023-04-01')).toBe('overdue');
    expect(dueStateOn(due('2023-03-31'), '2023-03-31')).toBe('open');
    // completed after the day asked about: still open or overdue on that day
    expect(dueStateOn(due('2023-03-31', '2023-04-10'), '2023-04-05')).toBe('overdue');
    expect(dueStateOn(due(null), '2030-01-01')).toBe('open');
  });

  it('makes a task overdue when any due date is, done when all are', () => {
    const t = (status: 'open' | 'done' | 'cancelled', ...d: ReturnType<typeof due>[]) => ({ status, dueDates: d });
    expect(taskStateOn(t('open', due('2023-03-31', '2023-03-01'), due('2023-06-30')), '2023-07-01')).toBe('overdue');
    expect(taskStateOn(t('open', due('2023-03-31', '2023-03-01'), due('2023-06-30')), '2023-05-01')).toBe('open');
    expect(taskStateOn(t('done', due('2023-03-31', '2023-03-01')), '2023-05-01')).toBe('done');
    expect(taskStateOn(t('cancelled', due('2023-03-31')), '2023-05-01')).toBe('cancelled');
    expect(taskStateOn(t('open'), '2023-05-01')).toBe('open');
  });

  it('finds the next open due date', () => {
    expect(nextDue({ dueDates: [due('2023-06-30'), due('2023-03-31', '2023-03-01'), due('2023-04-30')] })).toBe('2023-04-30');
    expect(nextDue({ dueDates: [due('2023-03-31', '2023-03-01')] })).toBeNull();
  });
});
