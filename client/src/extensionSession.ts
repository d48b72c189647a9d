// One extension session per activation: everything the client keeps between commands (the language client, the run
// terminals, the blanks a responder typed, the severity levels asked of the server, the history tab, the stream of
// events this window wrote) lives in this object, made in activate() and disposed with the ExtensionContext. No module
// of client/src keeps state of its own, so a second activation (a restarted host, a test) starts from nothing.
import type * as vscode from 'vscode';
import { IncidentHistoryView } from './history/index';
import { SeverityLevels } from './incident/severityLevels';
import { WrittenEvents } from './incident/written';
import { LanguageServer } from './languageClient';
import type { PlaceholderMemory } from './run/placeholderPrompts';
import { RunTerminals } from './run/runTerminal';

export class ExtensionSession implements vscode.Disposable {
  /** The language server's client: started, restarted on trust and settings changes, stopped with the session. */
  readonly server: LanguageServer;
  /** The team's severity levels per project, as the server last said. */
  readonly severityLevels: SeverityLevels;
  /** One run terminal per incident. */
  readonly runTerminals: RunTerminals;
  /** The values given for a step's blanks, per incident: memory only, gone with the session. */
  readonly placeholders: PlaceholderMemory = new Map();
  /** Every event this window appended (the incident channel posts these). */
  readonly written: WrittenEvents;
  /** The Incident history tab. */
  readonly history: IncidentHistoryView;

  constructor(readonly context: vscode.ExtensionContext) {
    this.server = new LanguageServer(context);
    this.severityLevels = new SeverityLevels(this.server);
    this.runTerminals = new RunTerminals();
    this.written = new WrittenEvents();
    this.history = new IncidentHistoryView(this.server);
    context.subscriptions.push(this);
  }

  dispose(): void {
    this.history.dispose();
    this.runTerminals.dispose();
    this.written.dispose();
    this.placeholders.clear();
    this.server.dispose();
  }
}
