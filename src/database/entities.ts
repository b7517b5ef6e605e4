import { Official } from '../organization/entities/official.entity.js';
import { Unit } from '../organization/entities/unit.entity.js';
import { PhuLuc } from '../plans/entities/phu-luc.entity.js';
import { Plan } from '../plans/entities/plan.entity.js';
import { TaskDueDate } from '../tasks/entities/task-due-date.entity.js';
import { TaskHistory } from '../tasks/entities/task-history.entity.js';
import { Task } from '../tasks/entities/task.entity.js';
import { InitialSchema1763900000000 } from './migrations/1763900000000-initial-schema.js';

/** Every entity and migration, listed by class so the build needs no globs. */
export const ENTITIES = [Unit, Official, Plan, PhuLuc, Task, TaskDueDate, TaskHistory];
export const MIGRATIONS = [InitialSchema1763900000000];
