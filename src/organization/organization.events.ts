import { AppEvent } from '../events/app-event.js';

/** A unit's reminder settings (offsets, time of day, overdue interval) or report convention changed. */
export class UnitSettingsChanged extends AppEvent {
  static readonly eventName = 'unit.settings-changed';
  constructor(readonly unitId: number, readonly fields: string[]) {
    super();
  }
}

/** An official was added or changed (name, post, e-mail, reminder mode, active). */
export class OfficialChanged extends AppEvent {
  static readonly eventName = 'official.changed';
  constructor(readonly officialId: number, readonly unitId: number, readonly fields: string[]) {
    super();
  }
}
