// runbooks.exportPostmortem: writes <timeline>.postmortem.md beside the timeline and opens it.
import { existsSync, promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { redactedPostmortem } from '../../../server/src/engine/incident/redacted';
import { readTimelineFile } from '../../../server/src/engine/timeline/store';
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
  const markdown = await redactedPostmortem(read.events, { source: displayPath(timeline), bad: read.bad });
  await fs.writeFile(target, markdown, 'utf8');
  await vscode.window.showTextDocument(vscode.Uri.file(target));
  if (read.bad.length) void vscode.window.showWarningMessage(`${read.bad.length} line(s) of the timeline could not be read; they are listed at the end of the draft.`);
  return target;
}
