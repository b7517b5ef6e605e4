import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { EntityManager } from 'typeorm';
import { Transactions } from '../database/transactions.js';
import type { AppEvent, AppEventClass } from './app-event.js';

/**
 * Publishes the features' events once the change's transaction has committed,
 * and never when it rolls back: a task that failed to save schedules no
 * reminder. Listeners are awaited before the change's caller gets its answer,
 * so what they do (the reminders of a new task) is in place when it does.
 */
@Injectable()
export class EventBus {
  private readonly logger = new Logger('Events');

  constructor(private readonly emitter: EventEmitter2, private readonly tx: Transactions) {}

  /** `em` is the manager of the Transactions.run() that makes the change. */
  publish(em: EntityManager, event: AppEvent): void {
    this.tx.afterCommit(em, () => this.emit(event));
  }

  private async emit(event: AppEvent): Promise<void> {
    const name = (event.constructor as AppEventClass<AppEvent>).eventName;
    const results = await this.emitter.emitAsync(name, event).then(
      () => null,
      (e: Error) => e,
    );
    if (results) this.logger.error(`Lỗi khi xử lý sự kiện ${name}: ${results.message}`, results.stack);
  }
}
