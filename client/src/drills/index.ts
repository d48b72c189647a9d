// Registers runbooks.startDrill: the "Start drill" lens over a runbook and the command palette entry.
import * as vscode from 'vscode';
import type { IncidentSession } from '../incident/session';
import type { StepRunner } from '../run/runStep';
import { startDrill, type StartDrillArgs } from './startDrill';

/** Registers the drill command; failures are shown, never swallowed. */
export function registerDrills(runner: StepRunner, session: IncidentSession): void {
  runner.context.subscriptions.push(vscode.commands.registerCommand('runbooks.startDrill', async (args?: unknown) => {
    try {
      const given = args && typeof args === 'object' ? args as Partial<StartDrillArgs> : {};
      return await startDrill(runner, session, {
        ...(typeof given.uri === 'string' ? { uri: given.uri } : {}),
        ...(typeof given.severity === 'string' ? { severity: given.severity } : {}),
      });
    } catch (error) {
      void vscode.window.showErrorMessage(`Runbooks: the drill stopped: ${(error as Error).message}`);
      return undefined;
    }
  }));
}
