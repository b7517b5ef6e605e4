/** Every queue, job name and job scheduler id of the product, in one place. */
/** The product's one queue: reminders, and the daily jobs around them (reports, digests, sessions). */
export const REMINDERS_QUEUE = 'reminders';

export const JOBS = {
  /** One reminder of one due date of one task. */
  remind: 'remind',
  /** Rebuild missing reminder jobs from the database, remove those no longer wanted. */
  reconcile: 'reconcile',
  /** The 07:30 mail listing an official's tasks due within 7 days and overdue. */
  digest: 'digest',
  /** At 07:00: the periodic reports of every plan whose period was cut off the day before. */
  reports: 'reports',
  /** At 03:00: forget sign-ins that ended (signed out, expired) more than a week ago. */
  pruneSessions: 'prune-sessions',
} as const;

/** Stable ids, so upserting at every start-up never adds a second scheduler. */
export const SCHEDULERS = {
  reconcileHourly: 'reminders-reconcile-hourly',
  digestDaily: 'reminders-digest-daily',
  reportsDaily: 'reports-daily',
  sessionsDaily: 'sessions-prune-daily',
} as const;
