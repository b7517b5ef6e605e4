import { byUrgency, pageOfTasks, searchWords, taskMatcher, type FilterableTask } from './task-filter.js';

describe("a plan's task list, filtered and paged", () => {
  const task = (over: Partial<FilterableTask> = {}): FilterableTask => ({
    phuLuc: 1, status: 'open', dueDates: [{ dueOn: '2023-06-30', completedOn: null }], assigneeId: null,
    schedule: { needsReview: false }, content: 'Rà soát văn bản', products: [], leadText: 'Công chức Tư pháp – Hộ tịch',
    coordinatorsText: '', deadlineText: 'Trước 30/6/2023', ...over,
  });
  const today = '2023-07-01';

  it('folds the search words: case and diacritics ignored', () => {
    expect(searchWords('  Tư   PHÁP ')).toEqual(['tu', 'phap']);
    expect(searchWords('')).toEqual([]);
    expect(searchWords(undefined)).toEqual([]);
  });

  it('keeps a task only when every filter and every word matches', () => {
    const t = task({ assigneeId: 4, products: ['Báo cáo đánh giá'] });
    expect(taskMatcher({}, today)(t)).toBe(true);
    expect(taskMatcher({ phuLuc: 1, assigneeId: 4, state: 'overdue', overdue: true, q: 'tu phap bao cao' }, today)(t)).toBe(true);
    expect(taskMatcher({ phuLuc: 2 }, today)(t)).toBe(false);
    expect(taskMatcher({ assigneeId: 5 }, today)(t)).toBe(false);
    expect(taskMatcher({ state: 'open' }, today)(t)).toBe(false);
    // the day decides: before the due date the task is open, not overdue
    expect(taskMatcher({ overdue: true }, '2023-06-30')(t)).toBe(false);
    expect(taskMatcher({ state: 'open' }, '2023-06-30')(t)).toBe(true);
    expect(taskMatcher({ needsReview: true }, today)(t)).toBe(false);
    expect(taskMatcher({ needsReview: true }, today)(task({ schedule: { needsReview: true } }))).toBe(true);
    expect(taskMatcher({ q: 'tư pháp kiểm tra' }, today)(t)).toBe(false);
    expect(taskMatcher({ state: 'cancelled' }, today)(task({ status: 'cancelled' }))).toBe(true);
    expect(taskMatcher({ state: 'done' }, today)(task({ dueDates: [{ dueOn: '2023-06-30', completedOn: '2023-06-29' }] }))).toBe(true);
  });

  it('counts the matches over the plan and per Phụ lục, and cuts one page of them', () => {
    const tasks = [
      ...Array.from({ length: 3 }, (_, i) => task({ phuLuc: 1, content: `Một ${i}` })),
      task({ phuLuc: 2, content: 'Khác hẳn' }),
      ...Array.from({ length: 4 }, (_, i) => task({ phuLuc: 5, content: `Một ${i + 3}` })),
    ];
    const page = pageOfTasks(tasks, { q: 'mot' }, today, 2, 3);
    expect(page.total).toBe(7);
    expect(page.phuLucs).toEqual([{ number: 1, total: 3 }, { number: 5, total: 4 }]);
    expect(page.items.map((t) => t.content)).toEqual(['Một 2', 'Một 3', 'Một 4']);
    expect(page).toMatchObject({ offset: 2, limit: 3 });
    const past = pageOfTasks(tasks, {}, today, 50, 10);
    expect(past.total).toBe(8);
    expect(past.items).toEqual([]);
  });
});

describe("an official's tasks by urgency", () => {
  const t = (id: number, dueOn: string | null, completedOn: string | null = null) => ({ id, status: 'open' as const, dueDates: dueOn ? [{ dueOn, completedOn }] : [] });
  it('puts overdue first, then the nearest due date, tasks with no date last', () => {
    const day = '2023-07-01';
    const tasks = [t(1, null), t(2, '2023-09-30'), t(3, '2023-03-31'), t(4, '2023-07-15'), t(5, '2023-06-30'), t(6, '2023-07-15')];
    expect(byUrgency(tasks, day).map((x) => x.id)).toEqual([3, 5, 4, 6, 2, 1]);
    // a due date met no longer counts: the task's next one does
    expect(byUrgency([t(7, '2023-01-31', '2023-01-30'), t(8, '2023-08-01')], day).map((x) => x.id)).toEqual([8, 7]);
  });
});
