import { demoCsv, demoDocx, demoXlsx, DEMO } from '../../test/support/plan-documents.js';
import { parseDeadline } from '../deadlines/parse-deadline.js';
import { buildPreview } from './preview.js';
import { readPlanFile } from './read-plan-file.js';

const officials = DEMO.officials.map((o, i) => ({ id: i + 1, fullName: o.fullName, position: o.position, active: true }));

async function previewOf(bytes: Uint8Array, name: string) {
  const parsed = await readPlanFile(bytes, name, { maxBytes: 10 * 1024 * 1024 });
  return buildPreview(parsed, { officials });
}

function expectDemoPlan(preview: Awaited<ReturnType<typeof previewOf>>) {
  expect(preview.phuLucs.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  expect(preview.phuLucs.map((p) => p.tasks.length)).toEqual([3, 8, 4, 4, 4, 7, 4]);
  expect(preview.taskCount).toBe(34);
  for (const p of DEMO.phuLucs!) {
    const got = preview.phuLucs.find((x) => x.number === p.number)!;
    (p.tasks ?? []).forEach((t, i) => {
      const g = got.tasks[i];
      expect({ pl: p.number, ordinal: g.ordinal, content: g.content, products: g.products, leadText: g.leadText, coordinatorsText: g.coordinatorsText, deadlineText: g.deadlineText })
        .toEqual({ pl: p.number, ordinal: t.ordinal, content: t.content, products: t.products, leadText: t.leadText, coordinatorsText: t.coordinatorsText, deadlineText: t.deadlineText });
      expect(g.deadline.dueDates).toEqual(parseDeadline(t.deadlineText ?? '', 2023).dueDates);
    });
  }
}

describe('reading the whole Hoằng Tiến plan', () => {
  it('from a Word document laid out as Word does', async () => {
    const preview = await previewOf(demoDocx(), 'ke-hoach.docx');
    expectDemoPlan(preview);
    expect(preview.format).toBe('docx');
    expect(preview.header).toEqual({
      unitName: 'ỦY BAN NHÂN DÂN XÃ HOẰNG TIẾN', number: '08/KH-UBND', title: DEMO.plan.title, year: 2023, decision: DEMO.plan.decision,
    });
    expect(preview.phuLucs.map((p) => p.heading)).toEqual(DEMO.phuLucs!.map((p) => p.heading));
    expect(preview.canSave).toBe(true);
  });

  it('from an Excel sheet with merged leads and the Phụ lục written five ways', async () => {
    const preview = await previewOf(await demoXlsx(), 'ke-hoach.xlsx');
    expectDemoPlan(preview);
    expect(preview.header).toMatchObject({ number: '08/KH-UBND', title: DEMO.plan.title, year: 2023, decision: DEMO.plan.decision });
  });

  it('from a CSV file', async () => {
    const preview = await previewOf(demoCsv(), 'ke-hoach.csv');
    expectDemoPlan(preview);
    expect(preview.header).toMatchObject({ number: '08/KH-UBND', title: DEMO.plan.title, year: 2023 });
  });
});
