/**
 * The shapes of the API's answers the views read: taken from the types
 * generated from the server's OpenAPI document (npm run api:types →
 * web/src/api/schema.d.ts), so a change of an answer breaks the page's build.
 */
import type { components } from './api/schema.js';

type S = components['schemas'];

export type Me = S['MeDto'];
export type DueDate = S['DueDateDto'];
export type Task = S['TaskDto'];
export type Unassigned = S['UnassignedTaskDto'];
export type PlanSummary = S['PlanDto'];
export type Plan = S['PlanBookDto'];
export type PlanTaskPage = S['PlanTaskPageDto'];
export type OfficialTaskPage = S['OfficialTaskPageDto'];
export type Progress = S['PlanProgressDto'];
export type Rollup = S['RollupDto'];
export type UnitRow = S['UnitRowDto'];
export type UnitPage = S['UnitPageDto'];
export type OfficialPage = S['OfficialPageDto'];
export type AccountRow = S['UserRowDto'];
export type AccountPage = S['UserPageDto'];
export type RollupRow = S['RollupRowDto'];
export type PlanOverview = S['PlanOverviewDto'];
export type Official = S['OfficialDto'];
export type Notice = S['NotificationDto'];
export type TaskHistoryEntry = S['TaskHistoryEntryDto'];
export type TaskNote = S['TaskNoteDto'];
export type EvidenceFile = S['EvidenceAnswer'];
export type ScheduledReminder = S['ScheduledReminderDto'];
export type ParsedDeadline = S['ScheduleDto'];
export type ZaloStatus = S['ZaloStatusDto'];
export type ZaloAccountStatus = S['ZaloAccountStatusDto'];
export type ZaloUnitSettings = S['ZaloUnitSettingsDto'];
