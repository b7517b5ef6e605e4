import { Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { EventBus } from './event-bus.js';

/** The after-commit event bus, over @nestjs/event-emitter; import it where events are published. */
@Module({
  imports: [EventEmitterModule.forRoot({ global: false, wildcard: false })],
  providers: [EventBus],
  exports: [EventBus],
})
export class EventsModule {}
