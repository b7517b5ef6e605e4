import { gunzipSync } from 'node:zlib';
import type { ReportData, ReportTaskLine } from './report-data.js';
import { compactReport, expandReport, packReport, unpackReport, unpackReportSync } from './report-snapshot.js';

function line(taskId: number, status: ReportTaskLine['status']): ReportTaskLine {
  return {
    taskId, phuLuc: 1 + (taskId % 7), ordinal: taskId, content: `Rà soát, hệ thống hóa văn bản quy phạm pháp luật số ${taskId}`,
    products: ['Kế hoạch', 'Báo cáo kết quả thực hiện'], leadText: 'Công chức Tư pháp – Hộ tịch', assigneeName: 'Hoàng Văn Pháp',
    deadlineText: 'Quý IV/2023', dueDates: ['2023-12-31'], dueOn: '2023-12-31',
    completedOn: status.startsWith('completed') ? '2023-06-01' : null, evidence: status.startsWith('completed') ? 'Báo cáo số 1/BC-UBND' : null, status,
  };
}

function report(): ReportData {
  const tasks = Array.from({ length: 60 }, (_, i) => line(i + 1, i % 3 === 0 ? 'completed_on_time' : i % 3 === 1 ? 'overdue' : 'in_progress'));
  const open = tasks.filter((t) => !t.status.startsWith('completed'));
  return {
    unit: { id: 1, name: 'UBND xã Hoằng Tiến', parentName: null, place: 'Hoằng Tiến' },
    plan: { id: 2, number: '08/KH-UBND', title: 'Kế hoạch CCHC năm 2023', year: 2023, decision: null, issuedOn: '2023-01-05' },
    period: {
      code: 'YEAR', year: 2023, label: 'Năm', titleText: 'năm 2023', convention: 'ministry', windowStart: '2022-12-15', windowEnd: '2023-12-14',
      cutoff: '2023-12-14', nextWindowStart: '2023-12-15', nextWindowEnd: '2024-12-14',
    },
    version: 3, generatedAt: '2023-12-15T01:00:00.000Z', generatedBy: 'Lê Văn Chủ',
    figures: {
      planned: 60, completed: 20, completedOnTime: 20, completedLate: 0, notCompleted: 40, notCompletedWithinDeadline: 20, overdue: 20,
      ratio: '20/60', percent: '33,33%', summary: 'đã hoàn thành 20/60 nhiệm vụ, đạt 33,33% kế hoạch', phuLucs: [],
    },
    lists: {
      completedInPeriod: tasks.filter((t) => t.status === 'completed_on_time'),
      notCompleted: open,
      overdue: tasks.filter((t) => t.status === 'overdue'),
      dueNextPeriod: [],
    },
    tasks,
    annex01b: [{ code: '1.1.1', label: 'Số nhiệm vụ đề ra trong kế hoạch', value: 60, unit: 'Nhiệm vụ', source: 'computed' }],
    signer: { title: 'CHỦ TỊCH', name: 'Lê Văn Chủ' },
  };
}

describe('stored report snapshots', () => {
  it('names each listed task by its id, and reads back exactly the report it was given, key order included', () => {
    const data = report();
    const stored = compactReport(data);
    expect(stored.lists.notCompleted).toEqual(data.lists.notCompleted.map((l) => l.taskId));
    expect(stored.tasks).toBe(data.tasks);
    expect(JSON.stringify(expandReport(JSON.parse(JSON.stringify(stored))))).toBe(JSON.stringify(data));
  });

  it('keeps a list entry whole when it is not its task\'s line, so nothing is lost', () => {
    const data = report();
    const odd = { ...data.tasks[1], status: 'in_progress' as const };
    data.lists.overdue[0] = odd;
    data.lists.dueNextPeriod = [line(999, 'in_progress')];
    const stored = compactReport(data);
    expect(stored.lists.overdue[0]).toEqual(odd);
    expect(stored.lists.dueNextPeriod[0]).toMatchObject({ taskId: 999 });
    expect(typeof stored.lists.overdue[1]).toBe('number');
    expect(JSON.stringify(expandReport(JSON.parse(JSON.stringify(stored))))).toBe(JSON.stringify(data));
    // an equal copy of the task's line is as good as the line itself
    data.lists.overdue[0] = JSON.parse(JSON.stringify(data.tasks[1]));
    expect(typeof compactReport(data).lists.overdue[0]).toBe('number');
  });

  it('stores gzip of the compact JSON, each task\'s text once', async () => {
    const data = report();
    const bytes = await packReport(data);
    expect([...bytes.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    const text = gunzipSync(bytes).toString('utf8');
    expect(text.split(JSON.stringify(data.tasks[1].content)).length - 1).toBe(1);
    expect(bytes.length).toBeLessThan(JSON.stringify(data).length / 10);
    expect(JSON.stringify(await unpackReport(bytes))).toBe(JSON.stringify(data));
    expect(JSON.stringify(unpackReportSync(bytes))).toBe(JSON.stringify(data));
  });

  it('refuses a list naming a task it does not hold', () => {
    const stored = compactReport(report());
    stored.lists.overdue.push(12345);
    expect(() => expandReport(stored)).toThrow(/12345/);
  });
});
