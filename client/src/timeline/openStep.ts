// Opens the runbook a command came from, at its step: by step id through the engine's parser, else by the command text.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseRunbook } from '../../../server/src/engine/index';
import type { Range } from '../../../server/src/engine/types';

/** Where a step is in a runbook's text: the step with id `step`, else the block containing `command`'s first line. */
export function locateStep(text: string, step: string, command: string): Range | undefined {
  try {
    const steps = parseRunbook(text).steps;
    const byId = steps.find((candidate) => candidate.id === step);
    if (byId) return byId.range;
    const firstLine = command.trim().split(/\r?\n/)[0];
    const byCommand = firstLine ? steps.find((candidate) => candidate.commands.includes(firstLine)) : undefined;
    if (byCommand) return byCommand.range;
  } catch {
    // a runbook the parser rejects is still searchable as text
  }
  const firstLine = command.trim().split(/\r?\n/)[0];
  const offset = firstLine ? text.indexOf(firstLine) : -1;
  if (offset < 0) return undefined;
  const line = text.slice(0, offset).split('\n').length - 1;
  const character = offset - (text.lastIndexOf('\n', offset - 1) + 1);
  return { start: { line, character }, end: { line, character: character + firstLine.length } };
}

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
