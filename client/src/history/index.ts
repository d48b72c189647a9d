// The Incident history view: a webview tab over every timeline of the workspace, from the language server's
// `runbooks/incidentHistory` answer; refreshed when a timeline changes or the tab comes back into view.
import * as vscode from 'vscode';
import { INCIDENT_HISTORY_REQUEST, type IncidentHistoryParams, type IncidentHistoryResult } from '../../../server/src/protocol';
import { displayPath } from '../incident/folders';
import { whenClientReady } from '../languageClient';
import { historyHtml } from './html';

const REFRESH_DELAY_MS = 500;

let panel: vscode.WebviewPanel | undefined;
/** What the view shows now: setting the same history again would reload the webview's frame for nothing (a reader
 * mid-scroll loses their place, and a page being read is detached under it). */
let shown: string | undefined;

/** Registers runbooks.showIncidentHistory. */
export function registerHistoryView(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand('runbooks.showIncidentHistory', () => showIncidentHistory(context)));
}

/** Opens (or reveals) the view and renders it from the current timelines; resolves with the history shown. */
export async function showIncidentHistory(context: vscode.ExtensionContext): Promise<IncidentHistoryResult | undefined> {
  if (panel) panel.reveal();
  else {
    const opened = vscode.window.createWebviewPanel('runbooks.incidentHistory', 'Incident history', vscode.ViewColumn.Active, {
      enableScripts: false, enableCommandUris: false, localResourceRoots: [],
    });
    panel = opened;
    let timer: NodeJS.Timeout | undefined;
    const later = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => void render(opened), REFRESH_DELAY_MS);
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.timeline.jsonl');
    const subscriptions = [
      watcher, watcher.onDidChange(later), watcher.onDidCreate(later), watcher.onDidDelete(later),
      opened.onDidChangeViewState(() => {
        if (opened.visible) later();
      }),
    ];
    opened.onDidDispose(() => {
      clearTimeout(timer);
      for (const subscription of subscriptions) subscription.dispose();
      panel = undefined;
      shown = undefined;
    }, undefined, context.subscriptions);
  }
  return render(panel);
}

async function render(view: vscode.WebviewPanel): Promise<IncidentHistoryResult | undefined> {
  const client = await whenClientReady();
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage('Runbooks: the language server is not running (see the Runbooks output); the incident history needs it.');
    return undefined;
  }
  const result = await client.sendRequest<IncidentHistoryResult>(INCIDENT_HISTORY_REQUEST, {} satisfies IncidentHistoryParams);
  const key = JSON.stringify(result);
  if (key === shown && view === panel) return result;
  shown = key;
  view.webview.html = historyHtml({
    history: result.history,
    searched: result.searched.map((folder) => displayPath(folder)),
    unreadable: result.unreadable,
    generatedAt: Date.now(),
  });
  return result;
}
