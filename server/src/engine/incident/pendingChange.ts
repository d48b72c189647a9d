/** The one-change-at-a-time warning in words, for the editor's dialog (and any other front end). */
import type { PendingChange } from '../runner/one-change-at-a-time';

/** The warning's one-line message and its detail for a change that has no recorded outcome. */
export function describePendingChange(pending: PendingChange): { message: string; detail: string } {
  const { event } = pending;
  const step = event.step ?? 'a step';
  const at = `${event.ts.slice(11, 19)} UTC`;
  const record = 'Record what it did first (a note, a finding, or mark the incident mitigated), so the timeline shows which change helped.';
  if (pending.changesProduction === true) {
    return { message: `One change at a time: mitigation ${step} (${at}) has no recorded outcome yet.`, detail: record };
  }
  return {
    message: `One change at a time: ${step} (${at}) may have changed production and has no recorded outcome yet.`,
    detail: 'Its timeline event does not say whether the step changes production (it was written by an older Runbooks '
      + `or by hand), so it is treated as a change. ${record}`,
  };
}
