// runbooks.copyStep: copies what a step runs (for console blocks, the commands without prompts) to the clipboard.
import * as vscode from 'vscode';
import type { ServerAccess } from '../languageClient';
import { asStepLensArgs, currentStep } from './stepArgs';

/** Copies the step's commands as they are in the document now; logs nothing (copying runs nothing). */
export async function copyStep(server: ServerAccess, rawArgs: unknown): Promise<void> {
  const args = asStepLensArgs(rawArgs);
  if (!args) {
    void vscode.window.showErrorMessage('Copy a step from the "Copy" lens above its code block.');
    return;
  }
  const found = await currentStep(server, args);
  if (!found.ok) {
    void vscode.window.showErrorMessage(found.reason);
    return;
  }
  await vscode.env.clipboard.writeText(found.step.commands);
  vscode.window.setStatusBarMessage(`Runbooks: copied ${found.step.id}`, 3000);
}
