/**
 * The page-safe part of the incident facade (server/src/api/incident.ts): what draws an incident's events, pure
 * functions and types with no Node import, so the timeline webview (a browser page, bundled for the browser by
 * build.mjs) takes it from here. The extension host gets the same names through the facade, which re-exports this.
 */

// The timeline event and its kinds.
export { isKnownKind, type DrillStepOutcome, type IncidentSeverity, type TimelineEvent } from '../engine/timeline/event';
// How events are told: one line each, a command's result, times and durations in UTC.
export { commandFailed, commandResult, describeEvent } from '../engine/incident/describe';
export { eventTime, formatClock, formatDuration, sortByTime } from '../engine/incident/time';
// What the panel's composer may add, and the times a person gives (back-dated or now).
export { ENTRY_KINDS, atField, type EntryKind, type Milestone, type NewEvent, type When } from '../engine/incident/events';
