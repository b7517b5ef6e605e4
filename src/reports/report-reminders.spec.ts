import { reminderTitle, remindersDueOn, reportDueDates, reportDueOn } from './report-reminders.js';

describe('report reminders', () => {
  it('puts a report\'s due date on the unit\'s day of the cut-off month', () => {
    expect(reportDueOn('2023-06-14', 18)).toBe('2023-06-18');
    expect(reportDueOn('2023-02-14', 31)).toBe('2023-02-28');
  });

  it('reminds once per due date: periods that share a cut-off share a reminder', () => {
    const ministry = reportDueDates(2023, 'ministry', 18);
    expect(ministry.map((d) => [d.dueOn, d.remindOn, d.periods.map((p) => p.code)])).toEqual([
      ['2023-03-18', '2023-03-15', ['Q1']],
      ['2023-06-18', '2023-06-15', ['Q2', 'H1']],
      ['2023-09-18', '2023-09-15', ['Q3', 'M9']],
      ['2023-12-18', '2023-12-15', ['Q4', 'YEAR']],
    ]);
    expect(remindersDueOn('2023-06-15', 2023, 'ministry', 18).map((d) => d.dueOn)).toEqual(['2023-06-18']);
    expect(remindersDueOn('2023-06-16', 2023, 'ministry', 18)).toEqual([]);
    expect(remindersDueOn('2023-06-17', 2023, 'ministry', 20).map((d) => d.dueOn)).toEqual(['2023-06-20']);
  });

  it('names the periods in words', () => {
    const [q2] = remindersDueOn('2023-06-15', 2023, 'ministry', 18);
    expect(reminderTitle(q2)).toBe('Sắp đến hạn nộp báo cáo CCHC quý II năm 2023, 6 tháng đầu năm 2023 (hạn 18/06/2023)');
  });
});
