// Messages between the extension host and the timeline webview. Plain data only: both sides import this file.
import type { EntryKind, IncidentSeverity, TimelineEvent } from '../../../server/src/api/incident-view';

/** Unreadable lines listed one by one; a file with more (200,000 garbage lines, say) gets a count, not 200,000 nodes. */
export const MAX_BAD_LINES_SHOWN = 100;

/** Kinds the panel's input box can add. */
export { ENTRY_KINDS, type EntryKind } from '../../../server/src/api/incident-view';

/** Lifecycle commands the panel's buttons may ask the extension to run (anything else is ignored). */
export const PANEL_COMMANDS = [
  'runbooks.declareIncident', 'runbooks.switchIncident', 'runbooks.postStatusUpdate', 'runbooks.setSeverity',
  'runbooks.assignRole', 'runbooks.markImpactStarted', 'runbooks.markDetected', 'runbooks.markMitigated', 'runbooks.resolveIncident', 'runbooks.exportPostmortem',
] as const;
export type PanelCommand = (typeof PANEL_COMMANDS)[number];

/** What the header shows, computed by the engine in the extension host. */
export interface PanelHeader {
  /** The incident's name: its title, `DRILL: ` first for a drill. */
  title: string;
  /** The incident is a drill (a rehearsal): the header says DRILL. */
  drill?: boolean;
  severity?: IncidentSeverity;
  status: 'investigating' | 'mitigated' | 'resolved';
  ic?: string;
  declaredAt?: number;
  resolvedAt?: number;
  mttdMs?: number;
  mttmMs?: number;
  mttrMs?: number;
  /** Milestones the metrics need that are not recorded yet: a banner each, with a button to record it (back-dated). */
  missing?: { kind: 'impact-started' | 'detected'; message: string }[];
  /** Next status update due (ms since the epoch) and the rule behind it. */
  dueAt?: number;
  dueReason: string;
}

/** Who takes part and how the timeline travels: sharing through git, the incident channel. */
export interface PanelTeam {
  /** Actors with an event in the last 15 minutes, most recent first, with their machines. */
  active: { actor: string; hosts: string[]; lastAt: number }[];
  /** Present when the workspace shares timelines through git. */
  sharing?: { unshared: number; lastSyncAt?: number; error?: string };
  /** Messages the incident channel gave up on (the events are in the timeline). */
  channelFailures?: { text: string; reason: string }[];
  /** Why a configured channel is off (its variable is not set). */
  channelProblem?: string;
}

/** Everything the panel draws. `events` are in time order; `bad` are lines of the file that could not be read. */
export interface PanelModel {
  /** The timeline file, workspace-relative for display; undefined when no incident is active. */
  file?: string;
  header?: PanelHeader;
  events: TimelineEvent[];
  /** The first MAX_BAD_LINES_SHOWN unreadable lines; `badCount` says how many there are in all. */
  bad: { line: number; reason: string }[];
  badCount: number;
  /** Events shown although the schema rejects them: index into the whole `events` list, file line, what is wrong. */
  flagged: { index: number; line: number; reason: string }[];
  /** Indexes (into `events`) of command-started events whose command-finished is also in the list. */
  pairedStarts: number[];
  /** The host's clock when the model was made, so countdowns do not depend on the webview's clock. */
  hostNow: number;
  /** A message to show instead of the timeline, e.g. the file cannot be read. */
  problem?: string;
  /** Responders and sharing; absent when no incident is active. */
  team?: PanelTeam;
}

/**
 * The model to draw. With `appendFrom`, `model.events` holds only the events after the first `appendFrom` the page
 * already has (a timeline that grew at the end, the common case, costs one event instead of the whole list).
 */
/** Identity of an event for "did the timeline only grow at the end?" checks on both sides. */
export function eventKey(event: TimelineEvent): string {
  if (event.id) return event.id;
  return `${event.ts}\u0000${event.kind}\u0000${event.actor}\u0000${event.text.length}\u0000${event.at ?? ''}`;
}

export type ToWebview = { type: 'model'; model: PanelModel; appendFrom?: number };

export type FromWebview =
  /** The page loaded (or lost track of the events): send the whole model. */
  | { type: 'ready' }
  | { type: 'addEntry'; kind: EntryKind; text: string }
  | { type: 'openStep'; runbook: string; step: string; command: string }
  | { type: 'command'; command: PanelCommand };
