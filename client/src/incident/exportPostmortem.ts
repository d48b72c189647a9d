// runbooks.exportPostmortem: writes <timeline>.postmortem.md beside the timeline and opens it.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { readTimelineFile, redactedPostmortem, writePostmortemFile } from '../../../server/src/api/incident';
import { displayPath } from './folders';
import { requireActive } from './milestones';
import type { IncidentSession } from './session';

/** The postmortem's path for a timeline: `x.timeline.jsonl` -> `x.postmortem.md`. */
export function postmortemPath(timeline: string): string {
  return timeline.replace(/(\.timeline)?\.jsonl$/, '') + '.postmortem.md';
}

/** Writes the draft (asking before replacing an existing one) and opens it; returns its path. */
export async function exportPostmortem(session: IncidentSession, args: { overwrite?: boolean } = {}): Promise<string | undefined> {
  const timeline = await requireActive(session);
  if (!timeline) return undefined;
  const target = postmortemPath(timeline);
  if (existsSync(target) && !args.overwrite) {
    const choice = await vscode.window.showWarningMessage(`${displayPath(target)} exists. Replace it with a new draft?`, { modal: true }, 'Replace', 'Open existing');
    if (choice === 'Open existing') {
      await vscode.window.showTextDocument(vscode.Uri.file(target));
      return target;
    }
    if (choice !== 'Replace') return undefined;
  }
  const read = await readTimelineFile(timeline);
  const markdown = await redactedPostmortem(read.events, { source: displayPath(timeline), bad: read.bad, skipped: read.skipped, flagged: read.flagged });
  const written = await writePostmortemFile(target, markdown);
  if (written !== true) throw new Error(`cannot write ${displayPath(target)}: ${written}; nothing was written`);
  await vscode.window.showTextDocument(vscode.Uri.file(target));
  if (read.skipped) void vscode.window.showWarningMessage(`${read.skipped} line(s) of the timeline could not be read; they are listed at the end of the draft.`);
  if (read.flagged.length) void vscode.window.showWarningMessage(`${read.flagged.length} event(s) of the timeline are incomplete; they are in the draft and listed under "Incomplete events".`);
  return target;
}
