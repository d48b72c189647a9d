/** When the next status update is due, under the communication cadence of the severity in force. */
import { DEFAULT_SEVERITY_LEVELS, levelNamed, type SeverityLevel } from './severities';
import type { IncidentState } from './state';

const MINUTE = 60_000;

/** First update within `firstMs` of the declaration (or of a change to this severity), then every `everyMs`. */
export interface Cadence {
  firstMs: number;
  everyMs: number;
}

/**
 * The cadence of a severity under the team's levels (default: the reference's, SEV1 10 then every 30 min, SEV2 20
 * then every 60 min, SEV3/SEV4 none); a name the levels do not have has none.
 */
export function cadenceOf(severity: string, levels: readonly SeverityLevel[] = DEFAULT_SEVERITY_LEVELS): Cadence | undefined {
  const level = levelNamed(levels, severity);
  if (!level?.updateEveryMs) return undefined;
  return { firstMs: level.firstUpdateMs ?? level.updateEveryMs, everyMs: level.updateEveryMs };
}

export interface StatusUpdateDue {
  /** When the next update is due (ms since the epoch); absent when none is due. */
  dueAt?: number;
  /** True when `now` is past `dueAt`. */
  overdue: boolean;
  /** Why nothing is due, or which rule set `dueAt`, in words for a tooltip. */
  reason: string;
}

/**
 * The next status update due at `now`. A severity change restarts the cadence at the change: the first update of the
 * new severity is due within its first-update window, later ones every interval after the latest update. Nothing is due
 * before a declaration, after resolution, or under a level without a cadence (SEV3/SEV4 by default).
 */
export function nextStatusUpdate(state: IncidentState, now: number, levels: readonly SeverityLevel[] = DEFAULT_SEVERITY_LEVELS): StatusUpdateDue {
  if (state.declaredAt === undefined || state.severity === undefined) return { overdue: false, reason: 'no incident declared' };
  if (state.resolvedAt !== undefined) return { overdue: false, reason: 'resolved' };
  const cadence = cadenceOf(state.severity, levels);
  if (!cadence) return { overdue: false, reason: `${state.severity} has no status update cadence` };
  const changedAt = state.severityHistory[state.severityHistory.length - 1]?.at ?? state.declaredAt;
  const updatesSince = state.statusUpdates.filter((update) => update.at >= changedAt);
  const latest = updatesSince[updatesSince.length - 1];
  const dueAt = latest ? latest.at + cadence.everyMs : changedAt + cadence.firstMs;
  const reason = latest
    ? `${state.severity}: every ${cadence.everyMs / MINUTE} min after the last update`
    : `${state.severity}: first update within ${cadence.firstMs / MINUTE} min`;
  return { dueAt, overdue: now > dueAt, reason };
}
