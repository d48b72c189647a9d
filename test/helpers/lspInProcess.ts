/**
 * The language server run in-process, over in-memory streams, driven as an editor drives it: the protocol tests'
 * client. The server is the same `startServer` the bundled dist/server.js runs, built from the current sources.
 */
import { PassThrough } from 'node:stream';
import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { CodeAction, CodeLens, Diagnostic, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer, type ServerHost } from '../../server/src/lsp/server';
import { memoryHost, type MemoryHost } from '../../server/src/engine/session/host';

/**
 * An in-memory workspace for a protocol test (as vscode-markdown-languageservice's tests use an in-memory workspace):
 * the server's engine reads its config, schemas, runbooks and links from `host.fs`, which the test edits; nothing is
 * written to disk. The folder does not exist on disk, so what stays on the real disk (timelines) finds nothing there.
 */
export interface MemoryWorkspace {
  folder: string;
  host: MemoryHost;
  /** Writes a file of the workspace (path absolute, or relative to the folder). */
  write(path: string, text: string | Uint8Array): void;
}

export function memoryWorkspace(today: string, files: Record<string, string> = {}, folder = '/in-memory/ws'): MemoryWorkspace {
  const host = memoryHost({}, { today, cwd: folder });
  const ws: MemoryWorkspace = {
    folder,
    host,
    write: (path, text) => host.fs.write(isAbsolute(path) ? path : join(folder, path), typeof text === 'string' ? text : Buffer.from(text).toString('utf8')),
  };
  for (const [path, text] of Object.entries(files)) ws.write(path, text);
  return ws;
}

export interface InProcessOptions {
  trusted: boolean;
  /** `runbooks.*` settings the server gets when it asks for configuration. */
  settings?: Record<string, unknown>;
  /** Today's date for the session (initialization option); tests always pass one. */
  today: string;
  host?: Partial<ServerHost>;
  /** An in-memory workspace the engine reads instead of the disk (its folder is the one `start` is given). */
  memory?: MemoryWorkspace;
}

export class InProcessClient {
  readonly shown: string[] = [];
  readonly logs: string[] = [];
  readonly applied: WorkspaceEdit[] = [];
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();

  private constructor(readonly rpc: MessageConnection, private readonly streams: PassThrough[]) {}

  /** Starts a server in this process with `folder` as the workspace folder, and initializes it. */
  static async start(folder: string, options: InProcessOptions): Promise<InProcessClient> {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    startServer(connection, { today: () => options.today, indexDelayMs: 0, ...(options.memory ? { engine: options.memory.host } : {}), ...options.host });
    const rpc = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const client = new InProcessClient(rpc, [toServer, toClient]);
    // `runbooks` gets the settings object; `runbooks.<name>` one setting, as VS Code answers.
    rpc.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((item) => {
      const settings = options.settings ?? {};
      return item.section?.startsWith('runbooks.') ? settings[item.section.slice('runbooks.'.length)] ?? null : settings;
    }));
    rpc.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      client.applied.push(p.edit);
      return { applied: true };
    });
    rpc.onNotification('window/showMessage', (p: { message: string }) => client.shown.push(p.message));
    rpc.onNotification('window/logMessage', (p: { message: string }) => client.logs.push(p.message));
    rpc.onRequest('window/showMessageRequest', (p: { message: string }) => {
      client.shown.push(p.message);
      return null;
    });
    rpc.onRequest(() => null);
    rpc.onNotification(() => undefined);
    rpc.listen();
    const uri = pathToFileURL(folder).toString();
    await rpc.sendRequest('initialize', {
      // No process id: the server must not watch (or exit with) this test process.
      processId: null,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'ws' }],
      capabilities: { workspace: { configuration: true, applyEdit: true }, textDocument: { diagnostic: {} } },
      initializationOptions: { trusted: options.trusted, today: options.today },
    });
    await rpc.sendNotification('initialized', {});
    return client;
  }

  async open(path: string, text: string): Promise<string> {
    const uri = pathToFileURL(path).toString();
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return uri;
  }

  async replace(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  text(uri: string): string {
    return this.texts.get(uri) ?? '';
  }

  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const report = await this.rpc.sendRequest<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    return report.items;
  }

  codeActions(uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.rpc.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }

  codeLenses(uri: string): Promise<CodeLens[]> {
    return this.rpc.sendRequest('textDocument/codeLens', { textDocument: { uri } });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.rpc.sendRequest<T>(method, params);
  }

  /** Ends the session; the server's connection closes with its streams. */
  async stop(): Promise<void> {
    await this.rpc.sendRequest('shutdown').catch(() => undefined);
    this.rpc.dispose();
    for (const s of this.streams) s.destroy();
  }
}
