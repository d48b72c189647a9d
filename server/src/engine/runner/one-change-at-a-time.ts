/**
 * "One change at a time": has the last change to production got a recorded outcome yet? Decided from what the
 * timeline's command events recorded of their step when it ran (`changesProduction`, from the runbook schema), never by
 * reading the runbook again (it may have changed, moved, or be outside the workspace) nor from the step's id.
 */
import type { TimelineEvent } from '../timeline/event';

/** Events that record what a change did. `resolved` ends the incident, so nothing is pending after it either. */
const OUTCOME_KINDS: ReadonlySet<string> = new Set(['note', 'finding', 'mitigated', 'resolved']);

/** A command event that may have changed production and has no outcome logged after it. */
export interface PendingChange {
  event: TimelineEvent;
  /**
   * `true`: the event says its step changes production. `'unknown'`: the event predates the field (or was written by
   * hand) and does not say; it is treated as a change, and callers say so rather than guess either way.
   */
  changesProduction: true | 'unknown';
}

/**
 * The last command event that changed production (or may have: `changesProduction` missing) with no outcome (note,
 * finding, mitigated, resolved) logged after it, if any. Events that recorded `changesProduction: false` never count,
 * unless they also recorded `effect: changes` (a command that changes something, e.g. a `kubectl delete` under Diagnostics).
 */
export function mitigationAwaitingOutcome(events: readonly TimelineEvent[]): PendingChange | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    // A drill's step note (rehearsed, skipped, unclear) says nothing of what a change did.
    if (OUTCOME_KINDS.has(event.kind) && !(event.kind === 'note' && event.drill !== undefined)) return undefined;
    if (event.kind !== 'command-finished' && event.kind !== 'command-started') continue;
    // A step whose commands the classifier found changing something counts whatever section it sat in.
    if (event.changesProduction === true || event.effect === 'changes') return { event, changesProduction: true };
    if (event.changesProduction === undefined) return { event, changesProduction: 'unknown' };
  }
  return undefined;
}
