import { Injectable } from '@nestjs/common';
import { OnAppEvent } from '../events/app-event.js';
import { UnitSettingsChanged } from '../organization/organization.events.js';
import { PlanChanged, PlanClosed, PlanIssued } from '../plans/plans.events.js';
import { TasksChanged } from '../tasks/tasks.events.js';
import { ReminderScheduler } from './reminder-scheduler.service.js';

/** Keeps the reminder jobs in line with the changes other features commit. */
@Injectable()
export class RemindersListener {
  constructor(private readonly scheduler: ReminderScheduler) {}

  @OnAppEvent(TasksChanged)
  onTasks(e: TasksChanged): Promise<void> {
    return this.scheduler.syncTasks(e.taskIds);
  }

  @OnAppEvent(PlanChanged)
  onPlanChanged(e: PlanChanged): Promise<void> {
    return this.scheduler.syncPlans([e.planId]);
  }

  @OnAppEvent(PlanIssued)
  onPlanIssued(e: PlanIssued): Promise<void> {
    return this.scheduler.syncPlans([e.planId]);
  }

  @OnAppEvent(PlanClosed)
  onPlanClosed(e: PlanClosed): Promise<void> {
    return this.scheduler.syncPlans([e.planId]);
  }

  @OnAppEvent(UnitSettingsChanged)
  onUnitSettings(e: UnitSettingsChanged): Promise<void> {
    return this.scheduler.syncUnit(e.unitId);
  }
}
