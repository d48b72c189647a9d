// Registers runbooks.runStep and runbooks.copyStep, the commands behind the language server's step code lenses.
import * as vscode from 'vscode';
import { copyStep } from './copyStep';
import { runStep } from './runStep';
import { trackRunTerminals } from './runTerminal';

/** Registers the step commands the language server's code lenses call. */
export function registerRunCommands(context: vscode.ExtensionContext): void {
  trackRunTerminals(context);
  context.subscriptions.push(
    vscode.commands.registerCommand('runbooks.runStep', (args: unknown) => runStep(context, args)),
    vscode.commands.registerCommand('runbooks.copyStep', (args: unknown) => copyStep(args)),
  );
}
