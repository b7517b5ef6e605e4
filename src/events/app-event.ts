import { OnEvent } from '@nestjs/event-emitter';

/**
 * An event one feature publishes and others react to. Each event class names
 * itself once (`static readonly eventName`), and publishers and listeners both
 * refer to the class, never to the string.
 */
export abstract class AppEvent {
  static readonly eventName: string;
}

export type AppEventClass<E extends AppEvent> = (abstract new (...args: never[]) => E) & { readonly eventName: string };

/**
 * Marks a method as a listener of an event published after a commit. Errors
 * are not swallowed here: the bus logs them, so a failing listener is seen
 * and the change that caused it still stands.
 */
export const OnAppEvent = <E extends AppEvent>(type: AppEventClass<E>): MethodDecorator =>
  OnEvent(type.eventName, { suppressErrors: false });
