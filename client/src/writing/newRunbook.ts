// "Runbooks: New runbook": asks title, service, owner and alerts, then writes the schema's skeleton (asked of the
// language server: the client knows no section) into a new file as a snippet, so Tab walks every placeholder.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ALERT_NAMES_REQUEST, FRONT_MATTER_VALUES_REQUEST, SKELETON_REQUEST, type SkeletonResult } from '../../../server/src/protocol';
import type { ServerAccess } from '../languageClient';
import { fileNameFor } from './fileName';

/** Arguments that skip the questions (keybindings, tests). `path` is relative to the workspace folder. */
export interface NewRunbookArgs {
  title?: string;
  service?: string;
  owner?: string;
  alerts?: string[];
  path?: string;
}

const STEPS = 5;

/** Asks, writes the file, opens it with the skeleton inserted as a snippet; returns the new file's path. */
export async function newRunbook(server: ServerAccess, args: NewRunbookArgs = {}): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showErrorMessage('Runbooks: open a folder first; a new runbook is written into the workspace.');
    return undefined;
  }
  const client = await server.whenReady();
  const ask = <T>(method: string, params: unknown, fallback: T): Promise<T> =>
    client?.isRunning() ? Promise.resolve(client.sendRequest<T>(method, params)).catch(() => fallback) : Promise.resolve(fallback);
  const scripted = args.title !== undefined;

  const title = args.title ?? await vscode.window.showInputBox({
    title: `New runbook (1/${STEPS}): title`, prompt: 'What the alert or the failure is, in a few words', placeHolder: 'e.g. Checkout API high error rate',
    ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'A runbook needs a title.'),
  });
  if (!title?.trim()) return undefined;
  const service = scripted ? args.service : await pickOne(`New runbook (2/${STEPS}): service`, 'The service this runbook is for', await ask<string[]>(FRONT_MATTER_VALUES_REQUEST, { key: 'service' }, []));
  if (service === undefined && !scripted) return undefined;
  const owner = scripted ? args.owner : await pickOne(`New runbook (3/${STEPS}): owner`, 'The team that owns it (e.g. team-payments or @payments-oncall)', await ask<string[]>(FRONT_MATTER_VALUES_REQUEST, { key: 'owner' }, []));
  if (owner === undefined && !scripted) return undefined;
  const alerts = scripted ? args.alerts ?? [] : await pickAlerts(`New runbook (4/${STEPS}): alerts it answers`, alertNames(await ask<unknown>(ALERT_NAMES_REQUEST, {}, [])));
  if (alerts === undefined) return undefined;
  const relative = args.path ?? await vscode.window.showInputBox({
    title: `New runbook (5/${STEPS}): file`, prompt: 'Where to write it, relative to the workspace folder', value: `runbooks/${fileNameFor(title)}`,
    ignoreFocusOut: true, validateInput: (v) => (/\.(md|markdown)$/i.test(v.trim()) ? undefined : 'A runbook is a Markdown file (.md).'),
  });
  if (!relative?.trim()) return undefined;

  const file = vscode.Uri.file(path.resolve(folder.uri.fsPath, relative.trim()));
  if (await exists(file)) {
    void vscode.window.showErrorMessage(`Runbooks: ${relative.trim()} already exists; pick another file name.`);
    return undefined;
  }
  const skeleton = await ask<SkeletonResult | undefined>(SKELETON_REQUEST, { uri: file.toString(), title, service, owner, alerts }, undefined);
  if (!skeleton) {
    void vscode.window.showErrorMessage('Runbooks: the language server is not running, so the schema\'s sections are not known; see the "Runbooks" output.');
    return undefined;
  }
  await vscode.workspace.fs.writeFile(file, new Uint8Array());
  const editor = await vscode.window.showTextDocument(file);
  await editor.insertSnippet(new vscode.SnippetString(skeleton.snippet), new vscode.Position(0, 0));
  await editor.document.save();
  return file.fsPath;
}

/** A quick pick of known values that also takes whatever is typed; '' when nothing is given (a placeholder then). */
async function pickOne(title: string, prompt: string, known: string[]): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick();
  pick.title = title;
  pick.placeholder = `${prompt}; type a new one or pick one the workspace uses`;
  pick.ignoreFocusOut = true;
  const base = known.map((label) => ({ label, description: 'used in this workspace' }));
  pick.items = base;
  pick.onDidChangeValue((value) => {
    const typed = value.trim();
    pick.items = typed && !known.includes(typed) ? [{ label: typed, description: 'new' }, ...base] : base;
  });
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      // What was typed wins unless the highlighted row continues it (the list may lag behind fast typing).
      const typed = pick.value.trim();
      const selected = pick.selectedItems[0]?.label;
      resolve(selected && (!typed || selected.toLowerCase().startsWith(typed.toLowerCase())) ? selected : typed);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

/** A multi-select of the workspace's alert names (when the server knows any); typed names are added. */
async function pickAlerts(title: string, known: string[]): Promise<string[] | undefined> {
  const pick = vscode.window.createQuickPick();
  pick.title = title;
  pick.placeholder = known.length ? 'Pick the alerts, or type a name and press Enter to add it' : 'Type an alert name and press Enter to add it; Enter on an empty box to finish';
  pick.canSelectMany = known.length > 0;
  pick.ignoreFocusOut = true;
  const chosen: string[] = [];
  pick.items = known.map((label) => ({ label }));
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      const typed = pick.value.trim();
      if (typed) {
        // A typed name is added; the box stays open for the next one.
        chosen.push(typed);
        pick.value = '';
        pick.title = `${title}: ${chosen.join(', ')}`;
        return;
      }
      resolve([...pick.selectedItems.map((i) => i.label), ...chosen]);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

/** The names in a `runbooks/alertNames` answer: strings, or objects with a `name`. */
function alertNames(answer: unknown): string[] {
  if (!Array.isArray(answer)) return [];
  return [...new Set(answer.flatMap((a) => (typeof a === 'string' ? [a] : a && typeof a === 'object' && typeof (a as { name?: unknown }).name === 'string' ? [(a as { name: string }).name] : [])))];
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
