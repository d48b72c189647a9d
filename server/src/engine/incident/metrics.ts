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

/** The metrics whose milestones exist; a metric with a missing milestone is left out rather than guessed. */
export function incidentMetrics(state: IncidentState): IncidentMetrics {
  const metrics: IncidentMetrics = {};
  if (state.detectedAt !== undefined && state.impactStartedAt !== undefined) metrics.mttdMs = state.detectedAt - state.impactStartedAt;
  if (state.mitigatedAt !== undefined && state.declaredAt !== undefined) metrics.mttmMs = state.mitigatedAt - state.declaredAt;
  if (state.resolvedAt !== undefined && state.impactStartedAt !== undefined) metrics.mttrMs = state.resolvedAt - state.impactStartedAt;
  return metrics;
}
