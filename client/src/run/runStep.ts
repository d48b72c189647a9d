// runbooks.runStep: runs a step from its code lens, live in the incident's terminal, logged to the incident timeline.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeRunResult, runStepLogged, workspaceRelativePath, type RunResult } from '../../../server/src/engine/runner/index';
import { loggedCommand } from '../../../server/src/engine/steps/placeholders';
import { variableAssignments } from '../../../server/src/engine/steps/assignments';
import { IncidentIdentity } from '../incident/identity';
import { reportWritten } from '../incident/written';
import { activeTimelineOrAsk } from './activeIncident';
import { confirmOneChangeAtATime, incidentTitle } from './incidentTimeline';
import { askPlaceholders } from './placeholderPrompts';
import { runTerminalFor } from './runTerminal';
import { asStepLensArgs, currentStep } from './stepArgs';

const MANAGE_TRUST = 'Manage Workspace Trust';

/**
 * Runs the step a lens names; every refusal explains itself and writes nothing. `target`: the timeline chosen by the
 * caller (a drill's walk logs to its drill); without it, the active incident (asked for when it is a drill).
 */
export async function runStep(context: vscode.ExtensionContext, rawArgs: unknown, target?: string): Promise<RunResult | undefined> {
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
  const found = await currentStep(args);
  if (!found.ok) {
    void vscode.window.showErrorMessage(found.reason);
    return undefined;
  }
  const { document, step } = found;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath ?? path.dirname(document.uri.fsPath);
  const config = vscode.workspace.getConfiguration('runbooks', document.uri);

  // A step that cannot run as written says so before anything else happens.
  if (step.warnings && step.warnings.length > 0) {
    const choice = await vscode.window.showWarningMessage(
      `${step.id} may not run as written. Run it anyway?`,
      { modal: true, detail: step.warnings.join('\n') },
      'Run anyway',
    );
    if (choice !== 'Run anyway') return undefined;
  }
  const timeline = target ?? await activeTimelineOrAsk(context, folder);
  if (!timeline) return undefined;
  const asked = await askPlaceholders(step, timeline);
  if (!asked) return undefined;

  if (step.changesProduction) {
    if (!(await confirmOneChangeAtATime(timeline))) return undefined;
    if (config.get<boolean>('confirmMitigations', true)) {
      const shown = variableAssignments(asked.variables, new Set(asked.secretNames)).logged + loggedCommand(step.commands, asked.values, asked.secretNames);
      const choice = await vscode.window.showWarningMessage(
        `Run ${step.label} (${step.id})? It changes production.`,
        { modal: true, detail: shown },
        `Run ${step.label}`,
      );
      if (choice !== `Run ${step.label}`) return undefined;
    }
  }

  const { pty } = runTerminalFor(timeline, await incidentTitle(timeline));
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
    });
    reportWritten(timeline, started, finished);
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
