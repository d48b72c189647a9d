/**
 * The incident's lifecycle events as the panel and `runbooks incident` both write them: one builder per event, so the
 * editor and the terminal produce the same kinds, fields and default wording (the store then redacts and validates).
 */
import type { IncidentSeverity, TimelineEvent } from '../timeline/event';
import type { StatusPhase } from './reference';
import type { SeverityLevel } from './severities';

/** A new event without the fields the writer fills in (`ts`, `actor`). */
export type NewEvent = Omit<TimelineEvent, 'ts' | 'actor'> & { actor?: string };

/** Kinds a person adds as free text. */
export const ENTRY_KINDS = ['note', 'hypothesis', 'finding', 'decision'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export type Milestone = 'impact-started' | 'detected' | 'mitigated' | 'resolved';
export type IncidentRole = 'IC' | 'SME' | 'communications';
export const INCIDENT_ROLES: readonly IncidentRole[] = ['IC', 'SME', 'communications'];

/** A time given by a person: when, and whether it differs from now (then the event carries `at`). */
export interface When {
  ms: number;
  backdated: boolean;
}

/** The `at` field for a time: present only when back-dated. */
export function atField(when: When | undefined): { at?: string } {
  return when?.backdated ? { at: new Date(when.ms).toISOString() } : {};
}

/** Why `severity` is not one of the team's levels, or undefined when it is. */
export function severityProblem(severity: string, levels: readonly SeverityLevel[]): string | undefined {
  return levels.some((level) => level.name === severity) ? undefined : `severity must be one of ${levels.map((level) => level.name).join(', ')}`;
}

/** declared: the incident's title and first severity. */
export function declaredEvent(title: string, severity: IncidentSeverity): NewEvent {
  const clean = title.trim();
  return { kind: 'declared', title: clean, severity, text: `Declared ${severity}: ${clean}` };
}

/** role: who holds IC, SME or communications. */
export function roleEvent(role: IncidentRole, person: string, text?: string): NewEvent {
  const name = person.trim();
  return { kind: 'role', role, person: name, text: text ?? `${name} is ${role === 'IC' ? 'incident commander' : role}` };
}

/** impact-started, back-dated to when users were first affected. */
export function impactStartedEvent(when: When): NewEvent {
  return { kind: 'impact-started', ...atField(when), text: 'User impact started' };
}

/** A note, hypothesis, finding or decision. */
export function entryEvent(kind: EntryKind, text: string, when?: When): NewEvent {
  return { kind, text: text.trim(), ...atField(when) };
}

/** severity: the level in force from now on, and why. */
export function severityEvent(severity: IncidentSeverity, reason: string, when?: When): NewEvent {
  return { kind: 'severity', severity, text: reason.trim() || `Severity ${severity}`, ...atField(when) };
}

const MILESTONE_TEXT: Record<Milestone, string> = { 'impact-started': 'User impact started', detected: 'detected', mitigated: 'mitigated', resolved: 'Resolve incident' };

/** detected, mitigated (service restored) or resolved, with how it was noticed / restored / confirmed. */
export function milestoneEvent(kind: Milestone, text: string, when?: When): NewEvent {
  return { kind, text: text.trim() || MILESTONE_TEXT[kind], ...atField(when) };
}

/** status-update: the text posted, with its template's phase. */
export function statusUpdateEvent(phase: StatusPhase, text: string, when?: When): NewEvent {
  return { kind: 'status-update', phase, text: text.trim(), ...atField(when) };
}
