import {
  allCompleted, checkCompletionDate, isRefusal, mergeOccurrences, Occurrence, pickOccurrenceToComplete,
  pickOccurrenceToReopen,
} from './completion.js';

const occ = (dueOn: string | null, completedOn: string | null = null): Occurrence => ({
  dueOn, label: null, completedOn, evidence: completedOn ? 'KH 13' : null,
});

describe('completion rules', () => {
  it('refuses a completion date in the future or before the plan year', () => {
    expect(checkCompletionDate('2023-06-01', '2023-06-01', 2023)).toBeNull();
    expect(checkCompletionDate('2023-01-01', '2023-06-01', 2023)).toBeNull();
    expect(checkCompletionDate('2023-06-02', '2023-06-01', 2023)?.refused).toContain('tương lai');
    expect(checkCompletionDate('2022-12-31', '2023-06-01', 2023)?.refused).toContain('trước năm kế hoạch 2023');
    // completing a 2023 task in early 2024 is allowed: late work is still work
    expect(checkCompletionDate('2024-01-10', '2024-02-01', 2023)).toBeNull();
  });

  it('completes the earliest open due date unless one is named', () => {
    const list = [occ('2023-06-30'), occ('2023-03-31', '2023-03-20'), occ('2023-09-30')];
    expect(pickOccurrenceToComplete(list)).toBe(list[0]);
    expect(pickOccurrenceToComplete(list, '2023-09-30')).toBe(list[2]);
    const done = pickOccurrenceToComplete(list, '2023-03-31');
    expect(isRefusal(done) && done.conflict).toBe(true);
    const unknown = pickOccurrenceToComplete(list, '2023-12-31');
    expect(isRefusal(unknown) && unknown.field).toBe('dueOn');
  });

  it('treats an undated task as one open item', () => {
    const list = [occ(null)];
    expect(pickOccurrenceToComplete(list)).toBe(list[0]);
    const again = pickOccurrenceToComplete([occ(null, '2023-05-05')]);
    expect(isRefusal(again) && again.conflict).toBe(true);
  });

  it('reopens the latest completed due date unless one is named', () => {
    const list = [occ('2023-03-31', '2023-03-30'), occ('2023-06-30', '2023-06-29'), occ('2023-09-30')];
    expect(pickOccurrenceToReopen(list)).toBe(list[1]);
    expect(pickOccurrenceToReopen(list, '2023-03-31')).toBe(list[0]);
    expect(isRefusal(pickOccurrenceToReopen(list, '2023-09-30'))).toBe(true);
    expect(isRefusal(pickOccurrenceToReopen([occ('2023-01-31')]))).toBe(true);
  });

  it('keeps completions of due dates that survive a deadline edit', () => {
    const prev = [occ('2023-03-31', '2023-03-30'), occ('2023-06-30', '2023-06-29')];
    const merged = mergeOccurrences(prev, [{ dueOn: '2023-06-30', label: 'Báo cáo' }, { dueOn: '2023-12-31', label: null }]);
    expect(merged).toEqual([
      { dueOn: '2023-06-30', label: 'Báo cáo', completedOn: '2023-06-29', evidence: 'KH 13' },
      { dueOn: '2023-12-31', label: null, completedOn: null, evidence: null },
    ]);
    expect(mergeOccurrences(prev, [])).toEqual([{ dueOn: null, label: null, completedOn: null, evidence: null }]);
    expect(allCompleted(merged)).toBe(false);
    expect(allCompleted(prev)).toBe(true);
  });
});
