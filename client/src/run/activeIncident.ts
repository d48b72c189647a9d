// Which incident a run is logged to: the active timeline, or one the user starts or picks now.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { timelineEvents } from '../../../server/src/api/incident';
import { drillRunQuestion, incidentFacts } from '../incident/activation';
import { storedActiveTimeline } from '../incident/activeTimeline';

const START = 'Start a new incident';
const OPEN = 'Log to an open incident';

/**
 * The active timeline file (absolute), asking to declare or pick an incident when there is none, and where to log when
 * the active one is a drill (a drill receives a run only when chosen); undefined = cancel.
 */
export async function activeTimelineOrAsk(context: vscode.ExtensionContext, folder: string | undefined): Promise<string | undefined> {
  const active = activeTimeline(context, folder);
  if (active) {
    const question = drillRunQuestion(incidentFacts(active, await timelineEvents(active)));
    if (!question) return active;
    const picked = await vscode.window.showQuickPick(question.items, { title: question.title, ignoreFocusOut: true });
    if (picked?.value === 'drill') return active;
    if (picked?.value !== 'other') return undefined;
    const chosen = await vscode.commands.executeCommand<string | undefined>('runbooks.switchIncident');
    return typeof chosen === 'string' && chosen !== '' ? resolve(chosen, folder) : undefined;
  }
  const choice = await vscode.window.showWarningMessage(
    'No active incident: every run is logged to an incident timeline. Start one or log to an open one?',
    { modal: true }, START, OPEN,
  );
  if (choice === undefined) return undefined;
  const chosen = await vscode.commands.executeCommand<string | undefined>(
    choice === START ? 'runbooks.declareIncident' : 'runbooks.switchIncident',
  );
  return typeof chosen === 'string' && chosen !== '' ? resolve(chosen, folder) : undefined;
}

/** The stored active timeline if its file still exists. */
export function activeTimeline(context: vscode.ExtensionContext, folder: string | undefined): string | undefined {
  const stored = storedActiveTimeline(context);
  if (!stored) return undefined;
  const file = resolve(stored, folder);
  return existsSync(file) ? file : undefined;
}

function resolve(file: string, folder: string | undefined): string {
  return path.isAbsolute(file) || !folder ? file : path.join(folder, file);
}
