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
