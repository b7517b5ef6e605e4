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
  /** Rebuild missing reminder jobs from the database, remove those no longer wanted. */
  reconcile: 'reconcile',
  /** The 07:30 mail listing an official's tasks due within 7 days and overdue. */
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
  reconcileHourly: 'reminders-reconcile-hourly',
  digestDaily: 'reminders-digest-daily',
  reportsDaily: 'reports-daily',
  reportRemindersDaily: 'report-reminders-daily',
  sessionsDaily: 'sessions-prune-daily',
} as const;
export type SchedulerId = (typeof SCHEDULERS)[keyof typeof SCHEDULERS];
