/** The Runbooks language server: a thin adapter from the engine to LSP. */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { relative } from 'node:path';
import {
  CodeLens, createConnection, DidChangeConfigurationNotification, LSPErrorCodes, ProposedFeatures, ResponseError,
  TextDocuments, TextDocumentSyncKind, DocumentDiagnosticReportKind,
  type CancellationToken, type Connection, type DocumentDiagnosticReport, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  declaresRunbookKind, isRunbookPath, lintParsed, markReviewedFix, parseRunbook, reviewStatus, todayUtc,
  type LintResult, type Runbook,
} from '../engine/index';
import { toCodeAction, toDiagnostic, toWorkspaceEdit } from './convert';
import { normalizeSettings, SchemaCache, DEFAULT_SETTINGS, type RunbookSettings } from './settings';
import { WorkspaceIndex } from './workspace-index';

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

let trusted = false;
let configurationSupport = false;
let folders: string[] = [];
const reportedFailures = new Set<string>();
const schemas = new SchemaCache((message) => {
  connection.console.warn(message);
  void connection.window.showWarningMessage(message);
});
const settingsCache = new Map<string, Promise<RunbookSettings>>();

/** One parse and one lint per document version, shared by diagnostics, code actions and code lenses. */
interface Analysis {
  version: number;
  runbook: Runbook;
  result: Promise<LintResult>;
  settings: RunbookSettings;
}
const analyses = new Map<string, Promise<Analysis | undefined>>();
const versions = new Map<string, number>();

connection.onInitialize((params): InitializeResult => {
  const options = (params.initializationOptions ?? {}) as { trusted?: boolean };
  trusted = options.trusted === true;
  configurationSupport = params.capabilities.workspace?.configuration === true;
  folders = (params.workspaceFolders ?? []).map((f) => fileURLToPath(f.uri));
  if (folders.length === 0 && params.rootUri) folders = [fileURLToPath(params.rootUri)];
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: ['runbooks.markReviewed'] },
    },
    serverInfo: { name: 'runbooks-language-server' },
  };
});

connection.onInitialized(() => {
  if (configurationSupport) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'runbooks' });
  connection.console.info(`Runbooks language server started (workspace ${trusted ? 'trusted' : 'untrusted: bundled schema only'}).`);
  workspaceIndex.warmUp();
});

connection.onDidChangeConfiguration(() => {
  settingsCache.clear();
  analyses.clear();
  void connection.languages.diagnostics.refresh();
  void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
});

documents.onDidChangeContent((e) => {
  versions.set(e.document.uri, e.document.version);
  analyses.delete(e.document.uri);
});
documents.onDidClose((e) => {
  analyses.delete(e.document.uri);
  versions.delete(e.document.uri);
});

async function settingsFor(uri: string): Promise<RunbookSettings> {
  if (!configurationSupport) return DEFAULT_SETTINGS;
  let s = settingsCache.get(uri);
  if (!s) {
    s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'runbooks' }).then(normalizeSettings, () => DEFAULT_SETTINGS);
    settingsCache.set(uri, s);
  }
  return s;
}

function folderOf(path: string): string | undefined {
  return folders.filter((f) => !relative(f, path).startsWith('..')).sort((a, b) => b.length - a.length)[0];
}

/** Whether a document is a runbook: it matches `runbooks.files` or its front matter says `kind: runbook`. */
function isRunbook(doc: TextDocument, settings: RunbookSettings): boolean {
  if (declaresRunbookKind(doc.getText())) return true;
  if (!doc.uri.startsWith('file:')) return false;
  const path = fileURLToPath(doc.uri);
  const folder = folderOf(path);
  return isRunbookPath(folder ? relative(folder, path) : path, settings.files);
}

function analyze(doc: TextDocument): Promise<Analysis | undefined> {
  const cached = analyses.get(doc.uri);
  if (cached) return cached;
  const version = doc.version;
  const job = settingsFor(doc.uri).then((settings) => {
    if (!isRunbook(doc, settings)) return undefined;
    const folder = doc.uri.startsWith('file:') ? folderOf(fileURLToPath(doc.uri)) : undefined;
    const schema = schemas.schemaFor(settings, folder, trusted);
    const runbook = parseRunbook(doc.getText(), schema);
    const result = lintParsed(runbook, {
      today: todayUtc(),
      reviewIntervalDays: settings.reviewIntervalDays,
      staleErrorAfterDays: settings.staleErrorAfterDays,
    }).then((r) => {
      reportFailures(doc.uri, r);
      return r;
    });
    return { version, runbook, result, settings };
  });
  analyses.set(doc.uri, job);
  return job;
}

/** A rule that threw is logged and shown once per rule and message; the other rules' findings still stand. */
function reportFailures(uri: string, result: LintResult): void {
  for (const failure of result.failures) {
    const key = `${failure.rule}:${failure.error.message}`;
    connection.console.error(`Rule "${failure.rule}" failed on ${uri}: ${failure.error.stack ?? failure.error.message}`);
    if (reportedFailures.has(key)) continue;
    reportedFailures.add(key);
    void connection.window.showErrorMessage(`Runbooks: the "${failure.rule}" check failed (${failure.error.message}); other checks still ran. See the Runbooks output for details.`);
  }
}

function cancelled(token: CancellationToken, uri: string, version: number): boolean {
  return token.isCancellationRequested || versions.get(uri) !== version;
}

connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const analysis = await analyze(doc);
  if (!analysis) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const result = await analysis.result;
  if (cancelled(token, doc.uri, analysis.version)) {
    throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; diagnostics are recomputed', { retriggerRequest: true });
  }
  return { kind: DocumentDiagnosticReportKind.Full, items: result.findings.map(toDiagnostic) };
});

connection.onCodeAction((params) => {
  return params.context.diagnostics
    .filter((d) => d.source === 'runbooks')
    .map((d) => toCodeAction(params.textDocument.uri, d))
    .filter((a) => a !== undefined);
});

connection.onCodeLens(async (params, token) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const analysis = await analyze(doc);
  if (!analysis || token.isCancellationRequested) return [];
  const { runbook, settings } = analysis;
  const lenses: CodeLens[] = [];
  lenses.push(reviewLens(doc.uri, runbook, settings));
  for (const step of runbook.steps) {
    const at = { start: step.range.start, end: step.range.start };
    if (!trusted) {
      lenses.push(lens(at, { title: '$(shield) Running steps is off in an untrusted workspace: Manage Workspace Trust', command: 'workbench.trust.manage' }));
      lenses.push(lens(at, { title: 'Copy', command: 'runbooks.copyStep', arguments: [{ uri: doc.uri, stepId: step.id, position: step.position, code: step.code }] }));
      continue;
    }
    const args = [{ uri: doc.uri, stepId: step.id, position: step.position, code: step.code }];
    lenses.push(lens(at, { title: `▶ Run ${step.label}`, command: 'runbooks.runStep', arguments: args }));
    lenses.push(lens(at, { title: 'Copy', command: 'runbooks.copyStep', arguments: args }));
  }
  return lenses;
});

function lens(range: CodeLens['range'], command: NonNullable<CodeLens['command']>): CodeLens {
  return { range, command };
}

function reviewLens(uri: string, runbook: Runbook, settings: RunbookSettings): CodeLens {
  const status = reviewStatus(runbook.frontMatter?.data ?? {}, { today: todayUtc(), reviewIntervalDays: settings.reviewIntervalDays });
  const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const when = status.ageDays === undefined
    ? status.lastReviewed ? `Review date ${status.lastReviewed} is not valid` : 'Never reviewed'
    : `Reviewed ${status.ageDays === 0 ? 'today' : status.ageDays === 1 ? '1 day ago' : `${status.ageDays} days ago`}${status.stale ? ` (stale: interval ${status.intervalDays} days)` : ''}`;
  return lens(at, { title: `${when} · Mark reviewed`, command: 'runbooks.markReviewed', arguments: [uri] });
}

connection.onExecuteCommand(async (params) => {
  if (params.command !== 'runbooks.markReviewed') return;
  const uri = params.arguments?.[0];
  const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
  if (!doc) return;
  const analysis = await analyze(doc);
  if (!analysis) return;
  if (analysis.runbook.frontMatter?.error) {
    void connection.window.showWarningMessage('Runbooks: fix the front matter YAML first, then mark the runbook reviewed.');
    return;
  }
  await connection.workspace.applyEdit({ label: 'Mark reviewed today', edit: toWorkspaceEdit(doc.uri, markReviewedFix(analysis.runbook, todayUtc())) });
});

const workspaceIndex = new WorkspaceIndex({
  folders: () => folders,
  settingsFor: (path) => settingsFor(pathToFileURL(path).toString()),
  log: (m) => connection.console.info(m),
});

connection.onRequest('runbooks/staleRunbooks', async () => workspaceIndex.staleRunbooks(todayUtc()));

documents.listen(connection);
connection.listen();
