import { AppEvent } from '../events/app-event.js';

/** A plan was created, or its header changed. */
export class PlanChanged extends AppEvent {
  static readonly eventName = 'plan.changed';
  constructor(readonly planId: number, readonly unitId: number) {
    super();
  }
}

/** A plan was issued: its tasks now have reminders and count in reports. */
export class PlanIssued extends AppEvent {
  static readonly eventName = 'plan.issued';
  constructor(readonly planId: number, readonly unitId: number) {
    super();
  }
}

/** A plan was closed (khóa sổ): no more reminders. */
export class PlanClosed extends AppEvent {
  static readonly eventName = 'plan.closed';
  constructor(readonly planId: number, readonly unitId: number) {
    super();
  }
}
