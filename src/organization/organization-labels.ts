/**
 * A unit's and an official's setting codes (the entities store them) and
 * their words, as people read them on the page. Pure: the web app bundles it.
 */

/**
 * How a unit cuts off the data of its periodic reports: the Ministry of Home
 * Affairs' regime (15/12 of the previous year – 14th of the period's last month)
 * or plain calendar quarters.
 */
export const REPORT_CUTOFFS = ['ministry', 'calendar'] as const;
export type ReportCutoff = (typeof REPORT_CUTOFFS)[number];

/** each: one mail per reminder; digest: one mail a day listing what is due and overdue. */
export const REMINDER_MODES = ['each', 'digest'] as const;
export type ReminderMode = (typeof REMINDER_MODES)[number];

export const OFFICIAL_ROLES = ['chairman', 'vice_chairman', 'official'] as const;
export type OfficialRole = (typeof OFFICIAL_ROLES)[number];

export const REPORT_CUTOFF_LABELS: Readonly<Record<ReportCutoff, string>> = {
  ministry: 'Theo quy định của Bộ Nội vụ: số liệu tính đến ngày 14 của tháng cuối kỳ',
  calendar: 'Theo quý dương lịch: số liệu tính đến ngày cuối quý',
};

export const REMINDER_MODE_LABELS: Readonly<Record<ReminderMode, string>> = {
  each: 'Mỗi lần nhắc một thư',
  digest: 'Một thư tổng hợp mỗi sáng',
};

export const OFFICIAL_ROLE_LABELS: Readonly<Record<OfficialRole, string>> = {
  chairman: 'Chủ tịch',
  vice_chairman: 'Phó Chủ tịch',
  official: 'Công chức',
};
