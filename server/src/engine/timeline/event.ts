/** One event of an incident timeline: one line of a `.timeline.jsonl` file (schemas/timeline.schema.json). */

export const EVENT_KINDS = [
  'declared', 'severity', 'role', 'impact-started', 'detected', 'note', 'hypothesis', 'finding', 'decision',
  'command-started', 'command-finished', 'status-update', 'mitigated', 'resolved',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
/**
 * A kind this version does not know, read from a file another tool or a newer version wrote: readers show it
 * (flagged), writers never produce it (the schema's enum). The brand keeps the known kinds' names in completions.
 */
export type UnknownKind = string & { readonly unknownKind?: never };

/** True for a kind this version knows. */
export function isKnownKind(kind: string): kind is EventKind {
  return (EVENT_KINDS as readonly string[]).includes(kind);
}

/** The default severity levels (the reference's SEV1-SEV4), offered by the pickers until the config names others. */
export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
/**
 * A severity: any short name (`SEV2`, a team's `s1`): the team's config will name its levels (issue 15), so neither
 * the schema nor a reader limits it to SEV1-SEV4.
 */
export type IncidentSeverity = string;

/** What a responder did with a step in a drill without running it, or flagged about it. */
export type DrillStepOutcome = 'rehearsed' | 'skipped' | 'unclear';

/**
 * A drill's record of a step on a `note`: rehearsed without running (with what they would have done), skipped, or
 * flagged as unclear (with what is unclear). The note's `runbook`, `step` and `command` (the step's commands then)
 * say which step; its `text` says the same in words, so a reader that knows nothing of drills shows a plain note.
 */
export interface DrillStepRecord {
  outcome: DrillStepOutcome;
  /** What they would have done (rehearsed), why it was skipped, or what is unclear, as typed (secrets redacted). */
  note?: string;
}

export interface TimelineEvent {
  /** ISO-8601 UTC with milliseconds, e.g. 2026-11-26T16:35:51.123Z. */
  ts: string;
  /** A ULID given on write: readers and sharing dedupe by it (files written before ids have none). */
  id?: string;
  actor: string;
  kind: EventKind | UnknownKind;
  text: string;
  /** declared: the incident's title. */
  title?: string;
  /** declared, severity: the severity in force from this event on. */
  severity?: IncidentSeverity;
  /** role: which role (IC, SME, communications) and who holds it. */
  role?: 'IC' | 'SME' | 'communications';
  person?: string;
  /** status-update: which template. */
  phase?: 'initial' | 'progress' | 'resolution';
  /** When the event happened, if back-dated: `ts` stays the time it was logged. */
  at?: string;
  /** declared: `true` for a drill (a rehearsal of a runbook, not a real incident); note: a drill's record of a step. */
  drill?: true | DrillStepRecord;
  /** command-started, command-finished (and a drill's declared and step notes) */
  runbook?: string;
  step?: string;
  /** command events: the schema's section key of the step, when it is in a known section. */
  section?: string;
  /** command events: the schema said the step's section changes production. */
  changesProduction?: boolean;
  /** command events: what the command classifier said the step does when it ran (steps/effect.ts). */
  effect?: 'read-only' | 'changes' | 'unknown';
  /** command events: the commands that decided `effect`, and why. */
  effectReasons?: { command: string; effect: 'read-only' | 'changes' | 'unknown'; why: string }[];
  command?: string;
  cwd?: string;
  /** The machine it was logged on (every event this version writes; command events always). */
  host?: string;
  /** command-finished: null when the exit code is not known (killed by a signal, never started). */
  exitCode?: number | null;
  durationMs?: number;
  output?: string;
  cancelled?: boolean;
  timedOut?: boolean;
}
