// The "Incident" webview view: shows the active timeline live and turns panel input into timeline events.
import * as vscode from 'vscode';
import { displayPath, folderOf, workspaceFolderPaths } from '../incident/folders';
import type { IncidentSession } from '../incident/session';
import type { IncidentTravel } from '../incident/travel';
import type { ServerAccess } from '../languageClient';
import { buildPanelModel, emptyPanelModel } from './model';
import { panelHtml } from './html';
import { openRunbookAtStep } from './openStep';
import { ENTRY_KINDS, eventKey, PANEL_COMMANDS, type FromWebview, type PanelModel, type ToWebview } from './protocol';

export const TIMELINE_VIEW_ID = 'runbooks.incidentTimeline';

export class TimelineViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view?: vscode.WebviewView;
  private ready = false;
  /** What the page has: the file and the identity of each event sent, so a grown timeline is sent as its new tail. */
  private sent?: { file?: string; keys: string[] };
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly server: ServerAccess, private readonly session: IncidentSession, private readonly travel?: IncidentTravel) {
    this.subscriptions.push(session.onDidChange(() => this.post()));
    if (travel) this.subscriptions.push(travel.onDidChange(() => this.post()));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const assets = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    view.webview.options = { enableScripts: true, localResourceRoots: [assets] };
    view.webview.html = panelHtml({
      cspSource: view.webview.cspSource,
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(assets, 'timeline.js')).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(assets, 'timeline.css')).toString(),
    });
    this.subscriptions.push(
      view.webview.onDidReceiveMessage((message: FromWebview) => void this.receive(message)),
      view.onDidChangeVisibility(() => {
        if (view.visible) this.post();
      }),
      view.onDidDispose(() => {
        this.view = undefined;
        this.ready = false;
        this.sent = undefined;
      }),
    );
  }

  /**
   * Shows the panel. With `preserveFocus` the keyboard stays where it is (a prompt that follows, or the editor): the
   * panel is revealed without focus when it exists, and focus goes back to the editor after the first reveal.
   */
  async reveal(preserveFocus: boolean): Promise<void> {
    if (this.view) {
      this.view.show(preserveFocus);
      return;
    }
    // `<view>.focus` with `preserveFocus` opens the view without giving it the keyboard: a webview that finishes
    // loading after a prompt appeared (a slow machine) then cannot take the keyboard from that prompt.
    await vscode.commands.executeCommand(`${TIMELINE_VIEW_ID}.focus`, preserveFocus ? { preserveFocus: true } : undefined);
    if (preserveFocus) await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  }

  /** The model for the current snapshot. */
  model(): PanelModel {
    const snapshot = this.session.snapshot;
    const now = Date.now();
    if (!snapshot) return emptyPanelModel(now);
    if (snapshot.problem) return emptyPanelModel(now, snapshot.problem, displayPath(snapshot.file));
    return buildPanelModel(displayPath(snapshot.file), snapshot.events, snapshot.bad, now, snapshot.flagged, snapshot.levels, this.travel?.status(), snapshot.skipped);
  }

  private post(): void {
    if (!this.view || !this.ready) return;
    const model = this.model();
    const keys = model.events.map(eventKey);
    const sent = this.sent;
    const grew = sent !== undefined && sent.file === model.file && keys.length >= sent.keys.length && sent.keys.every((key, index) => keys[index] === key);
    this.sent = { file: model.file, keys };
    const message: ToWebview = grew
      ? { type: 'model', model: { ...model, events: model.events.slice(sent.keys.length) }, appendFrom: sent.keys.length }
      : { type: 'model', model };
    void this.view.webview.postMessage(message);
  }

  /** Messages from the page are untrusted input: every field is checked before use. */
  private async receive(message: FromWebview): Promise<void> {
    try {
      switch (message?.type) {
        case 'ready':
          this.ready = true;
          this.sent = undefined;
          this.post();
          return;
        case 'addEntry':
          if (!(ENTRY_KINDS as readonly string[]).includes(message.kind) || typeof message.text !== 'string' || !message.text.trim()) return;
          await vscode.commands.executeCommand('runbooks.addEntry', { kind: message.kind, text: message.text.trim() });
          return;
        case 'openStep': {
          const file = this.session.file;
          if (!file || typeof message.runbook !== 'string' || typeof message.step !== 'string' || typeof message.command !== 'string') return;
          await openRunbookAtStep(this.server, workspaceFolderPaths(folderOf(file)), message.runbook.slice(0, 4096), message.step, message.command);
          return;
        }
        case 'command':
          if ((PANEL_COMMANDS as readonly string[]).includes(message.command)) await vscode.commands.executeCommand(message.command);
          return;
        default:
          return;
      }
    } catch (error) {
      void vscode.window.showErrorMessage(`Runbooks: ${(error as Error).message}`);
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
