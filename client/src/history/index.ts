// The Incident history view: a webview tab over every timeline of the workspace, from the language server's
// `runbooks/incidentHistory` answer; refreshed when a timeline changes or the tab comes back into view.
import * as vscode from 'vscode';
import { INCIDENT_HISTORY_REQUEST, type IncidentHistoryParams, type IncidentHistoryResult } from '../../../server/src/protocol';
import { displayPath } from '../incident/folders';
import type { ServerAccess } from '../languageClient';
import { historyHtml } from './html';

const REFRESH_DELAY_MS = 500;

/** The extension session's history tab: at most one, reused; registers runbooks.showIncidentHistory. */
export class IncidentHistoryView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** What the view shows now: setting the same history again would reload the webview's frame for nothing (a reader
   * mid-scroll loses their place, and a page being read is detached under it). */
  private shown: string | undefined;
  private readonly command: vscode.Disposable;

  constructor(private readonly server: ServerAccess) {
    this.command = vscode.commands.registerCommand('runbooks.showIncidentHistory', () => this.show());
  }

  /** Opens (or reveals) the view and renders it from the current timelines; resolves with the history shown. */
  async show(): Promise<IncidentHistoryResult | undefined> {
    if (this.panel) this.panel.reveal();
    else this.panel = this.open();
    return this.render(this.panel);
  }

  private open(): vscode.WebviewPanel {
    const opened = vscode.window.createWebviewPanel('runbooks.incidentHistory', 'Incident history', vscode.ViewColumn.Active, {
      enableScripts: false, enableCommandUris: false, localResourceRoots: [],
    });
    let timer: NodeJS.Timeout | undefined;
    const later = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => void this.render(opened), REFRESH_DELAY_MS);
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
      if (this.panel === opened) {
        this.panel = undefined;
        this.shown = undefined;
      }
    });
    return opened;
  }

  private async render(view: vscode.WebviewPanel): Promise<IncidentHistoryResult | undefined> {
    const client = await this.server.whenReady();
    if (!client?.isRunning()) {
      void vscode.window.showErrorMessage('Runbooks: the language server is not running (see the Runbooks output); the incident history needs it.');
      return undefined;
    }
    const result = await client.sendRequest<IncidentHistoryResult>(INCIDENT_HISTORY_REQUEST, {} satisfies IncidentHistoryParams);
    const key = JSON.stringify(result);
    if (key === this.shown && view === this.panel) return result;
    if (view === this.panel) this.shown = key;
    view.webview.html = historyHtml({
      history: result.history,
      searched: result.searched.map((folder) => displayPath(folder)),
      unreadable: result.unreadable,
      generatedAt: Date.now(),
    });
    return result;
  }

  dispose(): void {
    this.command.dispose();
    this.panel?.dispose();
  }
}
