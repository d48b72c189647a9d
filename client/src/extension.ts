// Entry point of the Runbooks extension: the language client plus the commands of the run and incident features.
import * as vscode from 'vscode';
import { registerCoverageView } from './coverage/index';
import { registerDrills } from './drills/index';
import { registerHistoryView } from './history/index';
import { registerIncident } from './incident/index';
import { registerRunCommands } from './run/index';
import { noteActivation, restartLanguageClient, startLanguageClient, stopLanguageClient } from './languageClient';
import { showStaleRunbooks } from './staleRunbooks';
import { registerWriting } from './writing/index';

export { getClient, whenClientReady } from './languageClient';

/** Activates on Markdown files and on workspaces that contain runbooks; the server does the heavy work, lazily. */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  context.subscriptions.push(
    vscode.commands.registerCommand('runbooks.showStaleRunbooks', showStaleRunbooks),
    vscode.commands.registerCommand('runbooks.restartServer', () => restartLanguageClient(context, 'requested by command')),
    vscode.workspace.onDidGrantWorkspaceTrust(() => restartLanguageClient(context, 'workspace trust granted')),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('runbooks')) void restartLanguageClient(context, 'runbooks settings changed');
    }),
  );
  registerRunCommands(context);
  const session = registerIncident(context);
  registerDrills(context, session);
  registerHistoryView(context);
  registerCoverageView(context);
  registerWriting(context);
  // Not awaited: activation stays instant; the server parses runbooks only when it is asked for diagnostics.
  void startLanguageClient(context);
  noteActivation(started, performance.now());
}

/** Stops the language server. */
export function deactivate(): Promise<void> {
  return stopLanguageClient();
}
