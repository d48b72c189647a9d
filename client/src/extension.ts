// Entry point of the Runbooks extension: the language client plus the commands of the run and incident features.
import * as vscode from 'vscode';
import { registerCoverageView } from './coverage/index';
import { registerDrills } from './drills/index';
import { ExtensionSession } from './extensionSession';
import { registerIncident } from './incident/index';
import { registerRunCommands } from './run/index';
import { showStaleRunbooks } from './staleRunbooks';
import { registerWriting } from './writing/index';

/**
 * Activates on Markdown files and on workspaces that contain runbooks; the server does the heavy work, lazily. The
 * extension session made here holds all the client's state; the context disposes it (and stops the server) on
 * deactivation, so there is no `deactivate` to export.
 */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const session = new ExtensionSession(context);
  const { server } = session;
  context.subscriptions.push(
    vscode.commands.registerCommand('runbooks.showStaleRunbooks', () => showStaleRunbooks(server)),
    vscode.commands.registerCommand('runbooks.restartServer', () => server.restart('requested by command')),
    vscode.workspace.onDidGrantWorkspaceTrust(() => server.restart('workspace trust granted')),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('runbooks')) void server.restart('runbooks settings changed');
    }),
  );
  registerRunCommands(session);
  const incident = registerIncident(session);
  registerDrills(session, incident);
  registerCoverageView(context, server);
  registerWriting(context, server);
  // Not awaited: activation stays instant; the server parses runbooks only when it is asked for diagnostics.
  void server.start();
  server.noteActivation(started, performance.now());
}
