/** Status updates: which template fits the incident now, and that template filled from the timeline. */
import type { TimelineEvent } from '../timeline/event';
import { cadenceOf } from './cadence';
import { statusUpdateTemplate, type StatusPhase } from './reference';
import { DEFAULT_SEVERITY_LEVELS, type SeverityLevel } from './severities';
import { incidentState } from './state';
import { formatClock, sortByTime } from './time';

const HOUR = 60 * 60_000;

/** The phase that fits the incident now: initial before any update, resolution once resolved, else progress. */
export function suggestedPhase(events: readonly TimelineEvent[]): StatusPhase {
  const state = incidentState(events);
  if (state.status === 'resolved') return 'resolution';
  return state.statusUpdates.length === 0 ? 'initial' : 'progress';
}

/**
 * The reference's template for `phase`, filled from the timeline where it knows the answer: the title as the symptom,
 * the latest finding, the resolution time, and the next update time under the severity's cadence (an hour without one).
 * Everything else stays a `[placeholder]` for the writer: scope and customer wording are judgement calls.
 */
export function prefilledUpdate(phase: StatusPhase, events: readonly TimelineEvent[], now: number, levels: readonly SeverityLevel[] = DEFAULT_SEVERITY_LEVELS): string {
  const state = incidentState(events);
  const cadence = state.severity ? cadenceOf(state.severity, levels) : undefined;
  const latestFinding = sortByTime(events).filter((event) => event.kind === 'finding').pop()?.text;
  return statusUpdateTemplate(phase, {
    symptom: state.title ? state.title.toLowerCase() : undefined,
    nextUpdate: `${formatClock(now + (cadence?.everyMs ?? HOUR))} UTC`,
    finding: latestFinding,
    resolvedAt: state.resolvedAt !== undefined ? `${formatClock(state.resolvedAt)} UTC` : undefined,
  });
}
