// Placeholder owned by the "run steps" work (issue 5): registers runbooks.runStep and runbooks.copyStep.
import type * as vscode from 'vscode';

/** Registers the step commands the language server's code lenses call. */
export function registerRunCommands(_context: vscode.ExtensionContext): void {
  // filled in by the run-steps work
}
