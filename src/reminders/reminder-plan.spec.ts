import {
  DEFAULT_REMINDER_SETTINGS, digestDue, lastDueDateWithin, localInstant, nextOverdue, overdueDate, parseReminderJobId, reminderJobId, remindersFor,
} from './reminder-plan.js';
import { addDays } from '../common/local-date.js';
import { workingCalendar } from '../common/working-days.js';

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
    // due Thursday 28/12/2023: 3 days before is Monday 25/12
    const list = remindersFor(5, '2023-12-28', { offsetsDays: [3, 0, 3], timeOfDay: '08:15', overdueEveryDays: 1 }, at('2023-12-01T00:00:00Z'));
    expect(summary(list)).toEqual([
      ['before-3', '2023-12-25T01:15:00.000Z'],
      ['due', '2023-12-28T01:15:00.000Z'],
      ['overdue-1', '2023-12-29T01:15:00.000Z'],
    ]);
  });

  it('sends a reminder that falls on a Saturday, a Sunday or a holiday on the working day before', () => {
    const now = at('2026-11-02T01:00:00Z');
    // due Sunday 29/11/2026: the due-day reminder goes on Friday 27/11, with the day-before one (Saturday) merged into it
    expect(summary(remindersFor(1, '2026-11-29', S, now))).toEqual([
      ['before-7', '2026-11-20T00:30:00.000Z'], // Sunday 22/11 → Friday 20/11
      ['due', '2026-11-27T00:30:00.000Z'],
      ['overdue-1', '2026-11-30T00:30:00.000Z'], // Monday: a working day
    ]);
    // due Monday 30/11/2026: the day before is Sunday → Friday 27/11
    expect(summary(remindersFor(1, '2026-11-30', S, now)).map(([k, t]) => [k, t.slice(0, 10)])).toEqual([
      ['before-7', '2026-11-23'], ['before-1', '2026-11-27'], ['due', '2026-11-30'], ['overdue-1', '2026-12-01'],
    ]);
  });

  it('sends the reminders of a task due in Tết before Tết, and the overdue one after it', () => {
    // due mùng 1 Tết Đinh Mùi, Saturday 06/02/2027: off 04–10/02
    const list = remindersFor(1, '2027-02-06', S, at('2027-01-04T01:00:00Z'));
    expect(summary(list).map(([k, t]) => [k, t.slice(0, 10)])).toEqual([
      ['before-7', '2027-01-29'], // Saturday 30/01 → Friday 29/01
      ['due', '2027-02-03'], // before-1 (05/02) and due (06/02) both → Wednesday 03/02
      ['overdue-1', '2027-02-11'], // 07/02 → the first working day after Tết
    ]);
    // due in Tết Bính Ngọ 2026
    expect(summary(remindersFor(1, '2026-02-19', S, at('2026-01-05T01:00:00Z'))).map(([k, t]) => [k, t.slice(0, 10)])).toEqual([
      ['before-7', '2026-02-12'], ['due', '2026-02-13'], ['overdue-1', '2026-02-23'],
    ]);
  });

  it('sends one daily overdue reminder over a weekend, on the Monday', () => {
    const daily = { ...S, overdueEveryDays: 1 };
    // Friday 27/11/2026 after 07:30: the next is overdue-k of Monday 30/11, not two reminders
    const fri = nextOverdue(1, '2026-11-20', daily, at('2026-11-27T02:00:00Z'));
    expect([fri.kind, fri.fireAt.toISOString()]).toEqual(['overdue-8', '2026-11-30T00:30:00.000Z']);
    // delivered on Monday at 07:30: the next is Tuesday's
    const mon = nextOverdue(1, '2026-11-20', daily, at('2026-11-30T00:30:01Z'));
    expect([mon.kind, mon.fireAt.toISOString()]).toEqual(['overdue-11', '2026-12-01T00:30:00.000Z']);
  });

  it('sends the digest at the unit\'s own time, on working days only', () => {
    // Monday 30/11/2026
    expect(digestDue(at('2026-11-30T00:29:00Z'), '07:30')).toBe(false);
    expect(digestDue(at('2026-11-30T00:30:00Z'), '07:30')).toBe(true);
    expect(digestDue(at('2026-11-30T00:30:00Z'), '08:15')).toBe(false);
    expect(digestDue(at('2026-11-30T01:15:00Z'), '08:15')).toBe(true);
    expect(digestDue(at('2026-11-30T16:00:00Z'), '08:15')).toBe(true); // 23:00 local, the same Monday: still that day's
    expect(digestDue(at('2026-11-30T17:00:00Z'), '08:15')).toBe(false); // 00:00 of Tuesday 01/12: not yet
    // Sunday 29/11/2026 and mùng 1 Tết 2026 (Tuesday 17/02): none
    expect(digestDue(at('2026-11-29T05:00:00Z'), '07:30')).toBe(false);
    expect(digestDue(at('2026-02-17T05:00:00Z'), '07:30')).toBe(false);
  });

  it('reads its job ids back', () => {
    expect(parseReminderJobId(reminderJobId(42, '2023-06-30', 'overdue-12'))).toEqual({ taskId: 42, dueOn: '2023-06-30', kind: 'overdue-12' });
    expect(parseReminderJobId('reconcile')).toBeNull();
  });

  describe('the due dates the sweep reads: those that can have a reminder within the horizon', () => {
    const H = 48 * 3_600_000;

    it('is the horizon\'s day plus the largest offset on a plain week', () => {
      // horizon ends Thursday 05/11/2026 10:00 Hanoi: Friday 06/11 is a working day
      expect(lastDueDateWithin(at('2026-11-05T03:00:00Z'), 7)).toBe('2026-11-12');
      expect(lastDueDateWithin(at('2026-11-05T03:00:00Z'), 0)).toBe('2026-11-05');
    });

    it('widens over a weekend and over Tết, where a reminder moves to the working day before', () => {
      // ends Friday 06/11/2026: a reminder for Sunday 08/11 goes on Friday 06/11, so due dates to the 15th count
      expect(lastDueDateWithin(at('2026-11-06T03:00:00Z'), 7)).toBe('2026-11-15');
      // ends Friday 13/02/2026, the last working day before Tết Bính Ngọ (14–22/02): a 7-day reminder of a
      // task due Sunday 01/03 names Sunday 22/02 and goes on Friday 13/02, within the horizon
      const end = at('2026-02-13T03:00:00Z');
      expect(lastDueDateWithin(end, 7)).toBe('2026-03-01');
      const now = new Date(end.getTime() - H);
      expect(summary(remindersFor(1, '2026-03-01', S, now))[0]).toEqual(['before-7', '2026-02-13T00:30:00.000Z']);
      // due Monday 02/03: its 7-day reminder is on Monday 23/02, after Tết, beyond the horizon
      expect(remindersFor(1, '2026-03-02', S, now).every((r) => r.fireAt > end)).toBe(true);
      // a holiday of the install (HOLIDAYS) widens it too
      expect(lastDueDateWithin(at('2026-11-05T03:00:00Z'), 7, workingCalendar(['2026-11-06']))).toBe('2026-11-15');
    });

    it('leaves out no due date that has a reminder by the horizon, whatever the day or settings, and is tight', () => {
      // every day of 2026 and 2027 (both shipped Tết), the horizon ending at 10:00 and exactly at a reminder's 07:30
      const settings = [S, { offsetsDays: [30, 3, 0], timeOfDay: '07:30', overdueEveryDays: 3 }, { offsetsDays: [0], timeOfDay: '16:45', overdueEveryDays: 1 }];
      let edges = 0;
      let atEnd = 0;
      for (let day = '2026-01-01'; day <= '2027-12-31'; day = addDays(day, 1)) {
        for (const time of ['10:00', '07:30']) {
          const end = localInstant(day, time);
          const now = new Date(end.getTime() - H);
          for (const s of settings) {
            const until = lastDueDateWithin(end, Math.max(...s.offsetsDays));
            // any due date after the window has every reminder beyond the horizon (checked on the days next to it)
            for (let due = addDays(until, 1); due <= addDays(until, 4); due = addDays(due, 1)) {
              const early = remindersFor(1, due, s, now).find((r) => r.fireAt.getTime() <= end.getTime());
              if (early) throw new Error(`due ${due} has ${early.kind} at ${early.fireAt.toISOString()}, horizon ${end.toISOString()}, window to ${until}`);
            }
            // and the window's last day itself has one within it when the horizon's day is a working day and the time has come
            const last = remindersFor(1, until, s, now).filter((r) => r.fireAt.getTime() <= end.getTime());
            if (last.length) edges++;
            if (last.some((r) => r.fireAt.getTime() === end.getTime())) atEnd++;
          }
        }
      }
      // no wider than it needs to be: most windows end on a due date with a reminder within the horizon, some exactly at its end
      expect(edges).toBeGreaterThan(2 * 730 * 3 * 0.4);
      expect(atEnd).toBeGreaterThan(100);
    });
  });
});
