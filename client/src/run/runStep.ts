// runbooks.runStep: runs a step from its code lens, live in the incident's terminal, logged to the incident timeline.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeRunResult, loggedCommand, runStepLogged, variableAssignments, workspaceRelativePath, type RunResult } from '../../../server/src/api/incident';
import { IncidentIdentity } from '../incident/identity';
import type { WrittenEvents } from '../incident/written';
import type { ServerAccess } from '../languageClient';
import { activeTimelineOrAsk } from './activeIncident';
import { confirmOneChangeAtATime, incidentTitle } from './incidentTimeline';
import { askPlaceholders, type PlaceholderMemory } from './placeholderPrompts';
import { openRunGate } from './runGate';
import type { RunTerminals } from './runTerminal';
import { asStepLensArgs, currentStep } from './stepArgs';

const MANAGE_TRUST = 'Manage Workspace Trust';

/** What a run needs of the extension session (the session is one; tests pass their own parts). */
export interface StepRunner {
  context: vscode.ExtensionContext;
  server: ServerAccess;
  runTerminals: RunTerminals;
  placeholders: PlaceholderMemory;
  written: WrittenEvents;
}

/**
 * Runs the step a lens names; every refusal explains itself and writes nothing. `target`: the timeline chosen by the
 * caller (a drill's walk logs to its drill); without it, the active incident (asked for when it is a drill).
 */
export async function runStep(runner: StepRunner, rawArgs: unknown, target?: string): Promise<RunResult | undefined> {
  const { context } = runner;
  if (!vscode.workspace.isTrusted) {
    const choice = await vscode.window.showWarningMessage(
      'Runbooks runs steps only in a trusted workspace: a runbook from an untrusted source could run anything. Nothing was run.',
      MANAGE_TRUST,
    );
    if (choice === MANAGE_TRUST) await vscode.commands.executeCommand('workbench.trust.manage');
    return undefined;
  }
  const args = asStepLensArgs(rawArgs);
  if (!args) {
    void vscode.window.showErrorMessage('Run a step from the "▶ Run" lens above its code block.');
    return undefined;
  }
  const found = await currentStep(runner.server, args);
  if (!found.ok) {
    void vscode.window.showErrorMessage(found.reason);
    return undefined;
  }
  const { document, step } = found;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath ?? path.dirname(document.uri.fsPath);
  const config = vscode.workspace.getConfiguration('runbooks', document.uri);

  // What the engine decided of the step (refuse, warn, confirm) is asked in one place, the same in unit tests.
  const gate = await openRunGate(step, {
    refuse: (message) => void vscode.window.showErrorMessage(message),
    warn: async (message, detail, button) => (await vscode.window.showWarningMessage(message, { modal: true, detail }, button)) === button,
    timeline: async () => target ?? await activeTimelineOrAsk(context, folder),
    blanks: (timeline) => askPlaceholders(step, timeline, runner.placeholders),
    oneChangeAtATime: confirmOneChangeAtATime,
  }, { confirmChanges: config.get<boolean>('confirmMitigations', true) });
  if (!gate) return undefined;
  const { timeline, asked } = gate;

  const { pty } = runner.runTerminals.terminalFor(timeline, await incidentTitle(timeline));
  if (pty.current) {
    void vscode.window.showWarningMessage('A step is already running in this incident\'s terminal; wait for it or press Ctrl+C there.');
    return undefined;
  }
  const timeoutMs = Math.max(1, config.get<number>('stepTimeoutSeconds', 300)) * 1000;
  const controller = new AbortController();
  pty.current = controller;
  const runbook = found.runbookPath ?? workspaceRelativePath(folder, document.uri.fsPath);
  pty.write(`\n\x1b[1m▶ ${step.id}\x1b[0m  ${runbook}  (Ctrl+C cancels)\n`);
  pty.write(`${variableAssignments(asked.variables, new Set(asked.secretNames)).logged}${loggedCommand(step.commands, asked.values, asked.secretNames)}\n\n`);
  try {
    const { result, started, finished } = await runStepLogged({
      timeline,
      runbook,
      step,
      actor: new IncidentIdentity(context.globalState).actorFor(timeline),
      cwd: folder,
      values: asked.values,
      variables: asked.variables,
      secretNames: asked.secretNames,
      signal: controller.signal,
      timeoutMs,
      host: os.hostname(),
      onOutput: (chunk) => pty.write(chunk),
      decision: step.decision,
    });
    runner.written.report(timeline, started, finished);
    pty.write(`\n\x1b[${result.exitCode === 0 ? '32' : '31'}m■ ${step.id}: ${describeRunResult(result, timeoutMs)}\x1b[0m — logged to ${path.basename(timeline)}\n`);
    return result;
  } catch (err) {
    pty.write(`\n\x1b[31m■ ${step.id}: ${(err as Error).message}\x1b[0m\n`);
    void vscode.window.showErrorMessage(`Runbooks: ${step.id} could not be run or logged: ${(err as Error).message}`);
    return undefined;
  } finally {
    pty.current = undefined;
  }
}
