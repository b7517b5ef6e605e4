import { AppEvent } from '../events/app-event.js';

/** Tasks were created or changed (content, deadline, assignee, completion, cancellation). */
export class TasksChanged extends AppEvent {
  static readonly eventName = 'tasks.changed';
  constructor(readonly taskIds: number[], readonly planId: number) {
    super();
  }
}
