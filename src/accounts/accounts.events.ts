import { AppEvent } from '../events/app-event.js';

/**
 * An account's sign-ins must end: it was locked, or its password reset by
 * someone else. Sign-in (src/sessions) ends them once the change is committed.
 */
export class AccountSignInsRevoked extends AppEvent {
  static readonly eventName = 'account.sign-ins-revoked';
  constructor(readonly userId: number, readonly reason: 'locked' | 'password_reset') {
    super();
  }
}
