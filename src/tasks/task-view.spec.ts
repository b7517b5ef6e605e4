import { compactTaskView, type TaskView } from './task-view.js';

describe('compact task view', () => {
  const task: TaskView = {
    id: 1, planId: 2, phuLuc: 3, ordinal: 4, content: 'Nội dung', products: ['Báo cáo'], leadText: 'UBND xã', coordinatorsText: '',
    deadlineText: 'Hằng quý', schedule: { kind: 'recurring', dueDates: ['2023-03-31'], items: [{ dueOn: '2023-03-31', label: 'Quý I/2023' }], needsReview: true, notes: ['ghi chú'] },
    assigneeId: null, coordinatorIds: [], status: 'open',
    dueDates: [{ dueOn: '2023-03-31', label: 'Quý I/2023', completedOn: null, evidence: null, onTime: null }],
    version: 3, createdAt: new Date(0), updatedAt: new Date(0),
  };

  it('drops the parser items, the schedule dates (the due dates carry them) and timestamps, keeps every field a list shows', () => {
    const c = compactTaskView(task);
    expect(c).not.toHaveProperty('createdAt');
    expect(c).not.toHaveProperty('updatedAt');
    // the schedule's dates are left out: the due dates below carry them
    expect(c.schedule).toEqual({ kind: 'recurring', needsReview: true, notes: ['ghi chú'] });
    expect(c.dueDates).toEqual([{ dueOn: '2023-03-31', completedOn: null }]);
    expect({ ...c, schedule: undefined, dueDates: undefined }).toEqual({ ...task, schedule: undefined, dueDates: undefined, createdAt: undefined, updatedAt: undefined });
  });
});
