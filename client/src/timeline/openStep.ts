// Opens the runbook a command came from, at its step: by step id through the engine's parser, else by the command text.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { locateStep } from './locateStep';

/** Opens `runbook` (relative to `folder`) and reveals the step; says so when the runbook or the step is gone. */
export async function openRunbookAtStep(folder: string, runbook: string, step: string, command: string): Promise<void> {
  const file = path.resolve(folder, runbook);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    void vscode.window.showWarningMessage(`Runbook ${runbook} is not in this workspace (looked for ${file}).`);
    return;
  }
  const range = locateStep(text, step, command);
  const editor = await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
  if (!range) {
    void vscode.window.showWarningMessage(`Step ${step} is no longer in ${runbook}; the runbook changed since the command ran.`);
    return;
  }
  const start = new vscode.Position(range.start.line, range.start.character);
  editor.selection = new vscode.Selection(start, start);
  editor.revealRange(new vscode.Range(start, new vscode.Position(range.end.line, range.end.character)), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
