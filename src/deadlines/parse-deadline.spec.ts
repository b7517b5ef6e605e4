import { readFileSync } from 'node:fs';
import { isLocalDate } from '../common/local-date.js';
import { parseDeadline, type Schedule, type ScheduleItem, type ScheduleKind } from './parse-deadline.js';

const YEAR = 2023;

const QUARTER_ENDS = ['2023-03-31', '2023-06-30', '2023-09-30', '2023-12-31'];
const ROMAN = ['I', 'II', 'III', 'IV'];

function item(dueOn: string, label: string | null = null): ScheduleItem {
  return { dueOn, label };
}

/** The four quarter-end occurrences of a recurring report, labelled as the parser does. */
function quarterItems(segmentLabel: string | null, year = YEAR): ScheduleItem[] {
  return ROMAN.map((r, i) => {
    const period = `Quý ${r}/${year}`;
    return item(`${year}-${['03-31', '06-30', '09-30', '12-31'][i]}`, segmentLabel ? `${segmentLabel} – ${period}` : period);
  });
}

interface Expected {
  kind: ScheduleKind;
  dueDates: string[];
  items: ScheduleItem[];
  needsReview: boolean;
  /** Words the single note must contain when needsReview is true. */
  note?: string;
}

function expectSchedule(actual: Schedule, expected: Expected): void {
  expect({
    kind: actual.kind,
    dueDates: actual.dueDates,
    items: actual.items,
    needsReview: actual.needsReview,
  }).toEqual({
    kind: expected.kind,
    dueDates: expected.dueDates,
    items: expected.items,
    needsReview: expected.needsReview,
  });
  if (expected.needsReview) {
    expect(actual.notes.length).toBeGreaterThan(0);
    if (expected.note) expect(actual.notes.join('\n')).toContain(expected.note);
  } else {
    expect(actual.notes).toEqual([]);
  }
}

/** Checks that hold for every result, whatever the input. */
function expectWellFormed(s: Schedule): void {
  expect(['date', 'ongoing', 'recurring', 'milestones', 'unspecified']).toContain(s.kind);
  for (const d of s.dueDates) expect(isLocalDate(d)).toBe(true);
  expect(s.dueDates).toEqual([...new Set(s.items.map((i) => i.dueOn))].sort());
  const sorted = [...s.items].sort((a, b) =>
    a.dueOn !== b.dueOn ? (a.dueOn < b.dueOn ? -1 : 1) : (a.label ?? '') < (b.label ?? '') ? -1 : (a.label ?? '') > (b.label ?? '') ? 1 : 0,
  );
  expect(s.items).toEqual(sorted);
  expect(s.needsReview).toBe(s.notes.length > 0);
  expect(s.kind === 'unspecified').toBe(s.dueDates.length === 0);
  if (s.kind === 'unspecified') expect(s.needsReview).toBe(true);
}

// ---------------------------------------------------------------------------
// (a) Every deadline cell of the Hoằng Tiến 2023 plan (seeds/004), as extracted.

const UNREADABLE = 'Không xác định được thời hạn từ nội dung';
const ONGOING: Expected = { kind: 'ongoing', dueDates: ['2023-12-31'], items: [item('2023-12-31')], needsReview: false };
const REPORT = 'Báo cáo kết quả thực hiện';
const ORGANIZE_AND_REPORT_QUARTERLY: Expected = {
  kind: 'recurring',
  dueDates: QUARTER_ENDS,
  items: [...quarterItems(REPORT), item('2023-12-31', 'Tổ chức thực hiện')],
  needsReview: false,
};
const dateOn = (dueOn: string, label: string | null = null): Expected => ({
  kind: 'date',
  dueDates: [dueOn],
  items: [item(dueOn, label)],
  needsReview: false,
});

const SEED_CELLS: Array<[string, string, Expected]> = [
  // Phụ lục 01: Cải cách thể chế
  [
    'PL01 row 1',
    'Theo thời hạn\nquy định của\nVăn bản quy\nđịnh pháp luật',
    {
      kind: 'unspecified',
      dueDates: [],
      items: [],
      needsReview: true,
      note: `${UNREADABLE}: “Theo thời hạn quy định của Văn bản quy định pháp luật”; cần người nhập hạn cụ thể.`,
    },
  ],
  ['PL01 row 2', 'Quý\nIV/2023', dateOn('2023-12-31')],
  [
    'PL01 row 3',
    'Báo cáo\nđịnh kỳ 6\ntháng, năm',
    {
      kind: 'recurring',
      dueDates: ['2023-06-30', '2023-12-31'],
      items: [item('2023-06-30', '6 tháng/2023'), item('2023-12-31', 'Năm 2023')],
      needsReview: false,
    },
  ],
  // Phụ lục 02: Cải cách thủ tục hành chính
  ['PL02 row 1', '- Tổ chức thực hiện:\nthường xuyên.\n- Báo cáo kết quả\nthực hiện: định kỳ\nhàng quý', ORGANIZE_AND_REPORT_QUARTERLY],
  ['PL02 row 2', '- Tổ chức thực hiện:\nthường xuyên.\n- Báo cáo kết quả\nthực hiện: định kỳ\nhàng quý', ORGANIZE_AND_REPORT_QUARTERLY],
  // The cell runs over a page break: "thực hiện:" ends one page, "định kỳ hàng quý" starts the next.
  ['PL02 row 3', '- Tổ chức thực hiện:\nthường xuyên.\n- Báo cáo kết quả\nthực hiện:\nđịnh kỳ hàng quý', ORGANIZE_AND_REPORT_QUARTERLY],
  ['PL02 row 4', '- Tổ chức thực hiện:\nthường xuyên.\n- Báo cáo kết quả\nthực hiện: định kỳ\nhàng quý', ORGANIZE_AND_REPORT_QUARTERLY],
  ['PL02 row 5', '- Tổ chức thực hiện:\nthường xuyên.\n- Báo cáo kết quả\nthực hiện: định kỳ\nhàng quý', ORGANIZE_AND_REPORT_QUARTERLY],
  [
    'PL02 row 6',
    'Theo hướng dẫn của\nVăn phòng UBND\nhuyện',
    {
      kind: 'unspecified',
      dueDates: [],
      items: [],
      needsReview: true,
      note: `${UNREADABLE}: “Theo hướng dẫn của Văn phòng UBND huyện”; cần người nhập hạn cụ thể.`,
    },
  ],
  ['PL02 row 7', 'Báo cáo kết\nquả khảo sát:\ntháng 11/2023', dateOn('2023-11-30', 'Báo cáo kết quả khảo sát')],
  ['PL02 row 8', 'Thường xuyên\ntrong năm', ONGOING],
  // Phụ lục 03: Cải cách tổ chức bộ máy
  ['PL03 row 1', 'Trước15/11/\n2023', dateOn('2023-11-15')],
  ['PL03 row 2', '- Báo cáo\nkết quả thực\nhiện: tháng\n11/2023.', dateOn('2023-11-30', REPORT)],
  [
    'PL03 row 3',
    '- Văn bản triển\nkhai thực hiện:\ntháng 11/2023;\n- Báo cáo kết\nquả thực hiện:\ntrước\n15/12/2023',
    {
      kind: 'milestones',
      dueDates: ['2023-11-30', '2023-12-15'],
      items: [item('2023-11-30', 'Văn bản triển khai thực hiện'), item('2023-12-15', REPORT)],
      needsReview: false,
    },
  ],
  ['PL03 row 4', '- Báo cáo\nkết quả thực\nhiện: tháng\n11/2023', dateOn('2023-11-30', REPORT)],
  // Phụ lục 04: Cải cách chế độ công vụ
  ['PL04 row 1', 'Quý II/2023', dateOn('2023-06-30')],
  ['PL04 row 2', 'Thường\nxuyên trong\nnăm', ONGOING],
  [
    'PL04 row 3',
    'Xây dựng\nkế hoạch:\ntháng\n1/2023;\n- Báo cáo:\ntháng\n12/2023.',
    {
      kind: 'milestones',
      dueDates: ['2023-01-31', '2023-12-31'],
      items: [item('2023-01-31', 'Xây dựng kế hoạch'), item('2023-12-31', 'Báo cáo')],
      needsReview: false,
    },
  ],
  [
    'PL04 row 4',
    'Theo định\nkỳ',
    {
      kind: 'recurring',
      dueDates: QUARTER_ENDS,
      items: quarterItems(null),
      needsReview: true,
      note: 'không nêu rõ chu kỳ',
    },
  ],
  // Phụ lục 05: Cải cách tài chính công
  ['PL05 row 1', 'Quý I/2023', dateOn('2023-03-31')],
  ['PL05 row 2', 'Tháng 01/2023', dateOn('2023-01-31')],
  ['PL05 row 3', 'Quý I/2023', dateOn('2023-03-31')],
  [
    'PL05 row 4',
    '- Xây dựng kế\nhoạch: tháng\n1/2023;\n- Báo cáo: tháng\n11/2023.',
    {
      kind: 'milestones',
      dueDates: ['2023-01-31', '2023-11-30'],
      items: [item('2023-01-31', 'Xây dựng kế hoạch'), item('2023-11-30', 'Báo cáo')],
      needsReview: false,
    },
  ],
  // Phụ lục 06: Chính quyền điện tử, Chính quyền số
  [
    'PL06 row 1',
    '- Xây dựng Kế\nhoạch: tháng\n11/2022;\n- Báo cáo kết\nquả thực hiện:\ntháng 11/2023.',
    {
      kind: 'milestones',
      dueDates: ['2022-11-30', '2023-11-30'],
      items: [item('2022-11-30', 'Xây dựng Kế hoạch'), item('2023-11-30', REPORT)],
      needsReview: true,
      note: 'Hạn 30/11/2022 (Xây dựng Kế hoạch) nằm ngoài năm kế hoạch 2023',
    },
  ],
  ['PL06 row 2', 'Thường\nxuyên trong\nnăm', ONGOING],
  ['PL06 row 3', 'Quý IV/\n2023', dateOn('2023-12-31')],
  ['PL06 row 4', 'Thường\nxuyên\ntrong\nnăm', ONGOING],
  ['PL06 row 5', 'Trong năm\n2023', ONGOING],
  ['PL06 row 6', 'Quý\nIV/2023', dateOn('2023-12-31')],
  ['PL06 row 7', 'Tháng\n11/2023', dateOn('2023-11-30')],
  // Phụ lục 07: Công tác chỉ đạo, điều hành, tuyên truyền
  [
    'PL07 row 1',
    '- Kế hoạch CCHC 2023 của\ncác cơ quan, đơn vị: Trước\n05/01/2023;\n- Báo cáo kết quả thực\nhiện: định kỳ hằng quý, 6\ntháng, 9 tháng hoặc đột\nxuất theo quy định.',
    {
      kind: 'milestones',
      dueDates: ['2023-01-05', ...QUARTER_ENDS],
      items: [item('2023-01-05', 'Kế hoạch CCHC 2023 của các cơ quan, đơn vị'), ...quarterItems(REPORT)],
      needsReview: false,
    },
  ],
  [
    'PL07 row 2',
    '- Báo cáo tự chấm điểm\ncùng tài liệu kiểm chứng\ncủa các cơ quan, đơn vị:\nTrước 10/12/2023;\n- Báo cáo tổng hợp chỉ số\nCCHC toàn huyện: trước\n25/12/2023.',
    {
      kind: 'milestones',
      dueDates: ['2023-12-10', '2023-12-25'],
      items: [
        item('2023-12-10', 'Báo cáo tự chấm điểm cùng tài liệu kiểm chứng của các cơ quan, đơn vị'),
        item('2023-12-25', 'Báo cáo tổng hợp chỉ số CCHC toàn huyện'),
      ],
      needsReview: false,
    },
  ],
  [
    'PL07 row 3',
    'Báo cáo kết quả thực hiện:\nđịnh kỳ hằng quý, 6 tháng,\n9 tháng hoặc đột xuất theo\nquy định.',
    { kind: 'recurring', dueDates: QUARTER_ENDS, items: quarterItems(REPORT), needsReview: false },
  ],
  [
    'PL07 row 4',
    '- Kế hoạch thanh tra,\nkiểm tra: Quý I/2023.\n- Báo cáo kết quả thực\nhiện: Quý IV/2023.',
    {
      kind: 'milestones',
      dueDates: ['2023-03-31', '2023-12-31'],
      items: [item('2023-03-31', 'Kế hoạch thanh tra, kiểm tra'), item('2023-12-31', REPORT)],
      needsReview: false,
    },
  ],
];

describe('parseDeadline: the seed plan (Hoằng Tiến 2023, Phụ lục 01–07)', () => {
  it('covers all 34 task rows (3, 8, 4, 4, 4, 7, 4)', () => {
    const perAnnex = [1, 2, 3, 4, 5, 6, 7].map((n) => SEED_CELLS.filter(([name]) => name.startsWith(`PL0${n} `)).length);
    expect(perAnnex).toEqual([3, 8, 4, 4, 4, 7, 4]);
    expect(new Set(SEED_CELLS.map(([name]) => name)).size).toBe(34);
  });

  it.each(SEED_CELLS)('%s', (_name, cell, expected) => {
    const schedule = parseDeadline(cell, YEAR);
    expectSchedule(schedule, expected);
    expectWellFormed(schedule);
  });

  it('gives the demo plan data file the same schedules as the raw cells', () => {
    const file = JSON.parse(readFileSync(new URL('../demo/hoang-tien-2023.json', import.meta.url), 'utf8')) as {
      phuLucs: { number: number; tasks: { ordinal: number; deadlineText: string }[] }[];
    };
    const rows = file.phuLucs.flatMap((p) => p.tasks.map((task) => ({ name: `PL0${p.number} row ${task.ordinal}`, text: task.deadlineText })));
    expect(rows.map((r) => r.name).sort()).toEqual(SEED_CELLS.map(([name]) => name).sort());
    for (const row of rows) {
      const [, cell, expected] = SEED_CELLS.find(([name]) => name === row.name)!;
      // the data file keeps the cell's characters, with the extraction's line breaks joined
      expect(row.text.replace(/\s+/g, ' ').replace(/- /g, '-')).toBe(cell.replace(/\s+/g, ' ').replace(/- /g, '-'));
      const parsed = parseDeadline(row.text, YEAR);
      expect({ name: row.name, kind: parsed.kind, dueDates: parsed.dueDates, needsReview: parsed.needsReview })
        .toEqual({ name: row.name, kind: expected.kind, dueDates: expected.dueDates, needsReview: expected.needsReview });
    }
  });

  it('reads the cells the same once the extraction line breaks are joined', () => {
    for (const [, cell, expected] of SEED_CELLS) {
      const oneLine = cell.replace(/\n(?!-)/g, ' ');
      expect(parseDeadline(oneLine, YEAR).dueDates).toEqual(expected.dueDates);
    }
  });
});

// ---------------------------------------------------------------------------
// (b) The phrasings of DOMAIN.md and the parsing rules

const dueDatesOf = (text: string, year = YEAR) => parseDeadline(text, year).dueDates;

describe('parseDeadline: quarters', () => {
  it.each([
    ['Quý IV/2023', '2023-12-31'],
    ['Quý I/2023', '2023-03-31'],
    ['Quý II/2023', '2023-06-30'],
    ['Quý III/2023', '2023-09-30'],
    ['quý 2 năm 2023', '2023-06-30'],
    ['Quý IV/ 2023', '2023-12-31'],
    ['Quý\nIV/2023', '2023-12-31'],
    ['QUÝ iii/2023', '2023-09-30'],
    ['quý 4/2023', '2023-12-31'],
    ['Quý 1 năm 2023.', '2023-03-31'],
    ['Quý IV', '2023-12-31'],
    ['Trong quý III', '2023-09-30'],
    ['Quý IV/2023;', '2023-12-31'],
  ])('%j → %s', (text, due) => {
    const s = parseDeadline(text, YEAR);
    expect(s.kind).toBe('date');
    expect(s.dueDates).toEqual([due]);
    expect(s.needsReview).toBe(false);
  });

  it('flags an impossible quarter', () => {
    const s = parseDeadline('Quý 5/2023', YEAR);
    expect(s.kind).toBe('unspecified');
    expect(s.notes.join(' ')).toContain('Ngày không hợp lệ');
  });
});

describe('parseDeadline: months', () => {
  it.each([
    ['Tháng 01/2023', '2023-01-31'],
    ['tháng 11/2023', '2023-11-30'],
    ['tháng 1/2023', '2023-01-31'],
    ['tháng 11 năm 2023', '2023-11-30'],
    ['Tháng 11', '2023-11-30'],
    ['tháng\n11/2023', '2023-11-30'],
    ['THÁNG 4/2023.', '2023-04-30'],
    ['tháng 2/2023', '2023-02-28'],
    ['Tháng 12/2023', '2023-12-31'],
  ])('%j → %s', (text, due) => {
    const s = parseDeadline(text, YEAR);
    expect(s.kind).toBe('date');
    expect(s.dueDates).toEqual([due]);
    expect(s.needsReview).toBe(false);
  });

  it('reads "tháng 11-12/2023" as a range ending with December', () => {
    expect(dueDatesOf('tháng 11-12/2023')).toEqual(['2023-12-31']);
  });

  it('keeps the month end of "trước tháng 11/2023" but asks for a check', () => {
    const s = parseDeadline('Trước tháng 11/2023', YEAR);
    expect(s.dueDates).toEqual(['2023-11-30']);
    expect(s.needsReview).toBe(true);
    expect(s.notes).toEqual(['Nội dung “Trước tháng 11/2023” được hiểu là hạn 30/11/2023; cần kiểm tra lại hạn cụ thể.']);
  });

  it.each([
    ['Đầu tháng 11', '2023-11-30'],
    ['Giữa quý II/2023', '2023-06-30'],
  ])('flags the vague %j', (text, due) => {
    const s = parseDeadline(text, YEAR);
    expect(s.dueDates).toEqual([due]);
    expect(s.needsReview).toBe(true);
  });
});

describe('parseDeadline: days', () => {
  it.each([
    ['Trước 15/11/2023', '2023-11-15'],
    ['Trước15/11/ 2023', '2023-11-15'],
    ['trước ngày 15/11/2023', '2023-11-15'],
    ['15/11/2023', '2023-11-15'],
    ['trước 05/01', '2023-01-05'],
    ['TRƯỚC NGÀY 5/1/2023.', '2023-01-05'],
    ['15 / 11 / 2023', '2023-11-15'],
    ['ngày 15 tháng 11 năm 2023', '2023-11-15'],
    ['Trước ngày 15 tháng 11', '2023-11-15'],
    ['15.11.2023', '2023-11-15'],
    ['15-11-2023', '2023-11-15'],
    ['15/11/23', '2023-11-15'],
    ['Từ 01/3/2023 đến 31/3/2023', '2023-03-31'],
  ])('%j → %s', (text, due) => {
    const s = parseDeadline(text, YEAR);
    expect(s.kind).toBe('date');
    expect(s.dueDates).toEqual([due]);
    expect(s.needsReview).toBe(false);
  });
});

describe('parseDeadline: ongoing', () => {
  it.each([
    'Thường xuyên trong năm',
    'Thường xuyên',
    'Trong năm 2023',
    'Trong năm',
    'thường xuyên.',
    'Thường\nxuyên\ntrong\nnăm',
    'THƯỜNG XUYÊN TRONG NĂM',
    'Liên tục',
  ])('%j → ongoing, due at year end', (text) => {
    expectSchedule(parseDeadline(text, YEAR), ONGOING);
  });

  it('keeps the label of "Tổ chức thực hiện: thường xuyên"', () => {
    expectSchedule(parseDeadline('Tổ chức thực hiện: thường xuyên', YEAR), {
      kind: 'ongoing',
      dueDates: ['2023-12-31'],
      items: [item('2023-12-31', 'Tổ chức thực hiện')],
      needsReview: false,
    });
  });

  it('dates an ongoing task to the end of the year the text names', () => {
    expect(dueDatesOf('Trong năm 2024', 2024)).toEqual(['2024-12-31']);
  });
});

describe('parseDeadline: recurring', () => {
  it.each(['định kỳ hàng quý', 'Định kỳ hằng quý', 'hằng quý', 'hàng quý', 'HÀNG QUÝ.', 'định kỳ\nhàng quý', 'mỗi quý'])(
    '%j → the four quarter ends',
    (text) => {
      expectSchedule(parseDeadline(text, YEAR), {
        kind: 'recurring',
        dueDates: QUARTER_ENDS,
        items: quarterItems(null),
        needsReview: false,
      });
    },
  );

  it('"Báo cáo định kỳ 6 tháng, năm" → 30/6 and 31/12', () => {
    expectSchedule(parseDeadline('Báo cáo định kỳ 6 tháng, năm', YEAR), {
      kind: 'recurring',
      dueDates: ['2023-06-30', '2023-12-31'],
      items: [item('2023-06-30', '6 tháng/2023'), item('2023-12-31', 'Năm 2023')],
      needsReview: false,
    });
  });

  it('"định kỳ hằng quý, 6 tháng, 9 tháng hoặc đột xuất" does not duplicate the quarter ends', () => {
    expectSchedule(parseDeadline('định kỳ hằng quý, 6 tháng, 9 tháng hoặc đột xuất theo quy định', YEAR), {
      kind: 'recurring',
      dueDates: QUARTER_ENDS,
      items: quarterItems(null),
      needsReview: false,
    });
  });

  it('"định kỳ 6 tháng, 9 tháng, năm" → 30/6, 30/9 and 31/12', () => {
    expect(parseDeadline('định kỳ 6 tháng, 9 tháng, năm', YEAR).items).toEqual([
      item('2023-06-30', '6 tháng/2023'),
      item('2023-09-30', '9 tháng/2023'),
      item('2023-12-31', 'Năm 2023'),
    ]);
  });

  it.each(['hàng tháng', 'hằng tháng', 'Báo cáo định kỳ hằng tháng'])('%j → twelve month ends', (text) => {
    const s = parseDeadline(text, YEAR);
    expect(s.kind).toBe('recurring');
    expect(s.dueDates).toEqual([
      '2023-01-31', '2023-02-28', '2023-03-31', '2023-04-30', '2023-05-31', '2023-06-30',
      '2023-07-31', '2023-08-31', '2023-09-30', '2023-10-31', '2023-11-30', '2023-12-31',
    ]);
    expect(s.items[0]).toEqual(item('2023-01-31', 'Tháng 1/2023'));
    expect(s.needsReview).toBe(false);
  });

  it.each(['hàng năm', 'hằng năm', 'Định kỳ hằng năm'])('%j → 31/12', (text) => {
    expectSchedule(parseDeadline(text, YEAR), {
      kind: 'recurring',
      dueDates: ['2023-12-31'],
      items: [item('2023-12-31', 'Năm 2023')],
      needsReview: false,
    });
  });

  it('"Theo định kỳ" → the quarter ends, flagged because the period is not stated', () => {
    const s = parseDeadline('Theo định kỳ', YEAR);
    expectSchedule(s, {
      kind: 'recurring',
      dueDates: QUARTER_ENDS,
      items: quarterItems(null),
      needsReview: true,
      note: 'không nêu rõ chu kỳ',
    });
  });

  it('does not flag "định kỳ" when the period is said elsewhere in the segment', () => {
    expect(parseDeadline('Định kỳ báo cáo hàng quý', YEAR).needsReview).toBe(false);
    expectSchedule(parseDeadline('Báo cáo định kỳ tháng 11/2023', YEAR), dateOn('2023-11-30'));
  });

  it('labels the occurrences of a labelled recurring segment', () => {
    expect(parseDeadline('Báo cáo kết quả thực hiện: định kỳ hàng quý', YEAR).items).toEqual(quarterItems(REPORT));
  });

  it('combines an ongoing and a recurring segment into a recurring schedule', () => {
    expectSchedule(
      parseDeadline('- Tổ chức thực hiện: thường xuyên.\n- Báo cáo kết quả thực hiện: định kỳ hàng quý', YEAR),
      ORGANIZE_AND_REPORT_QUARTERLY,
    );
  });

  it('reads "hằng quý năm 2024" in the year it names', () => {
    expect(dueDatesOf('hằng quý năm 2024', 2024)).toEqual(['2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31']);
  });
});

describe('parseDeadline: milestones', () => {
  const PLAN_AND_REPORT: Expected = {
    kind: 'milestones',
    dueDates: ['2023-01-31', '2023-12-31'],
    items: [item('2023-01-31', 'Xây dựng kế hoạch'), item('2023-12-31', 'Báo cáo')],
    needsReview: false,
  };

  it.each([
    '- Xây dựng kế hoạch: tháng 1/2023; - Báo cáo: tháng 12/2023',
    'Xây dựng kế hoạch: tháng 1/2023;\n- Báo cáo: tháng 12/2023.',
    '- Xây dựng kế hoạch: tháng 1/2023.\n- Báo cáo: tháng 12/2023.',
    '- Xây dựng kế hoạch: tháng 1/2023. - Báo cáo: tháng 12/2023.',
    'Xây dựng kế hoạch: tháng 1/2023. Báo cáo: tháng 12/2023.',
    '- Xây dựng kế hoạch: tháng 1/2023 - Báo cáo: tháng 12/2023',
    '  -  Xây dựng kế hoạch :   tháng 1 / 2023 ;\n\n -Báo cáo:tháng 12/2023 ; ',
  ])('%j', (text) => {
    expectSchedule(parseDeadline(text, YEAR), PLAN_AND_REPORT);
  });

  it('takes labels from the original text, with its case and diacritics', () => {
    expect(parseDeadline('- XÂY DỰNG Kế hoạch: Quý I/2023;\n- Báo cáo: Quý IV/2023', YEAR).items.map((i) => i.label)).toEqual([
      'XÂY DỰNG Kế hoạch',
      'Báo cáo',
    ]);
  });

  it('gives a single labelled segment the kind of its date', () => {
    expectSchedule(parseDeadline('Báo cáo kết quả khảo sát: tháng 11/2023', YEAR), dateOn('2023-11-30', 'Báo cáo kết quả khảo sát'));
  });

  it('is milestones when a specific date is mixed with a recurring one', () => {
    const s = parseDeadline('- Kế hoạch: Quý I/2023;\n- Báo cáo: hằng quý', YEAR);
    expect(s.kind).toBe('milestones');
    expect(s.dueDates).toEqual(QUARTER_ENDS);
    const [q1, ...laterQuarters] = quarterItems('Báo cáo');
    expect(s.items).toEqual([q1, item('2023-03-31', 'Kế hoạch'), ...laterQuarters]);
  });

  it('does not split at a colon inside a number', () => {
    expect(parseDeadline('Công bố ISO 9001:2015: Quý IV/2023', YEAR).items).toEqual([
      item('2023-12-31', 'Công bố ISO 9001:2015'),
    ]);
  });

  it('reads a date written before the colon', () => {
    expectSchedule(parseDeadline('Trước 15/11/2023: hoàn thành', YEAR), dateOn('2023-11-15'));
  });
});

describe('parseDeadline: no usable date', () => {
  it.each([
    'Theo thời hạn quy định của Văn bản quy định pháp luật',
    'Theo hướng dẫn của Văn phòng UBND huyện',
    'Theo quy định',
    'Khi có yêu cầu',
    'asdf qwerty ;;; ---',
    '???',
    ' - ; . ',
  ])('%j → unspecified and flagged', (text) => {
    const s = parseDeadline(text, YEAR);
    expect(s).toEqual({
      kind: 'unspecified',
      dueDates: [],
      items: [],
      needsReview: true,
      notes: [expect.stringContaining('Không xác định được thời hạn từ nội dung: “')],
    });
    expect(s.notes[0]).toMatch(/; cần người nhập hạn cụ thể\.$/);
  });

  it.each(['', '   ', '\n\n\t'])('%j → unspecified, noted as empty', (text) => {
    expect(parseDeadline(text, YEAR)).toEqual({
      kind: 'unspecified',
      dueDates: [],
      items: [],
      needsReview: true,
      notes: ['Không xác định được thời hạn từ nội dung: (trống); cần người nhập hạn cụ thể.'],
    });
  });
});

describe('parseDeadline: plan year', () => {
  it('takes a missing year from the plan', () => {
    expect(dueDatesOf('Quý IV', 2025)).toEqual(['2025-12-31']);
    expect(dueDatesOf('Tháng 2', 2024)).toEqual(['2024-02-29']);
    expect(dueDatesOf('trước 05/01', 2026)).toEqual(['2026-01-05']);
    expect(dueDatesOf('Thường xuyên', 2030)).toEqual(['2030-12-31']);
    expect(dueDatesOf('hằng quý', 2024)).toEqual(['2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31']);
  });

  it('keeps a date outside the plan year but flags it', () => {
    const s = parseDeadline('Xây dựng Kế hoạch: tháng 11/2022', YEAR);
    expect(s.kind).toBe('date');
    expect(s.dueDates).toEqual(['2022-11-30']);
    expect(s.needsReview).toBe(true);
    expect(s.notes).toEqual(['Hạn 30/11/2022 (Xây dựng Kế hoạch) nằm ngoài năm kế hoạch 2023; cần kiểm tra lại.']);
  });

  it('flags an ongoing task set in another year', () => {
    const s = parseDeadline('Trong năm 2022', YEAR);
    expect(s.dueDates).toEqual(['2022-12-31']);
    expect(s.needsReview).toBe(true);
  });

  it('still reads explicit years when the plan year is not usable, and says so', () => {
    const s = parseDeadline('Quý IV/2023', Number.NaN);
    expect(s.dueDates).toEqual(['2023-12-31']);
    expect(s.needsReview).toBe(true);
    expect(parseDeadline('Quý IV', Number.NaN).dueDates).toEqual([]);
  });
});

describe('parseDeadline: partly understood cells', () => {
  it.each([
    ['Quý I, II/2023', 'date', 1],
    ['Tháng 11/2023 (theo Kế hoạch số 13/KH-UBND)', 'date', 1],
  ])('flags numbers it could not place in %j', (text, kind, count) => {
    const s = parseDeadline(text, YEAR);
    expect(s.kind).toBe(kind);
    expect(s.dueDates).toHaveLength(count);
    expect(s.needsReview).toBe(true);
    expect(s.notes).toEqual([`Chưa hiểu hết nội dung “${text}”; cần kiểm tra lại hạn đã đọc được.`]);
  });

  it('keeps the dates it read and flags the segment it could not', () => {
    const s = parseDeadline('- Xây dựng kế hoạch: tháng 1/2023;\n- Báo cáo: theo yêu cầu của cấp trên', YEAR);
    expect(s.kind).toBe('milestones');
    expect(s.dueDates).toEqual(['2023-01-31']);
    expect(s.items).toEqual([item('2023-01-31', 'Xây dựng kế hoạch')]);
    expect(s.needsReview).toBe(true);
    expect(s.notes).toEqual([
      'Không xác định được thời hạn từ nội dung: “Báo cáo: theo yêu cầu của cấp trên”; cần người nhập hạn cụ thể.',
    ]);
  });
});

// ---------------------------------------------------------------------------
// (c) Edge cases

describe('parseDeadline: calendar edge cases', () => {
  it.each([
    ['tháng 2/2024', '2024-02-29'],
    ['tháng 2/2023', '2023-02-28'],
    ['tháng 2/2000', '2000-02-29'],
    ['tháng 2/2100', '2100-02-28'],
    ['29/02/2024', '2024-02-29'],
    ['Quý I/2024', '2024-03-31'],
    ['31/12/2023', '2023-12-31'],
    ['01/01/2023', '2023-01-01'],
  ])('%j → %s', (text, due) => {
    const year = Number(due.slice(0, 4));
    expect(parseDeadline(text, year).dueDates).toEqual([due]);
  });

  it.each(['31/02/2023', '29/02/2023', '00/13/2023', '32/01/2023', '31/04/2023', '0/1/2023', 'tháng 13/2023', 'tháng 0/2023'])(
    'the impossible date %j yields no date and a note',
    (text) => {
      const s = parseDeadline(text, YEAR);
      expect(s.kind).toBe('unspecified');
      expect(s.dueDates).toEqual([]);
      expect(s.needsReview).toBe(true);
      expect(s.notes.some((n) => n.startsWith('Ngày không hợp lệ'))).toBe(true);
    },
  );

  it('keeps the other segments when one holds an impossible date', () => {
    const s = parseDeadline('- Kế hoạch: 31/02/2023;\n- Báo cáo: 15/11/2023', YEAR);
    expect(s.kind).toBe('milestones');
    expect(s.items).toEqual([item('2023-11-15', 'Báo cáo')]);
    expect(s.needsReview).toBe(true);
    expect(s.notes.join('\n')).toContain('Ngày không hợp lệ: “31/02/2023”');
  });

  it('never produces a date a UTC conversion would shift', () => {
    // Last days of months are where a UTC-midnight Date goes wrong east of Greenwich.
    for (let m = 1; m <= 12; m++) {
      const [due] = dueDatesOf(`tháng ${m}/2023`);
      expect(due.slice(0, 7)).toBe(`2023-${String(m).padStart(2, '0')}`);
    }
  });
});

describe('parseDeadline: hostile input', () => {
  it('handles huge input quickly and says it only read the start', () => {
    const huge = `Quý IV/2023 ${'x'.repeat(1_000_000)}`;
    const started = Date.now();
    const s = parseDeadline(huge, YEAR);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(s.dueDates).toEqual(['2023-12-31']);
    expect(s.needsReview).toBe(true);
    expect(s.notes.join('\n')).toContain('dài bất thường');
    expect(s.notes.every((n) => n.length < 500)).toBe(true);
  });

  it('handles long runs of separators, digits and keywords', () => {
    for (const text of [
      ';'.repeat(50_000),
      '-\n'.repeat(20_000),
      '1/'.repeat(20_000),
      'quý '.repeat(5_000),
      'định kỳ hằng quý, '.repeat(1_000),
      'Báo cáo: hàng tháng; '.repeat(1_000),
      ':'.repeat(20_000),
    ]) {
      const started = Date.now();
      const s = parseDeadline(text, YEAR);
      expect(Date.now() - started).toBeLessThan(2000);
      expectWellFormed(s);
    }
  });

  it('never throws, for non-string input either', () => {
    for (const text of [null, undefined, 42, {}, [], Symbol('x')]) {
      const s = parseDeadline(text as unknown as string, YEAR);
      expect(s.kind).toBe('unspecified');
      expect(s.needsReview).toBe(true);
    }
    expect(() => parseDeadline('Quý IV/2023', undefined as unknown as number)).not.toThrow();
  });

  it('never throws and always returns a well-formed schedule for random text', () => {
    // Deterministic generator so a failure can be replayed.
    let seed = 20230228;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pieces = [
      'Quý', 'IV', 'I', '/', '2023', '2022', '15', '11', '31', '02', '00', 'tháng', 'Tháng', 'năm', 'ngày',
      'Trước', 'trước', 'thường xuyên', 'trong', 'định kỳ', 'hằng', 'hàng', 'quý', '6 tháng', 'đột xuất',
      '-', '–', ':', ';', '.', ',', '\n', ' ', '  ', 'Báo cáo', 'Kế hoạch', 'đến', 'từ', '9001:2015',
      'Đ', 'ư', '\u0301', '\u00AD', '\u200B', '😀', '\uD800', '(', ')', '"', '\\', '$1', '.*', '[', ']',
    ];
    for (let n = 0; n < 2000; n++) {
      const parts: string[] = [];
      const length = Math.floor(random() * 25);
      for (let i = 0; i < length; i++) {
        parts.push(
          random() < 0.85
            ? pieces[Math.floor(random() * pieces.length)]
            : String.fromCharCode(Math.floor(random() * 0x3000)),
        );
      }
      const text = parts.join(random() < 0.5 ? ' ' : '');
      let s: Schedule | undefined;
      expect(() => {
        s = parseDeadline(text, 2000 + Math.floor(random() * 50));
      }).not.toThrow();
      expectWellFormed(s as Schedule);
    }
  });
});

/** Families other communes write (DOMAIN.md): understood, or flagged; never guessed silently. */
describe('parseDeadline: families from other communes\' plans', () => {
  const read = (text: string) => {
    const s = parseDeadline(text, YEAR);
    return { kind: s.kind, dueDates: s.dueDates, needsReview: s.needsReview };
  };

  it.each([
    ['6 tháng đầu năm', ['2023-06-30']],
    ['Sáu tháng đầu năm 2023', ['2023-06-30']],
    ['Báo cáo 6 tháng cuối năm', ['2023-12-31']],
    ['Nửa đầu năm', ['2023-06-30']],
  ])('half-year wording: %j', (text, dueDates) => {
    expect(read(text)).toEqual({ kind: 'date', dueDates, needsReview: false });
  });

  it.each([
    ['3 tháng một lần', ['2023-03-31', '2023-06-30', '2023-09-30', '2023-12-31']],
    ['Định kỳ 3 tháng/lần', ['2023-03-31', '2023-06-30', '2023-09-30', '2023-12-31']],
    ['6 tháng/lần', ['2023-06-30', '2023-12-31']],
    ['Cứ 2 tháng một lần', ['2023-02-28', '2023-04-30', '2023-06-30', '2023-08-31', '2023-10-31', '2023-12-31']],
    ['Hằng 4 tháng', ['2023-04-30', '2023-08-31', '2023-12-31']],
  ])('every N months: %j', (text, dueDates) => {
    expect(read(text)).toEqual({ kind: 'recurring', dueDates, needsReview: false });
  });

  it('a day of every month: the day itself in each month', () => {
    expect(read('Ngày 20 hằng tháng')).toEqual({ kind: 'recurring', dueDates: Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}-20`), needsReview: false });
    expect(read('Trước ngày 25 hàng tháng').dueDates[1]).toBe('2023-02-25');
  });

  it('a day that some months lack falls on their last day, and is flagged', () => {
    const s = parseDeadline('Ngày 31 hằng tháng', YEAR);
    expect(s.dueDates.slice(0, 4)).toEqual(['2023-01-31', '2023-02-28', '2023-03-31', '2023-04-30']);
    expect(s.needsReview).toBe(true);
  });

  it.each([
    ['Ngày 15/12 hằng năm', ['2023-12-15']],
    ['Trước ngày 10 tháng 12 hằng năm', ['2023-12-10']],
  ])('a day of every year: %j', (text, dueDates) => {
    expect(read(text)).toEqual({ kind: 'recurring', dueDates, needsReview: false });
  });

  it('an impossible day of every year is flagged, not dated', () => {
    const s = parseDeadline('Ngày 31/02 hằng năm', YEAR);
    expect(s.dueDates).toEqual([]);
    expect(s.needsReview).toBe(true);
  });

  it.each([
    ['Từ tháng 3 đến tháng 6/2023', ['2023-06-30']],
    ['Tháng 3 - tháng 6/2023', ['2023-06-30']],
    ['Quý II - Quý III/2023', ['2023-09-30']],
    ['Từ quý II đến quý III năm 2023', ['2023-09-30']],
  ])('a span of months or quarters is due at its end: %j', (text, dueDates) => {
    expect(read(text)).toEqual({ kind: 'date', dueDates, needsReview: false });
  });

  it.each(['Năm 2023', '2023', 'năm 2023'])('a plain year: %j is the year, due at its end', (text) => {
    expect(read(text)).toEqual({ kind: 'ongoing', dueDates: ['2023-12-31'], needsReview: false });
  });

  it.each(['Tuần đầu tháng 3/2023', 'Tuần 2 tháng 5/2023'])('a week of a month is approximate: %j is flagged', (text) => {
    expect(parseDeadline(text, YEAR).needsReview).toBe(true);
  });
});
