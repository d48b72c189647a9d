// Writing runbooks in VS Code (issue 17): New runbook, the language status item, the lint task, the walkthrough.
import * as vscode from 'vscode';
import type { ServerAccess } from '../languageClient';
import { registerLanguageStatus } from './languageStatus';
import { registerLintTask } from './lintTask';
import { newRunbook, type NewRunbookArgs } from './newRunbook';
import { openSamples, resumeWalkthrough, walkthroughStep } from './scratch';

/** Registers New runbook, the samples and walkthrough commands, the language status item and the lint task. */
export function registerWriting(context: vscode.ExtensionContext, server: ServerAccess): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('runbooks.newRunbook', async (args?: NewRunbookArgs) => {
      try {
        return await newRunbook(server, args && typeof args === 'object' ? args : {});
      } catch (error) {
        void vscode.window.showErrorMessage(`Runbooks: ${(error as Error).message}`);
        return undefined;
      }
    }),
    vscode.commands.registerCommand('runbooks.openSamples', () => openSamples(context)),
    vscode.commands.registerCommand('runbooks.walkthroughStep', (step?: unknown) => walkthroughStep(context, step)),
  );
  registerLanguageStatus(context, server);
  registerLintTask(context);
  void resumeWalkthrough(context);
}
