/**
 * The words of a periodic CCHC report, shared by the DOCX, XLSX and HTML
 * exporters so that the three files say exactly the same thing. The layout
 * follows Nghị định 30/2020/NĐ-CP and the outline of the seed reports
 * (I. chỉ đạo, điều hành · II. kết quả · III. đánh giá · IV. phương hướng ·
 * V. kiến nghị). Everything here is pure: a ReportData in, text out.
 */
import { TIME_ZONE, formatVnDate, isLocalDate, localDateOf, yearOf } from '../../common/local-date.js';
import { reportingYearStart } from '../periods.js';
import { formatCount } from '../../common/vietnamese-format.js';
import type { AnnexRow, Figures, ReportData, ReportPeriod, ReportTaskLine, TaskLineStatus } from '../report-data.js';
import { areaKey, narrativeParagraphs, type NarrativeKey } from '../narrative.js';
import { cellText, fillBlanks, occurrencesText, oneLine, tidyPunctuation } from '../report-wording.js';

// ── Small formatting helpers ─────────────────────────────────────────────────

export const STATUS_LABELS: Readonly<Record<TaskLineStatus, string>> = {
  completed_on_time: 'Đã hoàn thành đúng hạn',
  completed_late: 'Hoàn thành quá hạn',
  in_progress: 'Đang thực hiện',
  overdue: 'Quá hạn',
};

export function statusLabel(status: TaskLineStatus): string {
  return STATUS_LABELS[status] ?? status;
}

/** 'YYYY-MM-DD' → 'dd/mm/yyyy'; empty for a missing date. */
export function vnDate(localDate: string | null | undefined): string {
  return localDate ? formatVnDate(localDate) : '';
}

/** "Phụ lục 01" — the plan numbers its annexes with two digits. */
export function phuLucLabel(phuLuc: number): string {
  return `Phụ lục ${String(phuLuc).padStart(2, '0')}`;
}

/** Vietnamese capitals ("xã Hoằng Tiến" → "XÃ HOẰNG TIẾN"). */
export function upperVi(text: string): string {
  return text.toLocaleUpperCase('vi-VN');
}

/** Blanks left for the clerk to fill by hand when the report is numbered and signed. */
export const HAND_BLANK = '……';

// ── Header (quốc hiệu, tiêu ngữ, tên cơ quan, số, địa danh và ngày) ──────────

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
export const AUTHORITY = 'ỦY BAN NHÂN DÂN';

/** "UBND", "Ủy ban nhân dân", "Uỷ ban nhân dân" in front of the unit's own name. */
const AUTHORITY_PREFIX = /^\s*(?:UBND|[ỦU][ỷy]\s+ban\s+nh[âa]n\s+d[âa]n)\s+/iu;

export interface UnitNames {
  /** "ỦY BAN NHÂN DÂN" */
  authority: string;
  /** "XÃ HOẰNG TIẾN" */
  unitLine: string;
  /** "xã Hoằng Tiến": how the body text names the commune after "Ủy ban nhân dân". */
  localName: string;
  /** "Ủy ban nhân dân xã Hoằng Tiến" */
  fullName: string;
  /** "UBND xã Hoằng Tiến" */
  shortName: string;
}

/** The header lines derived from `unit.name` ("UBND xã Hoằng Tiến"). */
export function unitNames(unitName: string): UnitNames {
  const trimmed = unitName.replace(/\s+/g, ' ').trim();
  let local = trimmed.replace(AUTHORITY_PREFIX, '');
  // "Xã Hoằng Tiến" typed with a capital: the body text writes "xã", "phường", "thị trấn", "đặc khu" in lower case.
  local = local.replace(/^(Xã|Phường|Thị trấn|Thị Trấn|Đặc khu|Đặc Khu)(?=\s)/u, (m) => m.toLocaleLowerCase('vi-VN'));
  return {
    authority: AUTHORITY,
    unitLine: upperVi(local),
    localName: local,
    fullName: `Ủy ban nhân dân ${local}`,
    shortName: `UBND ${local}`,
  };
}

export function documentNumberLine(): string {
  return `Số: ${HAND_BLANK}/BC-UBND`;
}

/** The local year of `generatedAt`, which is either an instant or a local date. */
export function generatedYear(generatedAt: string): number {
  if (isLocalDate(generatedAt)) return yearOf(generatedAt);
  const instant = new Date(generatedAt);
  if (Number.isNaN(instant.getTime())) return yearOf(String(generatedAt).slice(0, 10));
  return yearOf(localDateOf(instant));
}

const STAMP = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "14/12/2023 16:05" in local time, for the note saying when the figures were taken. */
export function generatedAtText(generatedAt: string): string {
  if (isLocalDate(generatedAt)) return vnDate(generatedAt);
  const instant = new Date(generatedAt);
  if (Number.isNaN(instant.getTime())) return generatedAt;
  return STAMP.format(instant).replace(',', '');
}

/** "Hoằng Tiến, ngày …… tháng …… năm 2023": day and month are written in by hand at signing. */
export function datelineText(data: ReportData): string {
  return `${data.unit.place}, ngày ${HAND_BLANK} tháng ${HAND_BLANK} năm ${generatedYear(data.generatedAt)}`;
}

// ── Title and opening ───────────────────────────────────────────────────────

export const DOCUMENT_KIND = 'BÁO CÁO';

export function reportSubject(period: ReportPeriod): string {
  return `Kết quả thực hiện công tác cải cách hành chính ${period.titleText}`;
}

/**
 * The cumulative figures run from the start of the plan year: under the
 * Ministry's regime the year's data opens on 15/12 of the previous year, under
 * calendar quarters on 01/01 (DOMAIN.md, "Periodic reports").
 */
export function figuresFrom(period: ReportPeriod): string {
  return reportingYearStart(period.year, period.convention);
}

export function dataWindowText(period: ReportPeriod): string {
  return `Số liệu tính từ ngày ${vnDate(figuresFrom(period))} đến ngày ${vnDate(period.cutoff)}.`;
}

/** "Kế hoạch cải cách hành chính năm 2023" → "cải cách hành chính năm 2023", to read "Kế hoạch số … về …". */
function planSubject(title: string): string {
  const t = title.replace(/\s+/g, ' ').trim();
  const stripped = t.replace(/^Kế hoạch\s+(?:về\s+)?/iu, '');
  return stripped.length > 0 ? stripped : t;
}

/** "(Ban hành kèm theo Quyết định số …)" → "Quyết định số …", to cite it inside a sentence. */
export function decisionCitation(decision: string | null): string | null {
  if (!decision) return null;
  let d = decision.replace(/\s+/g, ' ').trim();
  if (d.startsWith('(') && d.endsWith(')')) d = d.slice(1, -1).trim();
  d = d.replace(/^ban hành kèm theo\s+/iu, '');
  return d.length > 0 ? fillBlanks(d) : null;
}

/** "Kế hoạch số 08/KH-UBND ngày 30/01/2023 của Ủy ban nhân dân xã Hoằng Tiến về cải cách hành chính năm 2023" */
export function planCitation(data: ReportData, withIssuer = true): string {
  const names = unitNames(data.unit.name);
  const issued = data.plan.issuedOn ? ` ngày ${vnDate(data.plan.issuedOn)}` : '';
  const issuer = withIssuer ? ` của ${names.fullName}` : '';
  return `Kế hoạch số ${fillBlanks(data.plan.number) || BLANK_NUMBER}${issued}${issuer} về ${planSubject(data.plan.title)}`;
}

const BLANK_NUMBER = '…/KH-UBND';

export function introText(data: ReportData): string {
  const names = unitNames(data.unit.name);
  return (
    `Thực hiện ${planCitation(data)}; ` +
    `${names.fullName} báo cáo kết quả thực hiện công tác cải cách hành chính ${data.period.titleText} như sau:`
  );
}

// ── The body, as blocks every exporter can lay out ──────────────────────────

export interface Inline {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type Block =
  /** "I. CÔNG TÁC …" (level 1) or "1. Cải cách thể chế" (level 2). */
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; runs: Inline[] }
  /** One "- …" line of a list. */
  | { kind: 'item'; runs: Inline[] }
  /** A place for the compiler to write what the data cannot say. */
  | { kind: 'placeholder'; text: string };

const para = (...runs: (Inline | string)[]): Block => ({
  kind: 'paragraph',
  runs: runs.map((r) => (typeof r === 'string' ? { text: r } : r)),
});
const item = (...runs: (Inline | string)[]): Block => ({
  kind: 'item',
  runs: runs.map((r) => (typeof r === 'string' ? { text: r } : r)),
});
const heading = (level: 1 | 2, text: string): Block => ({ kind: 'heading', level, text });

export const PLACEHOLDER_PREFIX = 'Nội dung cần bổ sung';
export function placeholder(what: string): Block {
  return { kind: 'placeholder', text: `[${PLACEHOLDER_PREFIX}: ${what}]` };
}

/** What people wrote for a section, as paragraphs; the placeholder when nothing was. */
export function written(data: ReportData, key: NarrativeKey, what: string): Block[] {
  const paragraphs = narrativeParagraphs(data.narrative?.[key]);
  return paragraphs.length ? paragraphs.map((p) => para(p)) : [placeholder(what)];
}

export const TASK_TABLE_TITLE = 'BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH';
export const ANNEX_01B_LABEL = 'Phụ lục 01b';

export function annex01bTitle(data: ReportData): string {
  return `THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH TẠI ${upperVi(unitNames(data.unit.name).shortName)}`;
}

/** "(Kèm theo Báo cáo số ……/BC-UBND ngày …… tháng …… năm 2023 của UBND xã Hoằng Tiến)" */
export function attachedToText(data: ReportData): string {
  return (
    `(Kèm theo Báo cáo số ${HAND_BLANK}/BC-UBND ngày ${HAND_BLANK} tháng ${HAND_BLANK} ` +
    `năm ${generatedYear(data.generatedAt)} của ${unitNames(data.unit.name).shortName})`
  );
}

/** What each area's narrative usually covers, from the seed reports and the Phụ lục 01b rows. */
const AREA_HINTS: Readonly<Record<number, string>> = {
  1: 'kết quả xây dựng, ban hành, kiểm tra, rà soát văn bản quy phạm pháp luật; theo dõi thi hành pháp luật; tuyên truyền, phổ biến, giáo dục pháp luật',
  2: 'rà soát, đơn giản hóa và công khai thủ tục hành chính; kết quả tiếp nhận, giải quyết hồ sơ (số hồ sơ tiếp nhận, giải quyết đúng hạn, quá hạn, trực tuyến); phản ánh, kiến nghị; đánh giá sự hài lòng',
  3: 'sắp xếp tổ chức bộ máy; số lượng cán bộ, công chức; phân công nhiệm vụ',
  4: 'vị trí việc làm; đào tạo, bồi dưỡng cán bộ, công chức; thực hiện kỷ luật, kỷ cương hành chính',
  5: 'thu, chi ngân sách; quy chế chi tiêu nội bộ; quản lý, sử dụng tài sản công; công khai tài chính',
  6: 'ứng dụng công nghệ thông tin, văn bản điện tử, chữ ký số; dịch vụ công trực tuyến; Hệ thống quản lý chất lượng TCVN ISO 9001:2015; chuyển đổi số',
  7: 'văn bản chỉ đạo, điều hành; kiểm tra cải cách hành chính; tuyên truyền; gắn thi đua, khen thưởng với cải cách hành chính',
};

function count(n: number): string {
  return `${formatCount(n)} nhiệm vụ`;
}

/**
 * "Tổng số nhiệm vụ đề ra trong kế hoạch: 32; đã hoàn thành 30/32 nhiệm vụ, đạt 93,75% kế hoạch"
 * — `figures.summary` carries the second half, already formatted.
 */
export function headlineText(figures: Figures): string {
  return `Tổng số nhiệm vụ đề ra trong kế hoạch: ${formatCount(figures.planned)}; ${figures.summary}`;
}

/**
 * "Tiêu chí mức độ thực hiện kế hoạch CCHC: đạt 93,75% (trên 90%), tự đánh giá 2/2 điểm
 * (thang điểm: trên 90%: 2 điểm; …)." Null for a report made before the criterion was computed.
 */
export function cchcText(data: ReportData): string | null {
  if (!data.cchc) return null;
  const from = data.cchc.thresholdsFrom ? ` của ${data.cchc.thresholdsFrom}` : '';
  return `${data.cchc.text} (thang điểm${from}: ${data.cchc.rule}).`;
}

export function breakdownText(figures: Figures): string {
  return (
    `Trong đó: hoàn thành đúng hạn: ${count(figures.completedOnTime)}; ` +
    `hoàn thành nhưng quá hạn: ${count(figures.completedLate)}; ` +
    `chưa hoàn thành: ${count(figures.notCompleted)} ` +
    `(đang thực hiện, chưa đến hạn: ${count(figures.notCompletedWithinDeadline)}; quá hạn: ${count(figures.overdue)}).`
  );
}

/** "3/3 (100%)" — how the task table and the area subsections state an area's progress. */
export function ratioText(f: Pick<Figures, 'ratio' | 'percent'>): string {
  return `${f.ratio} (${f.percent})`;
}

export interface PhuLucGroup {
  phuLuc: number;
  title: string;
  figures: Figures | null;
  /** "Phụ lục 01. Cải cách thể chế — 3/3 (100%)" */
  heading: string;
  tasks: ReportTaskLine[];
}

/** Every task of the plan by Phụ lục, in the order of the figures (then any Phụ lục only the tasks name). */
export function phuLucGroups(data: ReportData): PhuLucGroup[] {
  const numbers = [...data.figures.phuLucs.map((p) => p.phuLuc)];
  for (const t of data.tasks) if (!numbers.includes(t.phuLuc)) numbers.push(t.phuLuc);
  return numbers.map((n) => {
    const f = data.figures.phuLucs.find((p) => p.phuLuc === n) ?? null;
    const title = f?.title ?? '';
    const label = title ? `${phuLucLabel(n)}. ${title}` : phuLucLabel(n);
    return {
      phuLuc: n,
      title,
      figures: f,
      heading: f ? `${label} — ${ratioText(f)}` : label,
      tasks: data.tasks.filter((t) => t.phuLuc === n).sort((a, b) => a.ordinal - b.ordinal),
    };
  });
}

/** The due date a line shows: the date that matters, or the deadline as written when there is none. */
export function dueText(t: ReportTaskLine): string {
  return t.dueOn ? vnDate(t.dueOn) : cellText(t.deadlineText);
}

/** The lead cell (its lines kept), then the assigned official in brackets. */
export function leadWithAssignee(t: ReportTaskLine): string {
  const lead = cellText(t.leadText);
  return t.assigneeName ? `${lead} (${t.assigneeName})` : lead;
}

/** The same in one line, for a sentence: "Văn phòng UBND xã; UBND xã (Trần Thị Văn)". */
export function leadInLine(t: ReportTaskLine): string {
  const lead = oneLine(t.leadText);
  return t.assigneeName ? `${lead} (${t.assigneeName})` : lead;
}

/** "minh chứng: Báo cáo số 3/BC-UBND; tệp: bien-ban.pdf" */
export function evidenceText(t: ReportTaskLine): string {
  const parts = [oneLine(t.evidence), ...(t.files ?? []).map((f) => f.name)].filter(Boolean);
  return parts.join('; ');
}

/** One task in a narrative list: the content, then who and when in brackets, in one line each. */
function taskLine(t: ReportTaskLine, details: string[]): Block {
  const content = oneLine(t.content);
  const said = details.map((d) => d.trim()).filter(Boolean).join('; ');
  return item(`- ${content}`, { text: tidyPunctuation(` (${said}).`), italic: true });
}

/** A line of a task met in the period: all of it, or (a recurring task) one of its due dates. */
function completedLine(t: ReportTaskLine): Block {
  const partial = t.completedOn !== null && t.status !== 'completed_on_time' && t.status !== 'completed_late';
  return taskLine(t, [
    `chủ trì: ${leadInLine(t)}`,
    occurrencesText(t.occurrences) ?? '',
    t.completedOn ? `${partial ? 'lần gần nhất hoàn thành ngày' : 'hoàn thành ngày'} ${vnDate(t.completedOn)}` : '',
    t.status === 'completed_late' && t.dueOn ? `quá hạn so với hạn ${vnDate(t.dueOn)}` : '',
    `minh chứng: ${evidenceText(t) || 'chưa cập nhật'}`,
  ]);
}

function openLine(t: ReportTaskLine, withPhuLuc: boolean): Block {
  return taskLine(t, [
    withPhuLuc ? phuLucLabel(t.phuLuc) : '',
    `chủ trì: ${leadInLine(t)}`,
    t.dueOn ? `hạn: ${vnDate(t.dueOn)}` : `thời hạn: ${oneLine(t.deadlineText)}`,
    t.occurrences && t.occurrences.done > 0 ? (occurrencesText(t.occurrences) ?? '') : '',
  ]);
}

/** A task all of whose due dates were met by the cut-off (a partial line of a recurring task is not). */
export function isCompletedLine(t: ReportTaskLine): boolean {
  return t.status === 'completed_on_time' || t.status === 'completed_late';
}

function areaBlocks(data: ReportData, index: number, group: PhuLucGroup): Block[] {
  const out: Block[] = [heading(2, `${index}. ${group.title || phuLucLabel(group.phuLuc)} (${phuLucLabel(group.phuLuc)})`)];
  const f = group.figures;
  if (f && f.planned > 0) {
    const open: string[] = [];
    if (f.completedLate > 0) open.push(`hoàn thành nhưng quá hạn: ${count(f.completedLate)}`);
    if (f.notCompletedWithinDeadline > 0) open.push(`đang thực hiện, chưa đến hạn: ${count(f.notCompletedWithinDeadline)}`);
    if (f.overdue > 0) open.push(`quá hạn chưa hoàn thành: ${count(f.overdue)}`);
    out.push(
      para(
        `Kế hoạch đề ra ${count(f.planned)}; đã hoàn thành `,
        { text: `${f.ratio} nhiệm vụ, đạt ${f.percent}`, bold: true },
        open.length ? `; ${open.join('; ')}.` : '.',
      ),
    );
  } else {
    out.push(para('Kế hoạch không đề ra nhiệm vụ thuộc lĩnh vực này.'));
  }
  const met = data.lists.completedInPeriod.filter((t) => t.phuLuc === group.phuLuc);
  // counted as the figures count: a task is completed when all its due dates are met
  const done = met.filter(isCompletedLine);
  const partly = met.filter((t) => !isCompletedLine(t));
  if (done.length > 0) {
    out.push(para(`Các nhiệm vụ hoàn thành trong kỳ (${count(done.length)}):`));
    for (const t of done) out.push(completedLine(t));
  } else if (f && f.planned > 0) {
    out.push(para('Trong kỳ không có nhiệm vụ hoàn thành.'));
  }
  if (partly.length > 0) {
    out.push(para(`Các nhiệm vụ thực hiện nhiều lần, đã thực hiện trong kỳ nhưng chưa hoàn thành hết các lần (${count(partly.length)}):`));
    for (const t of partly) out.push(completedLine(t));
  }
  out.push(...written(data, areaKey(group.phuLuc), `kết quả cụ thể trong kỳ — ${AREA_HINTS[group.phuLuc] ?? 'kết quả thực hiện'}.`));
  return out;
}

/** Sections I–V and the closing sentence. */
export function bodyBlocks(data: ReportData): Block[] {
  const names = unitNames(data.unit.name);
  const { figures, period } = data;
  const decision = decisionCitation(data.plan.decision);
  const out: Block[] = [];

  out.push(heading(1, 'I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH'));
  out.push(heading(2, '1. Về kế hoạch cải cách hành chính'));
  out.push(
    para(
      `${names.fullName} đã ban hành ${planCitation(data, false)}`,
      decision ? ` (ban hành kèm theo ${decision})` : '',
      `, đề ra ${count(figures.planned)} thuộc ${formatCount(figures.phuLucs.length)} lĩnh vực; ` +
        'phân công công chức chuyên môn chủ trì thực hiện từng nhiệm vụ, có sản phẩm và thời hạn hoàn thành cụ thể.',
    ),
  );
  out.push(...written(data, 'chiDaoDieuHanh', 'các văn bản chỉ đạo, điều hành cải cách hành chính đã ban hành trong kỳ (số, ngày, trích yếu).'));
  out.push(heading(2, '2. Công tác kiểm tra, tuyên truyền cải cách hành chính'));
  out.push(...written(data, 'kiemTraTuyenTruyen', 'kế hoạch tự kiểm tra, số bộ phận đã kiểm tra, vấn đề phát hiện và kết quả xử lý; hình thức và kết quả tuyên truyền.'));

  out.push(heading(1, 'II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH'));
  out.push(para({ text: `${headlineText(figures)}.`, bold: true }));
  out.push(para(breakdownText(figures)));
  const cchc = cchcText(data);
  if (cchc) out.push(para({ text: cchc, bold: true }));
  out.push(para({ text: `(Chi tiết tại Biểu tổng hợp kết quả thực hiện nhiệm vụ và ${ANNEX_01B_LABEL} kèm theo.)`, italic: true }));
  phuLucGroups(data).forEach((g, i) => out.push(...areaBlocks(data, i + 1, g)));

  out.push(heading(1, 'III. ĐÁNH GIÁ CHUNG'));
  out.push(heading(2, '1. Ưu điểm'));
  out.push(...written(data, 'uuDiem', 'những mặt tích cực, kết quả nổi bật trong kỳ.'));
  out.push(heading(2, '2. Tồn tại, hạn chế và nguyên nhân'));
  if (data.lists.overdue.length > 0) {
    out.push(para(`Đến ngày ${vnDate(period.cutoff)}, còn ${count(data.lists.overdue.length)} quá hạn chưa hoàn thành:`));
    for (const t of data.lists.overdue) out.push(openLine(t, true));
  } else {
    out.push(para(`Đến ngày ${vnDate(period.cutoff)}, không có nhiệm vụ quá hạn chưa hoàn thành.`));
  }
  const late = data.tasks.filter((t) => t.status === 'completed_late');
  if (late.length > 0) {
    out.push(para(`Có ${count(late.length)} hoàn thành nhưng quá hạn:`));
    for (const t of late) {
      out.push(
        taskLine(t, [
          phuLucLabel(t.phuLuc),
          `chủ trì: ${leadInLine(t)}`,
          t.dueOn ? `hạn: ${vnDate(t.dueOn)}` : '',
          t.completedOn ? `hoàn thành ngày ${vnDate(t.completedOn)}` : '',
        ]),
      );
    }
  }
  out.push(...written(data, 'hanChe', 'các tồn tại, hạn chế khác.'));
  out.push(para({ text: 'Nguyên nhân:', italic: true }));
  out.push(...written(data, 'nguyenNhan', 'nguyên nhân của tồn tại, hạn chế (chủ quan, khách quan).'));

  out.push(heading(1, 'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI'));
  const next = data.lists.dueNextPeriod;
  if (next.length > 0) {
    out.push(
      para(
        `Các nhiệm vụ theo kế hoạch đến hạn trong kỳ tới (từ ngày ${vnDate(period.nextWindowStart)} ` +
          `đến ngày ${vnDate(period.nextWindowEnd)}):`,
      ),
    );
    for (const t of next) out.push(openLine(t, true));
  } else {
    out.push(
      para(
        `Không có nhiệm vụ của kế hoạch đến hạn trong kỳ tới (từ ngày ${vnDate(period.nextWindowStart)} ` +
          `đến ngày ${vnDate(period.nextWindowEnd)}).`,
      ),
    );
  }
  if (data.lists.overdue.length > 0) {
    out.push(para(`Tập trung hoàn thành ${count(data.lists.overdue.length)} đã quá hạn nêu tại mục III.`));
  }
  out.push(...written(data, 'phuongHuong', 'các nhiệm vụ, giải pháp trọng tâm kỳ tới.'));

  out.push(heading(1, 'V. KIẾN NGHỊ, ĐỀ XUẤT'));
  out.push(...written(data, 'kienNghi', 'kiến nghị, đề xuất với cấp trên (nếu không có, ghi "Không có").'));

  out.push(
    para(
      `Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính ${period.titleText} của ${names.fullName}./.`,
    ),
  );
  return out;
}

// ── Nơi nhận and signature ──────────────────────────────────────────────────

export const RECIPIENTS_LABEL = 'Nơi nhận:';

export function recipients(data: ReportData): string[] {
  return [`- ${data.unit.parentName ?? 'UBND cấp trên'};`, '- Chủ tịch, các PCT UBND xã;', '- Lưu: VT.'];
}

export interface Signature {
  /** "TM. ỦY BAN NHÂN DÂN" */
  onBehalf: string;
  /** "CHỦ TỊCH" (or "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" on two lines). */
  titleLines: string[];
  name: string;
}

export function signature(data: ReportData): Signature {
  return {
    onBehalf: `TM. ${AUTHORITY}`,
    titleLines: data.signer.title
      .split(/\n/)
      .map((l) => upperVi(l.trim()))
      .filter(Boolean),
    name: data.signer.name ?? '',
  };
}

// ── Tables ──────────────────────────────────────────────────────────────────

/** The report's lists with the titles the body gives them, for the tables that list them one by one. */
export function reportListSections(data: ReportData): { key: keyof ReportData['lists']; title: string; lines: ReportTaskLine[] }[] {
  const p = data.period;
  return [
    { key: 'completedInPeriod', title: `Nhiệm vụ có kết quả trong kỳ (từ ngày ${vnDate(p.windowStart)} đến ngày ${vnDate(p.windowEnd)})`, lines: data.lists.completedInPeriod },
    { key: 'notCompleted', title: `Nhiệm vụ chưa hoàn thành đến ngày ${vnDate(p.cutoff)}`, lines: data.lists.notCompleted },
    { key: 'overdue', title: `Nhiệm vụ quá hạn chưa hoàn thành đến ngày ${vnDate(p.cutoff)}`, lines: data.lists.overdue },
    { key: 'dueNextPeriod', title: `Nhiệm vụ đến hạn trong kỳ tới (từ ngày ${vnDate(p.nextWindowStart)} đến ngày ${vnDate(p.nextWindowEnd)})`, lines: data.lists.dueNextPeriod },
  ];
}

/** Columns of the task table in the DOCX and HTML documents. */
export const TASK_TABLE_HEADERS = [
  'TT',
  'Nhiệm vụ',
  'Người/Cơ quan chủ trì',
  'Hạn',
  'Kết quả',
  'Ngày hoàn thành',
  'Minh chứng',
] as const;

/** A task's cells: multi-line cells keep their lines ("\n"), which each exporter lays out as lines. */
export function taskTableCells(t: ReportTaskLine): string[] {
  const occurrences = occurrencesText(t.occurrences);
  return [
    String(t.ordinal),
    cellText(t.content),
    leadWithAssignee(t),
    dueText(t),
    occurrences ? `${statusLabel(t.status)}\n(${occurrences})` : statusLabel(t.status),
    vnDate(t.completedOn),
    [cellText(t.evidence), ...(t.files ?? []).map((f) => `Tệp: ${f.name}`)].filter(Boolean).join('\n'),
  ];
}

export function taskTableTotal(figures: Figures): string {
  return `${headlineText(figures)}. ${breakdownText(figures)}`;
}

/** Columns of the Phụ lục 01b table. */
export const ANNEX_HEADERS = ['STT', 'Chỉ tiêu thống kê', 'Đơn vị tính', 'Số liệu', 'Ghi chú'] as const;

export function annexValueText(row: AnnexRow): string {
  if (row.value === null || row.value === undefined) return '';
  if (typeof row.value === 'number') return formatNumber(row.value);
  return row.value;
}

/** Counts with dots between thousands, decimals with a comma ("1.237", "91,28"). */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return formatCount(n);
  const [whole, frac] = Math.abs(n).toFixed(2).replace(/0+$/, '').split('.');
  return `${n < 0 ? '-' : ''}${formatCount(Number(whole))}${frac ? `,${frac}` : ''}`;
}

/** "1", "2" … head a group of rows in the annex and print in bold. */
export function isAnnexGroup(row: AnnexRow): boolean {
  return /^\d+\.?$/.test(row.code.trim());
}

export const ANNEX_SOURCE_LABELS: Readonly<Record<AnnexRow['source'], string>> = {
  computed: 'Tự động',
  entered: 'Nhập tay',
};
