import { daysBetween, formatVnDate } from '../common/local-date.js';
import type { ReminderKind } from './reminder-plan.js';

export interface ReminderFacts {
  kind: ReminderKind;
  taskId: number;
  dueOn: string;
  /** The local date it goes out: a reminder sent late (after a stop, or for a task entered late) counts from it. */
  sentOn: string;
  phuLuc: number;
  ordinal: number;
  content: string;
  planTitle: string;
  assigneeName: string | null;
  link: string;
}

/** By the days really left when it is sent, not by the reminder's kind: a "day before" reminder sent on the due day says today. */
function when(f: ReminderFacts): string {
  const date = formatVnDate(f.dueOn);
  const left = daysBetween(f.sentOn, f.dueOn);
  if (f.kind.startsWith('overdue-') || left < 0) return `đã quá hạn từ ngày ${date}`;
  if (left === 0) return `đến hạn hôm nay (${date})`;
  return left === 1 ? `đến hạn ngày mai (${date})` : `đến hạn sau ${left} ngày (${date})`;
}

function shorten(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

/** The in-app notification and the mail of one reminder, in Vietnamese. */
export function reminderMessage(f: ReminderFacts, forChairman: boolean): { title: string; body: string; subject: string; text: string } {
  const overdue = f.kind.startsWith('overdue-');
  const where = `Phụ lục ${String(f.phuLuc).padStart(2, '0')}, nhiệm vụ số ${f.ordinal}`;
  const title = `${overdue ? 'Quá hạn' : 'Nhắc việc'}: ${shorten(f.content, 120)}`;
  const lead = f.assigneeName ? `Người chủ trì: ${f.assigneeName}.` : 'Nhiệm vụ chưa giao người chủ trì.';
  const body = [
    `Nhiệm vụ ${when(f)}.`,
    `${where} – ${f.planTitle}.`,
    lead,
    ...(forChairman && overdue ? ['Đồng gửi Chủ tịch UBND xã để đôn đốc.'] : []),
  ].join('\n');
  const subject = `[CCHC] ${overdue ? 'Quá hạn' : 'Nhắc việc'} – hạn ${formatVnDate(f.dueOn)}: ${shorten(f.content, 80)}`;
  const text = [
    'Kính gửi đồng chí,',
    '',
    `Nhiệm vụ sau ${when(f)}:`,
    '',
    `  ${shorten(f.content, 1000)}`,
    '',
    `  ${where}`,
    `  ${f.planTitle}`,
    `  Hạn hoàn thành: ${formatVnDate(f.dueOn)}`,
    `  ${lead}`,
    '',
    `Xem và cập nhật kết quả: ${f.link}`,
    '',
    'Thư này do hệ thống theo dõi kế hoạch cải cách hành chính gửi tự động.',
  ].join('\n');
  return { title, body, subject, text };
}

export interface DigestLine {
  dueOn: string;
  content: string;
  phuLuc: number;
  ordinal: number;
  overdue: boolean;
}

/** The 07:30 mail of an official who chose one mail a day. */
export function digestMessage(name: string, day: string, lines: DigestLine[], link: string): { subject: string; text: string } {
  const overdue = lines.filter((l) => l.overdue);
  const soon = lines.filter((l) => !l.overdue);
  const row = (l: DigestLine) => `  - [${formatVnDate(l.dueOn)}] Phụ lục ${String(l.phuLuc).padStart(2, '0')}, số ${l.ordinal}: ${shorten(l.content, 200)}`;
  return {
    subject: `[CCHC] Tổng hợp ngày ${formatVnDate(day)}: ${soon.length} việc sắp đến hạn, ${overdue.length} việc quá hạn`,
    text: [
      `Kính gửi đồng chí ${name},`,
      '',
      ...(soon.length ? ['Nhiệm vụ đến hạn trong 7 ngày tới:', ...soon.map(row), ''] : []),
      ...(overdue.length ? ['Nhiệm vụ đã quá hạn:', ...overdue.map(row), ''] : []),
      `Xem và cập nhật kết quả: ${link}`,
    ].join('\n'),
  };
}

/** The ZNS template a reminder kind goes with. */
export function zaloTemplateOf(kind: ReminderKind): 'before' | 'due' | 'overdue' {
  return kind === 'due' ? 'due' : kind.startsWith('overdue-') ? 'overdue' : 'before';
}

/**
 * The parameters of a reminder's ZNS template (each a short text, as ZNS
 * parameters are): ten_can_bo, nhiem_vu, han_hoan_thanh (dd/mm/yyyy),
 * tinh_trang, vi_tri, ke_hoach. The templates registered with Zalo use these names.
 */
export function zaloTemplateData(f: ReminderFacts, officialName: string): Record<string, string> {
  const left = daysBetween(f.sentOn, f.dueOn);
  const status = f.kind.startsWith('overdue-') || left < 0
    ? `Quá hạn ${Math.max(1, -left)} ngày`
    : left === 0 ? 'Đến hạn hôm nay' : `Còn ${left} ngày`;
  return {
    ten_can_bo: shorten(officialName, 30),
    nhiem_vu: shorten(f.content, 100),
    han_hoan_thanh: formatVnDate(f.dueOn),
    tinh_trang: status,
    vi_tri: `Phụ lục ${String(f.phuLuc).padStart(2, '0')}, số ${f.ordinal}`,
    ke_hoach: shorten(f.planTitle, 100),
  };
}
