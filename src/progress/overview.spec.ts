import { shorten } from '../common/vietnamese-text.js';
import { monthBars, monthsOf, overviewLists, overviewRows, type OverviewTask } from './overview.js';

function task(id: number, o: Partial<OverviewTask> = {}): OverviewTask {
  return {
    id, phuLuc: 1, ordinal: id, content: `Nhiệm vụ ${id}`, deadlineText: 'Trước 30/6/2023', assigneeId: null, status: 'open',
    schedule: { needsReview: false, notes: [] }, dueDates: [], ...o,
  };
}
const due = (dueOn: string | null, completedOn: string | null = null) => ({ dueOn, completedOn });

describe('the overview chart (monthsOf)', () => {
  it('counts due dates by month of the year and completions up to the day, leaving out cancelled tasks and other years', () => {
    const m = monthsOf([
      task(1, { dueDates: [due('2023-03-31', '2023-03-20'), due('2023-06-30', '2023-07-02')] }),
      task(2, { dueDates: [due('2023-03-15', '2023-08-01')] }),
      task(3, { status: 'cancelled', dueDates: [due('2023-03-31', '2023-03-01')] }),
      task(4, { dueDates: [due('2024-01-31', '2023-02-10'), due(null)] }),
    ], 2023, '2023-07-31');
    expect(m).toHaveLength(12);
    expect(m.map((x) => x.label)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12']);
    expect(m[2]).toEqual({ label: 'T3', due: 2, done: 1 });
    expect(m[5]).toEqual({ label: 'T6', due: 1, done: 0 });
    expect(m[6]).toEqual({ label: 'T7', due: 0, done: 1 });
    // completed 01/08, after the day asked about
    expect(m[7]).toEqual({ label: 'T8', due: 0, done: 0 });
    // due in 2024, done in February 2023: a completion of the year, not a due date
    expect(m[0]).toEqual({ label: 'T1', due: 0, done: 0 });
    expect(m[1]).toEqual({ label: 'T2', due: 0, done: 1 });
  });
});

describe('the overview chart from counts per day (monthBars)', () => {
  it('gives what monthsOf gives over the tasks, from the due dates and completions counted per day', () => {
    const tasks = [
      task(1, { dueDates: [due('2023-03-31', '2023-03-20'), due('2023-06-30', '2023-07-02'), due('2023-03-31', '2023-03-20')] }),
      task(2, { dueDates: [due('2023-03-15', '2023-08-01')] }),
      task(4, { dueDates: [due('2023-12-31', '2023-02-10'), due(null)] }),
    ];
    const asOf = '2023-07-31';
    // what TasksRepository.dueAndDoneByDay answers for the year, completions up to the day
    const count = (days: string[]) => [...new Set(days)].map((day) => ({ day, n: days.filter((d) => d === day).length }));
    const dates = tasks.flatMap((t) => t.dueDates);
    const dueDays = count(dates.map((d) => d.dueOn).filter((d): d is string => d !== null));
    const doneDays = count(dates.map((d) => d.completedOn).filter((d): d is string => d !== null && d <= asOf));
    const bars = monthBars(2023, dueDays, doneDays);
    expect(bars).toEqual(monthsOf(tasks, 2023, asOf));
    expect(bars[2]).toEqual({ label: 'T3', due: 3, done: 2 });
    // a day of another year is no month of this one
    expect(monthBars(2023, [{ day: '2024-01-31', n: 4 }], [{ day: '2022-12-31', n: 1 }]).every((m) => m.due === 0 && m.done === 0)).toBe(true);
  });
});

describe('the overview lists', () => {
  const names = new Map([[7, 'Nguyễn Văn A']]);
  const asOf = '2023-06-20';

  it('sorts each task into the lists as of the day', () => {
    const tasks = [
      task(1, { assigneeId: 7, dueDates: [due('2023-03-31', '2023-03-30'), due('2023-06-15'), due('2023-09-30')] }),
      task(2, { ordinal: 9, assigneeId: 99, dueDates: [due('2023-07-04')] }),
      task(3, { ordinal: 3, dueDates: [due('2023-06-25')] }),
      task(4, { dueDates: [due('2023-07-05')] }), // 15 days ahead: not soon
      task(5, { schedule: { needsReview: true, notes: ['Không rõ ngày.'] }, dueDates: [due(null)] }),
      task(6, { status: 'cancelled', schedule: { needsReview: true, notes: [] }, dueDates: [due('2023-01-31')] }),
      task(8, { schedule: { needsReview: true, notes: [] }, dueDates: [due('2023-05-31')] }),
    ];
    const l = overviewLists(tasks, [{ taskId: 3, phuLuc: 1, ordinal: 3, leadText: 'Văn phòng', reason: 'Không tìm thấy cán bộ' }], names, asOf);
    expect(l.overdue.total).toBe(2);
    expect(l.overdue.items.map((x) => x.id)).toEqual([1, 8]);
    expect(l.overdue.items[0]).toEqual({ id: 1, phuLuc: 1, ordinal: 1, content: 'Nhiệm vụ 1', assigneeId: 7, assigneeName: 'Nguyễn Văn A', dueOn: ['2023-06-15', '2023-09-30'] });
    // by next due date, not by TT
    expect(l.dueSoon.items.map((x) => [x.id, x.nextDue])).toEqual([[3, '2023-06-25'], [2, '2023-07-04']]);
    expect(l.dueSoon.items[0].assigneeName).toBe('Chưa giao');
    expect(l.dueSoon.items[1].assigneeName).toBe('Cán bộ đã nghỉ');
    expect(l.needsReview.items.map((x) => [x.id, x.state, x.notes])).toEqual([
      [5, 'open', 'Không rõ ngày.'], [8, 'overdue', 'Thời hạn cần người kiểm tra lại'],
    ]);
    expect(l.unassigned).toEqual({ total: 1, items: [{ id: 3, phuLuc: 1, ordinal: 3, content: 'Nhiệm vụ 3', leadText: 'Văn phòng', reason: 'Không tìm thấy cán bộ' }] });
  });

  it("builds each list's row of one task as the whole-plan lists do (overviewRows)", () => {
    const tasks = [
      task(1, { assigneeId: 7, dueDates: [due('2023-03-31', '2023-03-30'), due('2023-06-15'), due('2023-06-30')] }),
      task(5, { schedule: { needsReview: true, notes: ['Không rõ ngày.'] }, dueDates: [due(null)] }),
    ];
    const l = overviewLists(tasks, [{ taskId: 5, phuLuc: 1, ordinal: 5, leadText: 'Văn phòng', reason: 'Không tìm thấy cán bộ' }], names, asOf);
    const rows = overviewRows(names, asOf);
    expect(l.overdue.items).toEqual([rows.overdue(tasks[0])]);
    expect(l.needsReview.items).toEqual([rows.needsReview(tasks[1])]);
    expect(l.unassigned.items).toEqual([rows.unassigned({ taskId: 5, phuLuc: 1, ordinal: 5, leadText: 'Văn phòng', reason: 'Không tìm thấy cán bộ' }, tasks[1])]);
    expect(rows.dueSoon(task(3, { dueDates: [due('2023-06-25'), due('2023-06-22', '2023-06-01')] }))).toMatchObject({ id: 3, nextDue: '2023-06-25', assigneeName: 'Chưa giao' });
  });

  it('keeps the total and at most the cap of rows', () => {
    const tasks = Array.from({ length: 130 }, (_, i) => task(i + 1, { dueDates: [due('2023-01-31')] }));
    const l = overviewLists(tasks, [], names, asOf, 100);
    expect(l.overdue.total).toBe(130);
    expect(l.overdue.items).toHaveLength(100);
    expect(l.overdue.items[99].id).toBe(100);
  });

  it('shortens the content on one line as the page shows it', () => {
    expect(shorten('  a\n b  ', 90)).toBe('a b');
    const long = 'x'.repeat(120);
    expect(shorten(long, 90)).toBe(`${'x'.repeat(89)}…`);
    const l = overviewLists([task(1, { content: long, dueDates: [due('2023-01-01')] })], [], names, asOf);
    expect(l.overdue.items[0].content).toHaveLength(90);
  });
});
