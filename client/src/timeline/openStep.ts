// Opens the runbook a command came from, at its step: found by the language server's analysis of the runbook as it is
// now (by step id if that step still holds the command, else by the command text).
import * as vscode from 'vscode';
import { resolveRecordedRunbook } from '../../../server/src/api/incident';
import { LOCATE_STEP_REQUEST, type LocateStepParams, type LocateStepResult } from '../../../server/src/protocol';
import type { ServerAccess } from '../languageClient';

/**
 * Opens `runbook` (as the event recorded it) and reveals the step. The path comes from a timeline file, which anyone
 * can write: it is resolved inside the workspace folders (`folders`, the timeline's own first) or refused, unread.
 */
export async function openRunbookAtStep(server: ServerAccess, folders: readonly string[], runbook: string, step: string, command: string): Promise<void> {
  const located = await resolveRecordedRunbook(runbook, folders);
  if (!located.ok) {
    void vscode.window.showWarningMessage(`Runbooks: ${located.reason}.`);
    return;
  }
  // Opening the document syncs it to the language server, which then locates the step in its analysis.
  const editor = await vscode.window.showTextDocument(vscode.Uri.file(located.file), { preview: false });
  const client = await server.whenReady();
  const range = client?.isRunning()
    ? await client.sendRequest<LocateStepResult>(LOCATE_STEP_REQUEST, { uri: editor.document.uri.toString(), step, command } satisfies LocateStepParams).catch(() => null)
    : null;
  if (!range) {
    void vscode.window.showWarningMessage(`Step ${step} is no longer in ${runbook}; the runbook changed since the command ran.`);
    return;
  }
  const start = new vscode.Position(range.start.line, range.start.character);
  editor.selection = new vscode.Selection(start, start);
  editor.revealRange(new vscode.Range(start, new vscode.Position(range.end.line, range.end.character)), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
