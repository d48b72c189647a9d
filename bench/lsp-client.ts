/** A minimal LSP client over stdio for the benchmarks and reliability tests: starts dist/server.cached.js (the bundle with its V8 code cache, as VS Code starts it) and talks JSON-RPC. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

const SERVER = resolve(__dirname, '..', 'dist', 'server.cached.js');

/** What the server returned for one `textDocument/diagnostic` request. */
export interface DiagnosticReport {
  kind: string;
  items: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; message: string; code?: string | number; source?: string }[];
}

/** A running language server and the connection to it. */
export class LspSession {
  readonly logs: string[] = [];
  /** window/showMessage(Request) texts, e.g. a rule failure shown to the user. */
  readonly shown: string[] = [];
  private readonly logWaiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  private versions = new Map<string, number>();
  /** Rejects when the server process exits. */
  exited: Promise<never> = new Promise(() => undefined);

  private constructor(readonly process: ChildProcess, readonly connection: MessageConnection) {}

  /** Starts the server, sends initialize/initialized; `folder` becomes the workspace folder. */
  static async start(folder: string | undefined, options: { env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {}): Promise<LspSession> {
    // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server under a benchmark.
    const nodeArgs = options.nodeArgs ?? (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < 16_000) stderr += chunk;
    });
    // A server that dies must fail the caller, not leave it waiting on a reply that never comes.
    const exited = new Promise<never>((_, reject) => {
      child.once('exit', (code, signal) => reject(new Error(`language server exited (${signal ?? code}): ${stderr.slice(0, 2000)}`)));
    });
    exited.catch(() => undefined);
    if (!child.stdout || !child.stdin) throw new Error('no stdio on the server process');
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const session = new LspSession(child, connection);
    connection.onNotification('window/logMessage', (p: { message: string }) => session.onLog(p.message));
    connection.onNotification('window/showMessage', (p: { message: string }) => session.shown.push(p.message));
    connection.onRequest('window/showMessageRequest', (p: { message: string }) => {
      session.shown.push(p.message);
      return null;
    });
    // Refresh requests and anything else the server asks: acknowledge.
    connection.onRequest(() => null);
    connection.listen();
    const uri = folder ? pathToFileURL(folder).toString() : null;
    const initialized = connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: folder && uri ? [{ uri, name: 'bench' }] : null,
      capabilities: { textDocument: { diagnostic: { dynamicRegistration: false }, synchronization: { didSave: false } }, window: {} },
      initializationOptions: { trusted: true },
    });
    await Promise.race([initialized, exited]);
    session.exited = exited;
    await connection.sendNotification('initialized', {});
    return session;
  }

  private onLog(message: string): void {
    this.logs.push(message);
    for (const waiter of [...this.logWaiters]) {
      if (waiter.pattern.test(message)) {
        this.logWaiters.splice(this.logWaiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  }

  /** Resolves with the first log line (past or future) matching the pattern. */
  waitForLog(pattern: RegExp, timeoutMs: number): Promise<string> {
    const past = this.logs.find((line) => pattern.test(line));
    if (past) return Promise.resolve(past);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no log line matching ${pattern} within ${timeoutMs} ms`)), timeoutMs);
      this.logWaiters.push({ pattern, resolve: (line) => { clearTimeout(timer); resolve(line); } });
    });
  }

  async open(uri: string, text: string, languageId = 'markdown'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces a document's whole text (one change event). */
  async replace(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Inserts `text` at a position (an incremental change, as an editor sends for one keystroke). */
  async insert(uri: string, line: number, character: number, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const at = { line, character };
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: at, end: at }, text }],
    });
  }

  diagnostics(uri: string): Promise<DiagnosticReport> {
    return Promise.race([this.connection.sendRequest<DiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } }), this.exited]);
  }

  /** Resident and peak resident memory of the server process, in MB (Linux /proc; undefined elsewhere). */
  memory(): { rssMb?: number; peakMb?: number } {
    try {
      const status = readFileSync(join('/proc', String(this.process.pid), 'status'), 'utf8');
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) / 1024 || undefined;
      return { rssMb: kb('VmRSS'), peakMb: kb('VmHWM') };
    } catch {
      return {};
    }
  }

  /** shutdown + exit, then kill the process if it is still there. */
  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // the server may already be gone
    }
    // Give the server a moment to exit by itself (a CPU profile is written on exit), then make sure it is gone.
    if (this.process.exitCode === null) await Promise.race([new Promise((r) => this.process.once('exit', r)), new Promise((r) => setTimeout(r, 3000))]);
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}
