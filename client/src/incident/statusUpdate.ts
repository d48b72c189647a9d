// runbooks.postStatusUpdate: initial / progress / resolution, prefilled from the reference's templates, edited, logged.
import { CADENCES } from '../../../server/src/engine/incident/cadence';
import { statusUpdateTemplate, type StatusPhase } from '../../../server/src/engine/incident/reference';
import { incidentState } from '../../../server/src/engine/incident/state';
import { formatClock, sortByTime } from '../../../server/src/engine/incident/time';
import type { TimelineEvent } from '../../../server/src/engine/timeline/event';
import { requireActive } from './milestones';
import { askText, askTime, atField, pickOne, whenFromArgument } from './prompts';
import type { IncidentSession } from './session';

export interface StatusUpdateArgs {
  phase?: StatusPhase;
  text?: string;
  at?: string;
}

const PHASES: { value: StatusPhase; label: string; detail: string }[] = [
  { value: 'initial', label: 'Initial', detail: 'We are investigating reports of [symptom] affecting [scope]...' },
  { value: 'progress', label: 'Progress', detail: 'Our team has identified [finding]. We are implementing a fix...' },
  { value: 'resolution', label: 'Resolution', detail: 'The issue affecting [service] has been resolved as of [time]...' },
];

/** The phase that fits the incident now: initial before any update, resolution once resolved, else progress. */
export function suggestedPhase(events: readonly TimelineEvent[]): StatusPhase {
  const state = incidentState(events);
  if (state.status === 'resolved') return 'resolution';
  return state.statusUpdates.length === 0 ? 'initial' : 'progress';
}

/** The template for `phase` filled from the timeline: title as symptom, latest finding, next update time, resolution time. */
export function prefilledUpdate(phase: StatusPhase, events: readonly TimelineEvent[], now: number): string {
  const state = incidentState(events);
  const cadence = state.severity ? CADENCES[state.severity] : undefined;
  const nextUpdate = `${formatClock(now + (cadence?.everyMs ?? 60 * 60_000))} UTC`;
  const latestFinding = sortByTime(events).filter((event) => event.kind === 'finding').pop()?.text;
  return statusUpdateTemplate(phase, {
    symptom: state.title ? state.title.toLowerCase() : undefined,
    nextUpdate,
    finding: latestFinding,
    resolvedAt: state.resolvedAt !== undefined ? `${formatClock(state.resolvedAt)} UTC` : undefined,
  });
}

/** Posts a status update: pick the phase, edit the prefilled text, log it (back-dating allowed). */
export async function postStatusUpdate(session: IncidentSession, args: StatusUpdateArgs = {}): Promise<boolean> {
  if (!(await requireActive(session))) return false;
  const events = session.snapshot?.events ?? [];
  const scripted = args.text !== undefined;
  const suggested = suggestedPhase(events);
  const phase = args.phase ?? await pickOne('Post status update', [...PHASES].sort((a, b) => Number(b.value === suggested) - Number(a.value === suggested)));
  if (!phase) return false;
  const text = args.text ?? await askText(`Status update (${phase}): edit, then Enter to log it`, {
    value: prefilledUpdate(phase, events, Date.now()),
    prompt: 'Replace every [placeholder]. Plain language, no speculation about root cause, always a time for the next update.',
    required: true,
  });
  if (!text?.trim()) return false;
  let when;
  if (scripted) when = whenFromArgument(args.at);
  else {
    const asked = await askTime('When was it posted?');
    if (asked === undefined || asked === 'skip') return false;
    when = asked;
  }
  await session.log({ kind: 'status-update', phase, text: text.trim(), ...atField(when) });
  return true;
}
