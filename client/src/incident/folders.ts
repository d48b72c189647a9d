// Where timelines live: <workspace folder>/<runbooks.timelineFolder>/<YYYY-MM-DD>-<slug>.timeline.jsonl.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { uniqueTimelinePath } from '../../../server/src/api/incident';

/** The workspace folder to work in: the active editor's, else the first; undefined without a folder. */
export function currentWorkspaceFolder(): vscode.WorkspaceFolder | undefined {
  const editor = vscode.window.activeTextEditor;
  const fromEditor = editor ? vscode.workspace.getWorkspaceFolder(editor.document.uri) : undefined;
  return fromEditor ?? vscode.workspace.workspaceFolders?.[0];
}

/** The absolute folder where `folder`'s timelines are written. */
export function timelineFolder(folder: vscode.WorkspaceFolder): string {
  const setting = vscode.workspace.getConfiguration('runbooks', folder.uri).get<string>('timelineFolder') || 'incidents';
  return path.resolve(folder.uri.fsPath, setting);
}

/** A new timeline path for `title` declared at `date`; `-2`, `-3`, ... when that name is taken the same day. */
export function newTimelinePath(folder: vscode.WorkspaceFolder, date: Date, title: string): string {
  return uniqueTimelinePath(timelineFolder(folder), date, title);
}

/** The workspace folder containing `file`, for resolving the runbook paths its events record. */
export function folderOf(file: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
  return folder?.uri.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? path.dirname(file);
}

/** The workspace folders' paths, `first` (when it is one of them) at the front: where recorded runbook paths may resolve. */
export function workspaceFolderPaths(first?: string): string[] {
  const all = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
  return first !== undefined && all.includes(first) ? [first, ...all.filter((folder) => folder !== first)] : all;
}

/** Shows `file` workspace-relative when it is inside the workspace. */
export function displayPath(file: string): string {
  return vscode.workspace.asRelativePath(file, vscode.workspace.workspaceFolders !== undefined && vscode.workspace.workspaceFolders.length > 1);
}

/** Every incident timeline file of the workspace (Switch incident's list, the open drills), at most 200. */
export async function workspaceTimelines(): Promise<string[]> {
  return (await vscode.workspace.findFiles('**/*.timeline.jsonl', '**/node_modules/**', 200)).map((uri) => uri.fsPath);
}
