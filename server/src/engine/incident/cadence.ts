/** When the next status update is due, under the communication cadence of the severity in force. */
import type { DefaultSeverity } from './reference';
import type { IncidentState } from './state';

const MINUTE = 60_000;

/** First update within `firstMs` of the declaration (or of a change to this severity), then every `everyMs`. */
export interface Cadence {
  firstMs: number;
  everyMs: number;
}

/** The reference's cadences: SEV1 10 then every 30 min, SEV2 20 then every 60 min; SEV3/SEV4 have none. */
export const CADENCES: Readonly<Record<DefaultSeverity, Cadence | undefined>> = {
  SEV1: { firstMs: 10 * MINUTE, everyMs: 30 * MINUTE },
  SEV2: { firstMs: 20 * MINUTE, everyMs: 60 * MINUTE },
  SEV3: undefined,
  SEV4: undefined,
};

/** The cadence of a severity; a level other than the defaults (a team's own) has none until the config names one (issue 15). */
export function cadenceOf(severity: string): Cadence | undefined {
  return Object.prototype.hasOwnProperty.call(CADENCES, severity) ? CADENCES[severity as DefaultSeverity] : undefined;
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
 * before a declaration, after resolution, or under SEV3/SEV4.
 */
export function nextStatusUpdate(state: IncidentState, now: number): StatusUpdateDue {
  if (state.declaredAt === undefined || state.severity === undefined) return { overdue: false, reason: 'no incident declared' };
  if (state.resolvedAt !== undefined) return { overdue: false, reason: 'resolved' };
  const cadence = cadenceOf(state.severity);
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
