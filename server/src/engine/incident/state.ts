/** The state of an incident, folded from its timeline events. */
import type { IncidentSeverity, TimelineEvent } from '../timeline/event';
import { eventTime, sortByTime } from './time';

export type IncidentStatus = 'investigating' | 'mitigated' | 'resolved';
export type IncidentRole = 'IC' | 'SME' | 'communications';

/** One change of severity: the declaration or a re-declaration. */
export interface SeverityChange {
  severity: IncidentSeverity;
  /** ms since the epoch. */
  at: number;
}

export interface IncidentState {
  /** The declared title, '' when the timeline has no declaration. */
  title: string;
  /** True when the first declaration says the incident is a drill (`drill: true`). */
  drill: boolean;
  /** A drill's runbook (workspace-relative path), from its declaration. */
  drillRunbook?: string;
  /** The severity in force (the latest declared or re-declared one in time order). */
  severity?: IncidentSeverity;
  severityHistory: SeverityChange[];
  status: IncidentStatus;
  /** Who holds each role now (the latest assignment wins); SMEs accumulate. */
  ic?: string;
  communications?: string;
  smes: string[];
  /** Milestones in ms since the epoch, each only when its event exists. */
  declaredAt?: number;
  impactStartedAt?: number;
  detectedAt?: number;
  mitigatedAt?: number;
  resolvedAt?: number;
  /** Status updates posted (time order). */
  statusUpdates: { at: number; phase?: string }[];
}

/**
 * Folds events (any order) into the incident's state. Milestones use the back-dated `at` when present.
 * The earliest impact start and detection count; the latest mitigation and resolution count, because a later one
 * supersedes an earlier one that did not hold.
 */
export function incidentState(events: readonly TimelineEvent[]): IncidentState {
  const state: IncidentState = { title: '', drill: false, severityHistory: [], status: 'investigating', smes: [], statusUpdates: [] };
  for (const event of sortByTime(events)) {
    const at = eventTime(event);
    if (Number.isNaN(at)) continue;
    switch (event.kind) {
      case 'declared':
        if (state.declaredAt === undefined) {
          state.declaredAt = at;
          state.title = (event.title ?? event.text).trim();
          state.drill = event.drill === true;
          if (state.drill && event.runbook) state.drillRunbook = event.runbook;
        }
        recordSeverity(state, event.severity, at);
        break;
      case 'severity':
        recordSeverity(state, event.severity, at);
        break;
      case 'role':
        recordRole(state, event.role, event.person);
        break;
      case 'impact-started':
        state.impactStartedAt ??= at;
        break;
      case 'detected':
        state.detectedAt ??= at;
        break;
      case 'mitigated':
        state.mitigatedAt = at;
        break;
      case 'resolved':
        state.resolvedAt = at;
        break;
      case 'status-update':
        state.statusUpdates.push({ at, phase: event.phase });
        break;
      default:
        break;
    }
  }
  state.status = state.resolvedAt !== undefined ? 'resolved' : state.mitigatedAt !== undefined ? 'mitigated' : 'investigating';
  return state;
}

/** How an incident is named wherever it is shown: its title, `DRILL: ` first for a drill. */
export function incidentName(state: Pick<IncidentState, 'title' | 'drill'>, untitled = 'Untitled incident'): string {
  const title = state.title || untitled;
  return state.drill ? `DRILL: ${title}` : title;
}

function recordSeverity(state: IncidentState, severity: IncidentSeverity | undefined, at: number): void {
  if (severity === undefined || severity === state.severity) return;
  state.severity = severity;
  state.severityHistory.push({ severity, at });
}

function recordRole(state: IncidentState, role: IncidentRole | undefined, person: string | undefined): void {
  const who = person?.trim();
  if (!who) return;
  if (role === 'IC') state.ic = who;
  else if (role === 'communications') state.communications = who;
  else if (role === 'SME' && !state.smes.includes(who)) state.smes.push(who);
}
