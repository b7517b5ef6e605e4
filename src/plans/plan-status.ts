/** A plan's statuses and their words: pure, shared by the entity, the API and the web app. */
export const PLAN_STATUSES = ['draft', 'issued', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_STATUS_LABELS: Readonly<Record<PlanStatus, string>> = {
  draft: 'Dự thảo',
  issued: 'Đã ban hành',
  closed: 'Đã khóa sổ',
};
