/** "One change at a time": has the last mitigation run got a recorded outcome yet? */
import type { EventKind, TimelineEvent } from '../timeline/event';

/** Events that record what a change did. `resolved` ends the incident, so nothing is pending after it either. */
const OUTCOME_KINDS: ReadonlySet<EventKind> = new Set<EventKind>(['note', 'finding', 'mitigated', 'resolved']);

/** Step ids of mitigation sections, for events whose runbook can no longer be read. */
const MITIGATION_ID = /^(mitigation|mitigations|remediation|remediations)-\d+$/;

/** Fallback test for a mitigation command event when its runbook cannot be parsed: the step id's section slug. */
export function looksLikeMitigationStepId(stepId: string | undefined): boolean {
  return !!stepId && MITIGATION_ID.test(stepId);
}

/**
 * The last mitigation command event with no outcome (note, finding, mitigated, resolved) logged after it, if any.
 * `isMitigation` says whether a command event ran a mitigation step.
 */
export function mitigationAwaitingOutcome(
  events: readonly TimelineEvent[],
  isMitigation: (event: TimelineEvent) => boolean,
): TimelineEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (OUTCOME_KINDS.has(event.kind)) return undefined;
    if ((event.kind === 'command-finished' || event.kind === 'command-started') && isMitigation(event)) return event;
  }
  return undefined;
}
