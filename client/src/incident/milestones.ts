// runbooks.addEntry, setSeverity, assignRole, markDetected, markMitigated, resolveIncident: one event each.
import * as vscode from 'vscode';
import { entryEvent, incidentState, milestoneEvent, roleEvent, severityEvent, type IncidentSeverity, type Milestone } from '../../../server/src/api/incident';
import { ENTRY_KINDS, type EntryKind } from '../timeline/protocol';
import { askText, askTime, pickOne, pickSeverity, whenFromArgument, type When } from './prompts';
import type { IncidentSession } from './session';

/** Arguments that skip the questions; `at` is a time as typed (now, HH:MM, -15m, ISO). */
export interface EntryArgs {
  kind?: EntryKind;
  text?: string;
  at?: string;
  severity?: IncidentSeverity;
  role?: 'IC' | 'SME' | 'communications';
  person?: string;
}

/** The active timeline, or undefined after offering to declare or switch. */
export async function requireActive(session: IncidentSession): Promise<string | undefined> {
  if (session.file) return session.file;
  const choice = await vscode.window.showWarningMessage('No active incident.', 'Declare incident', 'Switch incident');
  if (choice) await vscode.commands.executeCommand(choice === 'Declare incident' ? 'runbooks.declareIncident' : 'runbooks.switchIncident');
  return session.file;
}

/** A time from the arguments, or asked for; 'cancel' when the question was dismissed. */
async function timeFor(args: EntryArgs, scripted: boolean, what: string): Promise<When | undefined | 'cancel'> {
  if (scripted) return whenFromArgument(args.at);
  const asked = await askTime(what);
  return asked === undefined || asked === 'skip' ? 'cancel' : asked;
}

/** Adds a note, hypothesis, finding or decision. */
export async function addEntry(session: IncidentSession, args: EntryArgs = {}): Promise<boolean> {
  if (!(await requireActive(session))) return false;
  const scripted = args.text !== undefined;
  const kind = args.kind ?? (scripted ? 'note' : await pickOne('Add to the timeline', ENTRY_KINDS.map((value) => ({
    value, label: value, detail: ENTRY_DETAILS[value],
  }))));
  if (!kind || !ENTRY_KINDS.includes(kind)) return false;
  const text = args.text ?? await askText(`Add ${kind}`, { required: true });
  if (!text?.trim()) return false;
  const when = await timeFor(args, scripted, `When (${kind})?`);
  if (when === 'cancel') return false;
  await session.log(entryEvent(kind, text, when));
  return true;
}

const ENTRY_DETAILS: Record<EntryKind, string> = {
  note: 'Something observed or done',
  hypothesis: 'A possible cause to test, one at a time',
  finding: 'A confirmed fact (what the data shows)',
  decision: 'A go/no-go call, e.g. which mitigation to apply',
};

/** Re-declares the severity; the status-update cadence follows from this event on. */
export async function setSeverity(session: IncidentSession, args: EntryArgs = {}): Promise<boolean> {
  const file = await requireActive(session);
  if (!file) return false;
  const scripted = args.severity !== undefined;
  const current = incidentState(session.snapshot?.events ?? []).severity;
  const levels = await session.levels.levelsFor(file);
  const severity = args.severity ?? await pickSeverity('Set severity', levels, current);
  if (!severity || !levels.some((level) => level.name === severity)) return false;
  const reason = scripted ? args.text ?? '' : await askText(`Why ${severity}?`, { prompt: 'What changed (scope, error rate, users affected)' });
  if (reason === undefined) return false;
  const when = await timeFor(args, scripted, `Since when is it ${severity}?`);
  if (when === 'cancel') return false;
  await session.log(severityEvent(severity, reason, when));
  return true;
}

/** Assigns the incident commander, a subject matter expert, or the communications lead. */
export async function assignRole(session: IncidentSession, args: EntryArgs = {}): Promise<boolean> {
  if (!(await requireActive(session))) return false;
  const role = args.role ?? await pickOne('Assign role', [
    { value: 'IC' as const, label: 'Incident commander (IC)', detail: 'Coordinates, delegates, decides; does not type commands' },
    { value: 'SME' as const, label: 'Subject matter expert (SME)', detail: 'Investigates and applies mitigations' },
    { value: 'communications' as const, label: 'Communications', detail: 'Writes status updates for stakeholders' },
  ]);
  if (!role) return false;
  const person = args.person ?? await askText(`Who is ${role}?`, { required: true });
  if (!person?.trim()) return false;
  await session.log(roleEvent(role, person, args.text));
  return true;
}

const MILESTONE_QUESTIONS: Record<Milestone, { title: string; prompt: string; when: string }> = {
  'impact-started': { title: 'Record impact start', prompt: 'What did users notice first?', when: 'When did user impact start? (back-dated: -25m, 09:40)' },
  detected: { title: 'Mark detected', prompt: 'How was it noticed (alert name, user report)?', when: 'When was it detected?' },
  mitigated: { title: 'Mark mitigated', prompt: 'What restored service (rollback, flag off, traffic shift)?', when: 'When was service restored?' },
  resolved: { title: 'Resolve incident', prompt: 'How was healthy confirmed?', when: 'When was it resolved?' },
};

/** Logs a milestone: impact started or detected (both usually back-dated), mitigated (service restored) or resolved. */
export async function markMilestone(session: IncidentSession, kind: Milestone, args: EntryArgs = {}): Promise<boolean> {
  if (!(await requireActive(session))) return false;
  const scripted = args.text !== undefined || args.at !== undefined;
  const question = MILESTONE_QUESTIONS[kind];
  const text = scripted ? args.text ?? '' : await askText(question.title, { prompt: question.prompt });
  if (text === undefined) return false;
  const when = await timeFor(args, scripted, question.when);
  if (when === 'cancel') return false;
  await session.log(milestoneEvent(kind, text, when));
  if (kind === 'resolved' && !scripted) {
    const next = await vscode.window.showInformationMessage('Incident resolved.', 'Post resolution update', 'Export postmortem draft');
    if (next === 'Post resolution update') await vscode.commands.executeCommand('runbooks.postStatusUpdate', { phase: 'resolution' });
    if (next === 'Export postmortem draft') await vscode.commands.executeCommand('runbooks.exportPostmortem');
  }
  return true;
}
