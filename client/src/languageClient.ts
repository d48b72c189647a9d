// Owns the one LanguageClient of the extension: starts the bundled server over IPC, and replaces it with a fresh one
// when the workspace becomes trusted or a `runbooks.*` setting changes (the server reads both only at initialize).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** What the features need of the language server: the client now, or once the current (re)start has finished. */
export interface ServerAccess {
  /** The running language client, or undefined before the start finished or after a stop. Ask again after a restart. */
  client(): LanguageClient | undefined;
  /** Resolves once the current start or restart has finished; the client is running then unless it failed to start. */
  whenReady(): Promise<LanguageClient | undefined>;
}

/** The extension session's language server: one LanguageClient at a time, started, restarted and stopped in order. */
export class LanguageServer implements ServerAccess, vscode.Disposable {
  private current: LanguageClient | undefined;
  private outputChannel: vscode.OutputChannel | undefined;
  /** When activate() ran, for the "first diagnostics" line (once per activation). */
  private activatedAt: number | undefined;
  /** Serialises start/stop so a burst of setting changes never runs two servers at once. */
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly context: vscode.ExtensionContext) {}

  /**
   * Logs how long activation took: the bundle's load (from cached-load.js, which notes on the module when it began)
   * and activate() itself; the first diagnostics then log their time from activation. The bench reads both lines.
   */
  noteActivation(started: number, finished: number): void {
    this.activatedAt = started;
    const loadStarted = (module as { runbooksLoadStartedAt?: number }).runbooksLoadStartedAt;
    const load = loadStarted !== undefined ? `, after ${(started - loadStarted).toFixed(0)} ms loading the bundle` : '';
    this.outputChannel?.appendLine(`[client] activated in ${(finished - started).toFixed(0)} ms${load}`);
  }

  /**
   * Logs, once per activation, when the first diagnostics (of an open document or, through the workspace pull, of a
   * closed runbook) reached the editor: the moment the Problems panel could first show any.
   */
  private noteFirstDiagnostics(uri: vscode.Uri): void {
    if (this.activatedAt === undefined) return;
    this.outputChannel?.appendLine(`[client] first diagnostics ${(performance.now() - this.activatedAt).toFixed(0)} ms after activation (${vscode.workspace.asRelativePath(uri)})`);
    this.activatedAt = undefined;
  }

  client(): LanguageClient | undefined {
    return this.current;
  }

  whenReady(): Promise<LanguageClient | undefined> {
    return this.pending.then(() => this.current);
  }

  /** Starts the language server for Markdown files; the server itself decides which of them are runbooks. */
  start(): Promise<void> {
    // Not one of the context's subscriptions: those are disposed at once when the window closes, while the client is
    // still stopping and logs the requests that fail meanwhile ("Channel has been closed", a provider failure each).
    // dispose() closes it after the stop.
    this.outputChannel ??= vscode.window.createOutputChannel('Runbooks');
    return this.enqueue(() => this.startNew());
  }

  /** Stops the running server and starts a new one that reads the current trust state and settings. */
  restart(reason: string): Promise<void> {
    this.outputChannel?.appendLine(`[client] restarting the language server: ${reason}`);
    return this.enqueue(async () => {
      await this.stopCurrent();
      await this.startNew();
    });
  }

  /** Stops the server. */
  stop(): Promise<void> {
    return this.enqueue(() => this.stopCurrent());
  }

  /** With the extension context: stops the server (VS Code does not wait for disposals; the client stops within 2 s), then closes its log. */
  dispose(): void {
    void this.stop().finally(() => this.outputChannel?.dispose());
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.pending = this.pending.then(task, task);
    return this.pending;
  }

  private async startNew(): Promise<void> {
    const context = this.context;
    const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
    // Started through its V8 code cache (build.mjs writes server.cached.js); debugging runs the bundle itself.
    const cachedServerModule = context.asAbsolutePath(path.join('dist', 'server.cached.js'));
    const serverOptions: ServerOptions = {
      run: { module: cachedServerModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'markdown' },
        // The project config file: the server reports its problems on it.
        { scheme: 'file', pattern: '**/.runbooks.{yaml,yml,json}' },
        // Alert rule files (the config's alerts.rules): the server answers only for those, [] for other YAML and JSON.
        { scheme: 'file', pattern: '**/*.{yml,yaml,json}' },
      ],
      synchronize: {
        configurationSection: 'runbooks',
        // Config files, .gitignore files, baselines and team schemas decide findings: the server recomputes when one
        // changes. Markdown files: the workspace's Problems (runbooks not open) follow edits made outside the editor.
        fileEvents: [
          vscode.workspace.createFileSystemWatcher('**/{.runbooks.yaml,.runbooks.yml,.runbooks.json,.gitignore,*.baseline,*.schema.json}'),
          vscode.workspace.createFileSystemWatcher('**/*.md'),
          // Rule files: a change re-reads that file alone for coverage.
          vscode.workspace.createFileSystemWatcher('**/*.{yml,yaml,json}'),
        ],
      },
      // Read at each (re)start: the server keeps untrusted-workspace limits (bundled schema only) until trust is granted.
      initializationOptions: () => ({ trusted: vscode.workspace.isTrusted }),
      outputChannel: this.outputChannel,
      middleware: {
        // A quick fix that inserts a skeleton comes with a snippet form: insert that, so Tab walks its blanks.
        provideCodeActions: async (document, range, context, token, next) => {
          const actions = await next(document, range, context, token);
          return actions?.map((action) => withSnippetEdit(action));
        },
        provideDiagnostics: async (document, previousResultId, token, next) => {
          const report = await next(document, previousResultId, token);
          if (report && 'items' in report && report.items.length > 0) this.noteFirstDiagnostics(document instanceof vscode.Uri ? document : document.uri);
          return report;
        },
        // Problems of runbooks that are not open come from the workspace pull: the first of those counts as well.
        provideWorkspaceDiagnostics: async (resultIds, token, resultReporter, next) => {
          const noted = (items: readonly { uri: vscode.Uri; kind: unknown; items?: readonly unknown[] }[] | undefined) => {
            const first = items?.find((item) => (item.items?.length ?? 0) > 0);
            if (first) this.noteFirstDiagnostics(first.uri);
          };
          const report = await next(resultIds, token, (chunk) => {
            noted(chunk?.items);
            resultReporter(chunk);
          });
          noted(report?.items);
          return report;
        },
      },
    };
    const client = new LanguageClient('runbooks', 'Runbooks', serverOptions, clientOptions);
    this.current = client;
    try {
      await client.start();
    } catch (error) {
      // The extension's other features keep working; the log says why there are no diagnostics.
      this.outputChannel?.appendLine(`[client] the language server failed to start: ${String(error)}`);
    }
  }

  private async stopCurrent(): Promise<void> {
    const client = this.current;
    this.current = undefined;
    if (!client) return;
    try {
      if (client.isRunning()) await client.stop();
    } catch (error) {
      this.outputChannel?.appendLine(`[client] stopping the language server failed: ${String(error)}`);
    }
  }
}

/** The action with its edit replaced by snippet edits when the server sent a snippet form (`data.snippets`). */
function withSnippetEdit<T extends vscode.Command | vscode.CodeAction>(action: T): T {
  const data = (action as { data?: { snippets?: { uri: string; edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; snippet: string }[] } } }).data;
  if (!(action instanceof vscode.CodeAction) || !data?.snippets) return action;
  const edit = new vscode.WorkspaceEdit();
  const toRange = (r: typeof data.snippets.edits[number]['range']) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  edit.set(vscode.Uri.parse(data.snippets.uri), data.snippets.edits.map((e) => new vscode.SnippetTextEdit(toRange(e.range), new vscode.SnippetString(e.snippet))));
  action.edit = edit;
  return action;
}

