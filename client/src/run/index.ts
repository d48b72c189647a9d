// Registers runbooks.runStep and runbooks.copyStep, the commands behind the language server's step code lenses.
import * as vscode from 'vscode';
import { copyStep } from './copyStep';
import { runStep, type StepRunner } from './runStep';

/** Registers the step commands the language server's code lenses call. */
export function registerRunCommands(runner: StepRunner): void {
  runner.context.subscriptions.push(
    vscode.commands.registerCommand('runbooks.runStep', (args: unknown) => runStep(runner, args)),
    vscode.commands.registerCommand('runbooks.copyStep', (args: unknown) => copyStep(runner.server, args)),
  );
}
