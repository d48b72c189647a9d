// A scratch copy of the extension's samples/ (in the extension's global storage, never the repository) and the
// walkthrough's steps, each of which opens the real feature on that copy. Opening a folder reloads the window, so a
// step that needs the copy first remembers itself and runs once the copy is the workspace.
import * as path from 'node:path';
import * as vscode from 'vscode';

const PENDING = 'runbooks.walkthrough.pendingStep';
export const WALKTHROUGH_STEPS = ['write', 'fix', 'run', 'panel', 'postmortem', 'coverage'] as const;
export type WalkthroughStep = typeof WALKTHROUGH_STEPS[number];
const SAMPLE_INCIDENT = path.join('incidents', '2026-11-20-checkout-latency.timeline.jsonl');

/** The folder of scratch copies: `<global storage>/scratch`. */
function scratchRoot(context: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.joinPath(context.globalStorageUri, 'scratch');
}

/** The open workspace folder when it is a scratch copy. */
function openScratch(context: vscode.ExtensionContext): vscode.WorkspaceFolder | undefined {
  const root = scratchRoot(context).fsPath + path.sep;
  return vscode.workspace.workspaceFolders?.find((f) => f.uri.fsPath.startsWith(root));
}

/** Copies samples/ (plus the walkthrough's alert rules) to a new scratch folder; returns it. */
export async function copySamples(context: vscode.ExtensionContext): Promise<vscode.Uri> {
  const target = vscode.Uri.joinPath(scratchRoot(context), `samples-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  await vscode.workspace.fs.copy(vscode.Uri.joinPath(context.extensionUri, 'samples'), target, { overwrite: false });
  await vscode.workspace.fs.copy(vscode.Uri.joinPath(context.extensionUri, 'client', 'media', 'walkthrough', 'alerts.rules.yml'),
    vscode.Uri.joinPath(target, 'alerts', 'checkout.rules.yml'), { overwrite: true });
  // Marks the copy: the extension activates on it (`workspaceContains:.runbooks-scratch`) to resume the walkthrough.
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(target, '.runbooks-scratch'), new TextEncoder().encode('A scratch copy of the Runbooks samples: safe to delete.\n'));
  return target;
}

/** "Runbooks: Open a scratch copy of the samples": copies them and opens the copy (this window reloads). */
export async function openSamples(context: vscode.ExtensionContext, step?: WalkthroughStep): Promise<void> {
  const target = await copySamples(context);
  if (step) await context.globalState.update(PENDING, { step, folder: target.fsPath });
  void vscode.window.showInformationMessage(`Runbooks: opening a scratch copy of the samples at ${target.fsPath}; edits there change no tracked file.`);
  await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: false });
}

/** A walkthrough step: on the scratch copy (made and opened first when this window has none). */
export async function walkthroughStep(context: vscode.ExtensionContext, step: unknown): Promise<void> {
  const name = WALKTHROUGH_STEPS.find((s) => s === step) ?? 'write';
  const folder = openScratch(context);
  if (!folder) return openSamples(context, name);
  await runStep(folder, name);
}

/** After the reload into a scratch copy: the step that asked for it. */
export async function resumeWalkthrough(context: vscode.ExtensionContext): Promise<void> {
  const pending = context.globalState.get<{ step: WalkthroughStep; folder: string }>(PENDING);
  if (!pending) return;
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.fsPath === pending.folder);
  if (!folder) return;
  await context.globalState.update(PENDING, undefined);
  await runStep(folder, pending.step);
}

async function runStep(folder: vscode.WorkspaceFolder, step: WalkthroughStep): Promise<void> {
  const open = (file: string) => vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, file));
  switch (step) {
    case 'write':
      await vscode.commands.executeCommand('runbooks.newRunbook');
      return;
    case 'fix':
      await open('missing-sections.md');
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      return;
    case 'run':
      await open('complete.md');
      return;
    case 'panel':
      await vscode.commands.executeCommand('runbooks.switchIncident', path.join(folder.uri.fsPath, SAMPLE_INCIDENT));
      await vscode.commands.executeCommand('runbooks.showIncidentPanel');
      return;
    case 'postmortem':
      await vscode.commands.executeCommand('runbooks.switchIncident', path.join(folder.uri.fsPath, SAMPLE_INCIDENT));
      await vscode.commands.executeCommand('runbooks.exportPostmortem');
      return;
    case 'coverage': {
      await open(path.join('alerts', 'checkout.rules.yml'));
      const terminal = vscode.window.createTerminal({ name: 'Runbooks: alert coverage', cwd: folder.uri.fsPath, env: { ELECTRON_RUN_AS_NODE: '1' } });
      terminal.show(true);
      const cli = vscode.extensions.getExtension('runbooks.runbooks')?.extensionPath;
      const bin = cli ? path.join(cli, 'bin', 'runbooks.js') : 'runbooks';
      terminal.sendText(`${cli ? `"${process.execPath}" "${bin}"` : bin} coverage --rules "alerts/**/*.yml" .`);
      return;
    }
  }
}
