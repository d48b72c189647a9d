// The `runbooks` task type: `lint` runs the bundled CLI over the workspace folder in VS Code's terminal, and the
// `$runbooks` problem matcher (package.json) reads its text output into the Problems panel, as CI reports it.
import * as vscode from 'vscode';

export const TASK_TYPE = 'runbooks';

interface RunbooksTaskDefinition extends vscode.TaskDefinition {
  task: 'lint';
  /** What to lint, relative to the workspace folder (default: the whole folder). */
  paths?: string[];
}

export function registerLintTask(context: vscode.ExtensionContext): void {
  const cli = context.asAbsolutePath('bin/runbooks.js');
  const make = (folder: vscode.WorkspaceFolder, definition: RunbooksTaskDefinition): vscode.Task => {
    const paths = definition.paths?.length ? definition.paths : ['.'];
    // The extension host's own runtime runs the CLI (Electron as Node on the desktop): no Node install needed.
    const execution = new vscode.ProcessExecution(process.execPath, [cli, 'lint', ...paths], { cwd: folder.uri.fsPath, env: { ELECTRON_RUN_AS_NODE: '1' } });
    const task = new vscode.Task(definition, folder, 'lint', 'runbooks', execution, '$runbooks');
    task.group = vscode.TaskGroup.Test;
    task.detail = `runbooks lint ${paths.join(' ')}`;
    return task;
  };
  context.subscriptions.push(vscode.tasks.registerTaskProvider(TASK_TYPE, {
    provideTasks: () => (vscode.workspace.workspaceFolders ?? []).map((folder) => make(folder, { type: TASK_TYPE, task: 'lint' })),
    resolveTask: (task) => {
      const definition = task.definition as RunbooksTaskDefinition;
      const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
      return definition.task === 'lint' && folder ? make(folder, definition) : undefined;
    },
  }));
}
