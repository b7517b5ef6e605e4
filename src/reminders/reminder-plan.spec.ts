import {
  DEFAULT_REMINDER_SETTINGS, localInstant, nextOverdue, overdueDate, parseReminderJobId, reminderJobId, remindersFor,
} from './reminder-plan.js';

const S = DEFAULT_REMINDER_SETTINGS;
const at = (iso: string) => new Date(iso);
const summary = (list: ReturnType<typeof remindersFor>) => list.map((r) => [r.kind, r.fireAt.toISOString()]);

describe('reminder plan', () => {
  it('puts 07:30 in Hanoi at 00:30 UTC of the same day', () => {
    expect(localInstant('2023-11-08', '07:30').toISOString()).toBe('2023-11-08T00:30:00.000Z');
    expect(localInstant('2024-01-01', '06:00').toISOString()).toBe('2023-12-31T23:00:00.000Z');
  });

  it('reminds 7 days, 1 day before and on the due date at 07:30, then once overdue', () => {
    // now: 05/11/2023 10:00 Hanoi; due 15/11
    const list = remindersFor(12, '2023-11-15', S, at('2023-11-05T03:00:00Z'));
    expect(summary(list)).toEqual([
      ['before-7', '2023-11-08T00:30:00.000Z'],
      ['before-1', '2023-11-14T00:30:00.000Z'],
      ['due', '2023-11-15T00:30:00.000Z'],
      ['overdue-1', '2023-11-16T00:30:00.000Z'],
    ]);
    expect(list[0].jobId).toBe('rem-t12-2023-11-15-before-7');
    expect(list.every((r) => !r.jobId.includes(':'))).toBe(true);
  });

  it('sends a passed reminder at once, only the latest, while the due date is ahead', () => {
    const now = at('2023-11-14T05:00:00Z'); // 14/11 12:00 Hanoi, due 15/11: 7-day and 1-day times have passed
    expect(summary(remindersFor(1, '2023-11-15', S, now))).toEqual([
      ['before-1', now.toISOString()],
      ['due', '2023-11-15T00:30:00.000Z'],
      ['overdue-1', '2023-11-16T00:30:00.000Z'],
    ]);
    // due today, after 07:30: the due-day reminder goes now
    const later = at('2023-11-15T02:00:00Z');
    expect(summary(remindersFor(1, '2023-11-15', S, later))[0]).toEqual(['due', later.toISOString()]);
  });

  it('uses the Hanoi day, not the UTC day, to tell whether the due date is ahead', () => {
    // 15/11 23:30 UTC is already 16/11 06:30 in Hanoi: a task due 15/11 is overdue, nothing "at once"
    expect(summary(remindersFor(1, '2023-11-15', S, at('2023-11-15T23:30:00Z')))).toEqual([['overdue-1', '2023-11-16T00:30:00.000Z']]);
  });

  it('schedules only the next overdue reminder, every 7 days', () => {
    expect(overdueDate('2023-11-15', 1, 7)).toBe('2023-11-16');
    expect(overdueDate('2023-11-15', 3, 7)).toBe('2023-11-30');
    // on 20/11 the next is the 2nd, on 23/11
    expect(nextOverdue(1, '2023-11-15', S, at('2023-11-20T01:00:00Z'))).toMatchObject({ kind: 'overdue-2', fireAt: at('2023-11-23T00:30:00Z') });
    // at 23/11 08:00 the 2nd has passed: the 3rd
    expect(nextOverdue(1, '2023-11-15', S, at('2023-11-23T01:00:00Z'))).toMatchObject({ kind: 'overdue-3', fireAt: at('2023-11-30T00:30:00Z') });
    // at 23/11 07:00 the 2nd is still ahead
    expect(nextOverdue(1, '2023-11-15', S, at('2023-11-23T00:00:00Z'))).toMatchObject({ kind: 'overdue-2' });
  });

  it('follows the unit settings', () => {
    const list = remindersFor(5, '2023-12-31', { offsetsDays: [3, 0, 3], timeOfDay: '08:15', overdueEveryDays: 1 }, at('2023-12-01T00:00:00Z'));
    expect(summary(list)).toEqual([
      ['before-3', '2023-12-28T01:15:00.000Z'],
      ['due', '2023-12-31T01:15:00.000Z'],
      ['overdue-1', '2024-01-01T01:15:00.000Z'],
    ]);
  });

  it('reads its job ids back', () => {
    expect(parseReminderJobId(reminderJobId(42, '2023-06-30', 'overdue-12'))).toEqual({ taskId: 42, dueOn: '2023-06-30', kind: 'overdue-12' });
    expect(parseReminderJobId('reconcile')).toBeNull();
  });
});
