// Opens the runbook a command came from, at its step: by step id through the engine's parser, else by the command text.
import * as vscode from 'vscode';
import { MAX_RUNBOOK_BYTES, readRegularFileSync } from '../../../server/src/engine/files';
import { resolveRecordedRunbook } from '../../../server/src/engine/timeline/runbook-path';
import { locateStep } from './locateStep';

/**
 * Opens `runbook` (as the event recorded it) and reveals the step. The path comes from a timeline file, which anyone
 * can write: it is resolved inside the workspace folders (`folders`, the timeline's own first) or refused, unread.
 */
export async function openRunbookAtStep(folders: readonly string[], runbook: string, step: string, command: string): Promise<void> {
  const located = await resolveRecordedRunbook(runbook, folders);
  if (!located.ok) {
    void vscode.window.showWarningMessage(`Runbooks: ${located.reason}.`);
    return;
  }
  let text: string;
  try {
    text = readRegularFileSync(located.file, MAX_RUNBOOK_BYTES).toString('utf8');
  } catch (error) {
    void vscode.window.showWarningMessage(`Runbooks: runbook ${runbook}: ${(error as Error).message}.`);
    return;
  }
  const range = locateStep(text, step, command);
  const editor = await vscode.window.showTextDocument(vscode.Uri.file(located.file), { preview: false });
  if (!range) {
    void vscode.window.showWarningMessage(`Step ${step} is no longer in ${runbook}; the runbook changed since the command ran.`);
    return;
  }
  const start = new vscode.Position(range.start.line, range.start.character);
  editor.selection = new vscode.Selection(start, start);
  editor.revealRange(new vscode.Range(start, new vscode.Position(range.end.line, range.end.character)), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
