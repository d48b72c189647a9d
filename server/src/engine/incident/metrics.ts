/** The incident time metrics of the reference: MTTD, MTTM, MTTR. */
import type { IncidentState } from './state';

export interface IncidentMetrics {
  /** Time to detect: detected - impact started (ms); only when both events exist. */
  mttdMs?: number;
  /** Time to mitigate: mitigated - declared (ms); only when both events exist. */
  mttmMs?: number;
  /** Time to recover: resolved - impact started (ms); only when both events exist. */
  mttrMs?: number;
}

/** The longest a metric of a real incident can be: a year. Longer, or negative, is a wrong clock or a typo. */
export const MAX_METRIC_MS = 366 * 86_400_000;

/** Why a metric cannot be a real duration (`negative`, `longer than a year`), or undefined when it can. */
export function impossibleDuration(ms: number): string | undefined {
  if (!Number.isFinite(ms)) return 'not a time';
  if (ms < 0) return 'negative';
  if (ms > MAX_METRIC_MS) return 'longer than a year';
  return undefined;
}

/** The metrics whose milestones exist; a metric with a missing milestone is left out rather than guessed. */
export function incidentMetrics(state: IncidentState): IncidentMetrics {
  const metrics: IncidentMetrics = {};
  if (state.detectedAt !== undefined && state.impactStartedAt !== undefined) metrics.mttdMs = state.detectedAt - state.impactStartedAt;
  if (state.mitigatedAt !== undefined && state.declaredAt !== undefined) metrics.mttmMs = state.mitigatedAt - state.declaredAt;
  if (state.resolvedAt !== undefined && state.impactStartedAt !== undefined) metrics.mttrMs = state.resolvedAt - state.impactStartedAt;
  return metrics;
}

/** A milestone the metrics need that nobody recorded, with what it costs (for the panel's banner and the postmortem). */
export interface MissingMilestone {
  kind: 'impact-started' | 'detected';
  /** "Impact start not recorded: MTTD and MTTR unknown". */
  message: string;
}

/**
 * The milestones still to record: the impact start (MTTD and MTTR need it) and the detection (MTTD needs it). Asked
 * again until set, because skipping them while declaring is easy and the metrics are then silently gone. A drill
 * rehearses a runbook, not detection: nothing is asked of it.
 */
export function missingMilestones(state: IncidentState): MissingMilestone[] {
  if (state.drill) return [];
  const missing: MissingMilestone[] = [];
  if (state.impactStartedAt === undefined) missing.push({ kind: 'impact-started', message: 'Impact start not recorded: MTTD and MTTR unknown' });
  if (state.detectedAt === undefined) missing.push({ kind: 'detected', message: 'Detection not recorded: MTTD unknown' });
  return missing;
}
