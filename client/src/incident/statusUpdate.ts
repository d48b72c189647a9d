// runbooks.postStatusUpdate: initial / progress / resolution, prefilled from the reference's templates, edited, logged.
import { prefilledUpdate, statusUpdateEvent, suggestedPhase, type StatusPhase } from '../../../server/src/api/incident';
import { requireActive } from './milestones';
import { askText, askTime, pickOne, whenFromArgument } from './prompts';
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

/** Posts a status update: pick the phase, edit the prefilled text, log it (back-dating allowed). */
export async function postStatusUpdate(session: IncidentSession, args: StatusUpdateArgs = {}): Promise<boolean> {
  if (!(await requireActive(session))) return false;
  const events = session.snapshot?.events ?? [];
  const scripted = args.text !== undefined;
  const suggested = suggestedPhase(events);
  const phase = args.phase ?? await pickOne('Post status update', [...PHASES].sort((a, b) => Number(b.value === suggested) - Number(a.value === suggested)));
  if (!phase) return false;
  const text = args.text ?? await askText(`Status update (${phase}): edit, then Enter to log it`, {
    value: prefilledUpdate(phase, events, Date.now(), session.snapshot?.levels),
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
  await session.log(statusUpdateEvent(phase, text, when));
  return true;
}
