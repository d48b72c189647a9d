/**
 * The incident facade: everything the VS Code extension host (client/src) asks of the incident domain, in one module.
 * The client imports the engine only through here (and the LSP names through server/src/protocol); the engine modules
 * behind it move and change freely. test/unit/client-boundary.test.ts fails on any other client import of server/src.
 * Sections: timelines (read, append, paths, who), incident state and its measures, new events, status updates, steps
 * (placeholders, runs logged), drills, postmortems and reports, sharing and the channel, credentials redaction.
 */
import { readTimelineFile } from '../engine/timeline/store';
import type { TimelineEvent } from '../engine/timeline/event';

// What a page draws with (also the webview's whole view of the domain).
export * from './incident-view';

// Timelines: read (tolerant), append (validated, redacted, locked), where new ones go, who writes.
export { appendEvent, incidentTitle, nowIso, readTimelineFile, type BadLine, type FlaggedEvent } from '../engine/timeline/store';
export { uniqueTimelinePath } from '../engine/timeline/paths';
export { resolveActor, resolveActorWithSource, type ActorSource } from '../engine/timeline/actor';
export { resolveRecordedRunbook } from '../engine/timeline/runbook-path';

/** A timeline's events, or none when the file cannot be read (the callers that only look treat both alike). */
export function timelineEvents(file: string): Promise<TimelineEvent[]> {
  return readTimelineFile(file).then((read) => read.events, () => []);
}

// The incident's state and what is measured of it.
export { incidentName, incidentState } from '../engine/incident/state';
export { nextStatusUpdate } from '../engine/incident/cadence';
export { incidentMetrics, missingMilestones } from '../engine/incident/metrics';
export { pairedCommandStarts } from '../engine/incident/commands';
export { activeResponders } from '../engine/incident/responders';
export { DEFAULT_SEVERITY_LEVELS, type SeverityLevel } from '../engine/incident/severities';
export { parseWhen } from '../engine/incident/when';
export type { IncidentHistory, IncidentSummary, SeveritySummary } from '../engine/incident/history';
export type { MetricSummary } from '../engine/incident/stats';

// New events of the lifecycle, and status updates from the reference's templates.
export { declaredEvent, entryEvent, impactStartedEvent, milestoneEvent, roleEvent, severityEvent, statusUpdateEvent } from '../engine/incident/events';
export { prefilledUpdate, suggestedPhase } from '../engine/incident/statusUpdate';
export type { StatusPhase } from '../engine/incident/reference';

// Steps: their blanks, how a command is logged, one change at a time, a run logged to the timeline.
export { findPlaceholders, loggedCommand, looksSecret, placeholderSpellings, placeholderValues } from '../engine/steps/placeholders';
export { variableAssignments } from '../engine/steps/assignments';
export { describeRunResult, mitigationAwaitingOutcome, runStepLogged, workspaceRelativePath, type RunResult } from '../engine/runner/index';
export { describePendingChange } from '../engine/incident/pendingChange';

// Drills: the declaration, the walk's notes, progress and the report.
export { appendDrillEvent, drillDeclaredEvent, drillReportPath, drillStepNote } from '../engine/drills/events';
export { drillProgress } from '../engine/drills/progress';
export { renderDrillReport } from '../engine/drills/report';
export { todayUtc } from '../engine/stale';

// Postmortems and reports: drafted redacted, written crash-safe.
export { redactedPostmortem } from '../engine/incident/redacted';
export { writePostmortemFile } from '../engine/incident/postmortemFile';
export { redactSecrets } from '../engine/credentials/index';

// How the incident travels: the config that names the sharing remote and the channel, and those services.
export { ConfigLoader, effectiveConfig } from '../engine/config/project';
export { incidentServices, type IncidentServices } from '../engine/incident/services';
