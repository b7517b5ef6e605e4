/**
 * Every queue, job name and job scheduler id of the product, in one place.
 * The queue wiring knows these names; the features that handle the jobs
 * declare their handlers with @OnJob (src/queue/on-job.decorator.ts).
 */

/** Separate queues, so that a backlog in one never delays another. */
export const QUEUES = {
  reminders: 'reminders',
  reports: 'reports',
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  /** One reminder of one due date of one task. */
  remind: 'remind',
  /** The sweep: put the reminders due within the horizon into Redis from the database, remove those no longer wanted. */
  reconcile: 'reconcile',
  /** The daily mail listing an official's tasks due within 7 days and overdue, at the unit's reminder time. */
  digest: 'digest',
  /** At 07:00: the periodic reports of every plan whose period was cut off the day before. */
  reports: 'reports',
  /** At 08:00: remind the reporter and chairman of reports due in three days. */
  reportReminders: 'report-reminders',
  /** At 03:00: forget sign-ins that ended (signed out, expired) more than a week ago. */
  pruneSessions: 'prune-sessions',
} as const;
export type JobName = (typeof JOBS)[keyof typeof JOBS];

/** The queue each job goes on. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JOBS.remind]: QUEUES.reminders,
  [JOBS.reconcile]: QUEUES.reminders,
  [JOBS.digest]: QUEUES.reminders,
  [JOBS.reports]: QUEUES.reports,
  [JOBS.reportReminders]: QUEUES.reports,
  [JOBS.pruneSessions]: QUEUES.maintenance,
};

/** Stable ids, so upserting at every start-up never adds a second scheduler. */
export const SCHEDULERS = {
  /** Every 10 minutes (the id of the former hourly reconcile, so an upsert replaces it in place). */
  reconcileSweep: 'reminders-reconcile-hourly',
  /** Every 10 minutes: the digests of the units whose reminder time has come (the id of the former 07:30 one). */
  digestSweep: 'reminders-digest-daily',
  reportsDaily: 'reports-daily',
  reportRemindersDaily: 'report-reminders-daily',
  sessionsDaily: 'sessions-prune-daily',
} as const;
export type SchedulerId = (typeof SCHEDULERS)[keyof typeof SCHEDULERS];
