// What a run needs to know from the incident's timeline: its title and whether the last change has an outcome.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describePendingChange, incidentName, incidentState, mitigationAwaitingOutcome, timelineEvents } from '../../../server/src/api/incident';

/** The incident's name (its declared title, `DRILL: ` first for a drill), else the timeline's file name. */
export async function incidentTitle(timeline: string): Promise<string> {
  const events = await timelineEvents(timeline);
  const state = incidentState(events);
  return incidentName(state, path.basename(timeline).replace(/\.timeline\.jsonl$/, ''));
}

/**
 * Warns when the previous change to production has no recorded outcome; true when the run may go ahead. Reads only
 * the timeline: each command event says whether its step changed production, so no runbook file is opened here.
 */
export async function confirmOneChangeAtATime(timeline: string): Promise<boolean> {
  const events = await timelineEvents(timeline);
  const pending = mitigationAwaitingOutcome(events);
  if (!pending) return true;
  const { message, detail } = describePendingChange(pending);
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, 'Run anyway');
  return choice === 'Run anyway';
}
