/**
 * The Runbooks language server: a function of a connection and a host, with no module-level state, so tests run it
 * in-process over in-memory streams and `main.ts` runs it over IPC or stdio. A thin adapter from the engine to LSP.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { basename, join, relative } from 'node:path';
import {
  DidChangeConfigurationNotification, DocumentDiagnosticReportKind, LSPErrorCodes, ResponseError, TextDocuments,
  TextDocumentSyncKind, type CancellationToken, type Connection, type DocumentDiagnosticReport, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAMES, ProjectContext } from '../engine/config/index';
import { markDrilledFix } from '../engine/drills/check';
import { severityLevels } from '../engine/incident/severities';
import { LintCancelledError, markReviewedFix, parseIsoDate, todayUtc, type LintResult } from '../engine/index';
import { Analyses, type Analysis } from './analyses';
import { createAlertsFeature } from './alerts';
import { AnalysisPool } from '../engine/analysis/pool';
import { nodeHost, type EngineHost } from '../engine/session/host';
import { createSession } from '../engine/session/session';
import { BaselineFiles } from './baseline';
import { configDiagnostics } from './configFile';
import { codeLenses } from './codeLenses';
import { findingFor, FIX_ALL_KIND, toCodeAction, toDiagnostic, toFixAllAction, toWorkspaceEdit } from './convert';
import {
  ALERT_NAMES_REQUEST, COVERAGE_REQUEST, DRILL_STEPS_REQUEST, INCIDENT_HISTORY_REQUEST, LOCATE_STEP_REQUEST, MARK_DRILLED_COMMAND, SEVERITY_LEVELS_REQUEST, STALE_RUNBOOKS_REQUEST,
  STEP_REQUEST, type DiagnosticData, type DrillStepsParams, type IncidentHistoryParams, type LocateStepParams,
  type RunbooksInitializationOptions, type SeverityLevelsParams, type StepParams,
} from './protocol';
import { normalizeSettings, DEFAULT_SETTINGS, type RunbookSettings } from './settings';
import { workspaceIncidentHistory } from './incidentHistory';
import { locateStep, resolveDrillSteps, resolveStep } from './steps';
import { WorkspaceIndex } from './workspace-index';
import { WorkspaceDiagnostics, type WorkspaceDiagnosticsMode } from './workspaceDiagnostics';
import { stepHistoryHover } from './hover';
import { emptyFileActions, isBlank, sectionHover } from './writing';
import { TimelineHistory } from './stepHistory';
import { registerWriting } from './writingRequests';

/** What the server needs from the machine it runs on. */
export interface ServerHost {
  /** Today's date as YYYY-MM-DD; the client's `today` initialization option wins over it. */
  today(): string;
  /** Delay before the background index of the workspace starts (ms). */
  indexDelayMs?: number;
  /** The script analysis workers run (the bundle); without one, documents are analysed on this thread, unbudgeted. */
  analysisWorkerScript?: string;
  /** Analysis budgets: past `softMs` other documents go to another worker; past `hardMs` the analysis is stopped. */
  analysisBudget?: { softMs?: number; hardMs?: number; memoryMb?: number };
  /** The time an open incident's target is judged at (ms since the epoch); default the system clock. */
  now?(): number;
  /**
   * What the engine reads the workspace through (files, clock, working folder): the real machine by default; an
   * in-memory host in protocol tests. Analysis workers (a worker script) read the real disk: tests with an in-memory
   * host run without one, so analyses run on this thread, in this host's session.
   */
  engine?: EngineHost;
}

/** The host of a real session: the system clock, in UTC. */
export const systemHost: ServerHost = { today: () => todayUtc() };

/** Wires every feature of the server to `connection` and starts listening. */
export function startServer(connection: Connection, host: ServerHost = systemHost): void {
  const documents = new TextDocuments(TextDocument);
  let trusted = false;
  let configurationSupport = false;
  let folders: string[] = [];
  let fixedToday: string | undefined;
  const today = (): string => fixedToday ?? host.today();
  const reportedFailures = new Set<string>();
  const reportedSchemaErrors = new Set<string>();
  // The workspace's engine session: every cache the engine keeps, and what the engine reads the files through.
  const session = createSession(host.engine ?? nodeHost({ today: () => host.today(), ...(host.now ? { now: () => (host.now as () => number)() } : {}) }), { linkTtlMs: 5000 });
  let project = new ProjectContext({ trusted: false, session });
  const baselines = new BaselineFiles((message) => connection.console.warn(message), session.host.fs);
  const settingsCache = new Map<string, Promise<RunbookSettings>>();

  const settingsFor = (uri: string): Promise<RunbookSettings> => {
    if (!configurationSupport) return Promise.resolve(DEFAULT_SETTINGS);
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'runbooks' }).then(normalizeSettings, () => DEFAULT_SETTINGS);
      settingsCache.set(uri, s);
    }
    return s;
  };
  const folderOf = (path: string): string | undefined =>
    folders.filter((f) => !relative(f, path).startsWith('..')).sort((a, b) => b.length - a.length)[0];

  // Timelines change under a running server (a step ran): diagnostics and lenses are recomputed when they do.
  let generation = 0;
  /** `runbooks.workspaceDiagnostics`, read on the first workspace pull after a start or a settings change. */
  let workspaceDiagnosticsMode: Promise<WorkspaceDiagnosticsMode> | undefined;
  // Settings and config changes only (not timelines): alert coverage reads every runbook again on these alone.
  let configGeneration = 0;
  const timelines = new TimelineHistory(async (folder) => (await settingsFor(pathToFileURL(folder).toString())).timelineFolder, () => {
    generation++;
    analyses.clear();
    void connection.languages.diagnostics.refresh();
    void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  });
  const budget = { softMs: 1000, hardMs: 10_000, memoryMb: 1536, ...host.analysisBudget };
  const pool = new AnalysisPool({ script: host.analysisWorkerScript ?? session.host.workers.script, ...budget, log: (m) => connection.console.warn(m), session });
  connection.onShutdown(() => {
    pool.dispose();
    session.dispose();
  });
  connection.onExit(() => {
    pool.dispose();
    session.dispose();
  });
  const analyses = new Analyses({
    historyFor: (folder, path) => timelines.historyFor(folder, path),
    drillsFor: (folder, path) => timelines.drillsFor(folder, path),
    today,
    pool: () => pool,
    budgets: () => budget,
    trusted: () => trusted,
    project: () => project,
    settingsFor,
    folderOf,
    onResult: (uri, runbook, context, result) => {
      reportFailures(uri, result);
      if (context.schemaError && !reportedSchemaErrors.has(context.schemaError)) {
        reportedSchemaErrors.add(context.schemaError);
        const message = `Runbooks: using the bundled schema, because the team schema could not be used: ${context.schemaError}`;
        connection.console.warn(message);
        void connection.window.showWarningMessage(message);
      }
      return { ...result, findings: baselines.apply(result.findings, runbook, fileURLToPath(uri), context) };
    },
  });

  /** A rule that threw is logged and shown once per rule and message; its finding says so in the document too. */
  function reportFailures(uri: string, result: LintResult): void {
    for (const failure of result.failures) {
      const key = `${failure.rule}:${failure.error.message}`;
      connection.console.error(`Rule "${failure.rule}" failed on ${uri}: ${failure.error.stack ?? failure.error.message}`);
      if (reportedFailures.has(key)) continue;
      reportedFailures.add(key);
      void connection.window.showErrorMessage(`Runbooks: the "${failure.rule}" check failed (${failure.error.message}); other checks still ran. See the Runbooks output for details.`);
    }
  }

  const workspaceIndex = new WorkspaceIndex({
    folders: () => folders,
    classify: async (path, text) => {
      const context = project.forFile(path, folderOf(path) ?? path, await settingsFor(pathToFileURL(path).toString()));
      const selection = project.select(path, context, text);
      return { isRunbook: selection.runbook, reviewIntervalDays: context.config.reviewIntervalDays, gitignored: !selection.runbook && selection.reason === 'gitignored' };
    },
    log: (m) => connection.console.info(m),
    historyFor: (folder, path) => timelines.historyFor(folder, path),
    fs: session.host.fs,
  });

  // Alert coverage (issue 13): rule files from the config's alerts.rules, joined to the indexed runbooks.
  const coverage = createAlertsFeature({
    fs: session.host.fs,
    documents, analyses, workspaceIndex, project: () => project, settingsFor, folderOf, folders: () => folders, trusted: () => trusted,
    generation: () => configGeneration, refreshDiagnostics: () => void connection.languages.diagnostics.refresh(), log: (m) => connection.console.info(m),
  });

  connection.onInitialize((params): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as RunbooksInitializationOptions;
    trusted = options.trusted === true;
    project = new ProjectContext({ trusted, session });
    fixedToday = typeof options.today === 'string' && parseIsoDate(options.today) !== undefined ? options.today : undefined;
    configurationSupport = params.capabilities.workspace?.configuration === true;
    folders = (params.workspaceFolders ?? []).map((f) => fileURLToPath(f.uri));
    if (folders.length === 0 && params.rootUri) folders = [fileURLToPath(params.rootUri)];
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: true },
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND] },
        codeLensProvider: { resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        documentLinkProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: ['#', ' ', ':', '-', '['] },
        executeCommandProvider: { commands: ['runbooks.markReviewed', MARK_DRILLED_COMMAND] },
      },
      serverInfo: { name: 'runbooks-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (configurationSupport) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'runbooks' });
    connection.console.info(`Runbooks language server started (workspace ${trusted ? 'trusted' : 'untrusted: bundled schema only'}).`);
    workspaceIndex.warmUp(host.indexDelayMs);
  });

  /** Everything derived from settings or config files is recomputed; the client pulls diagnostics and lenses again. */
  const recompute = (): void => {
    generation++;
    configGeneration++;
    settingsCache.clear();
    project.invalidate();
    // Compiled schemas, link views and every worker's caches: a team's schema edit shows in the next analysis.
    session.recompute();
    // Which files are runbooks and their review intervals may have changed with the config: read them all again.
    workspaceIndex.rescan();
    workspaceDiagnosticsMode = undefined;
    analyses.clear();
    void connection.languages.diagnostics.refresh();
    void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  };
  connection.onDidChangeConfiguration(recompute);
  // The client watches config files, .gitignore files, baselines and schemas (which change every finding: all is
  // recomputed) and Markdown files (only the index entry of that file is read again).
  connection.onDidChangeWatchedFiles((params) => {
    let everything = false;
    for (const change of params.changes) {
      if (/\.md$/i.test(change.uri) && change.uri.startsWith('file:')) {
        workspaceIndex.invalidate(fileURLToPath(change.uri));
        coverage.changed(change.uri);
      } else if (/\.(ya?ml|json)$/i.test(change.uri) && !isConfigFile(change.uri) && !/\.schema\.json$/i.test(change.uri)) coverage.changed(change.uri);
      else everything = true;
    }
    if (everything) recompute();
  });

  const workspaceDiagnostics = new WorkspaceDiagnostics({
    fs: session.host.fs,
    index: workspaceIndex,
    analyses,
    isOpen: (uri) => documents.get(uri) !== undefined,
    generation: () => generation,
    extra: (path) => coverage.closedRunbookDiagnostics(path),
    mode: () => {
      // A window-scoped setting, so read without a resource (with one, VS Code logs a warning on every read), and once
      // until the settings change: the client pulls every few seconds.
      workspaceDiagnosticsMode ??= !configurationSupport || folders.length === 0 ? Promise.resolve('auto') : connection.workspace
        .getConfiguration({ section: 'runbooks.workspaceDiagnostics' })
        .then((raw: unknown) => (raw === 'on' || raw === 'off' ? raw : 'auto'), () => 'auto' as const);
      return workspaceDiagnosticsMode;
    },
  });
  connection.languages.diagnostics.onWorkspace(async (params, token) => {
    // Coverage first: the runbooks' reports carry its findings (orphans) from this build.
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    const ruleFiles = await coverage.workspaceReports(previous, (uri) => documents.get(uri) !== undefined);
    const report = await workspaceDiagnostics.pull(params.previousResultIds.map((p) => ({ uri: p.uri, value: p.value })), token);
    return { items: [...report.items, ...ruleFiles] };
  });

  documents.onDidChangeContent((e) => {
    analyses.forget(e.document.uri);
    coverage.changed(e.document.uri);
  });
  documents.onDidClose((e) => {
    analyses.forget(e.document.uri);
    coverage.changed(e.document.uri);
  });

  /** The analysis and its lint result for the document's current version; undefined when it is not a runbook. */
  async function current(uri: string, token?: CancellationToken): Promise<{ doc: TextDocument; analysis: Analysis; result: LintResult } | undefined> {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const analysis = await analyses.get(doc);
    if (!analysis) return undefined;
    let result: LintResult;
    try {
      result = await analysis.result;
    } catch (e) {
      if (e instanceof LintCancelledError) throw changed();
      throw e;
    }
    if (token?.isCancellationRequested || documents.get(uri)?.version !== analysis.version) throw changed();
    return { doc, analysis, result };
  }

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const doc = documents.get(params.textDocument.uri);
    if (doc && isConfigFile(doc.uri)) {
      const path = fileURLToPath(doc.uri);
      return { kind: DocumentDiagnosticReportKind.Full, items: configDiagnostics(doc.getText(), project.forFile(path, folderOf(path) ?? path).schema) };
    }
    if (doc && /\.(ya?ml|json)$/i.test(doc.uri)) return { kind: DocumentDiagnosticReportKind.Full, items: await coverage.diagnostics(doc.uri, doc.version) };
    const found = await current(params.textDocument.uri, token);
    if (!found) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const alertItems = await coverage.diagnostics(params.textDocument.uri, found.analysis.version);
    return { kind: DocumentDiagnosticReportKind.Full, items: [...found.result.findings.map((f) => toDiagnostic(f, found.analysis.version)), ...alertItems] };
  });

  // Quick fixes come from the analysis of the version the diagnostic was computed for, and only while it is current.
  connection.onCodeAction(async (params, token) => {
    const only = params.context.only;
    if (only?.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(`${k}.`))) {
      const found = await current(params.textDocument.uri, token).catch(() => undefined);
      const action = found && toFixAllAction(params.textDocument.uri, found.result.findings.flatMap((f) => (f.fix?.safe ? [f.fix] : [])));
      return action ? [action] : [];
    }
    const alertActions = await coverage.codeActions(params);
    const ours = params.context.diagnostics.filter((d) => d.source === 'runbooks' && !String(d.code).startsWith('alerts/'));
    if (ours.length === 0) return alertActions;
    const found = await current(params.textDocument.uri, token).catch(() => undefined);
    if (!found) return alertActions;
    if (isBlank(found.doc.getText())) return [...alertActions, ...emptyFileActions(found.doc, found.analysis.context.schema, ours)];
    return [...alertActions, ...ours.flatMap((d) => {
      const data = d.data as DiagnosticData | undefined;
      if (data && data.version !== found.analysis.version) return [];
      const fix = findingFor(found.result.findings, d)?.fix;
      return fix ? [toCodeAction(params.textDocument.uri, fix, d)] : [];
    })];
  });

  connection.onCodeLens(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const analysis = await analyses.get(doc);
    if (!analysis || token.isCancellationRequested) return [];
    return codeLenses(analysis, { trusted, today: today(), tables: session.commandTables });
  });

  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    const analysis = doc ? await analyses.get(doc) : undefined;
    const runbookHover = analysis
      ? stepHistoryHover(analysis, params.position) ?? sectionHover(analysis, await analysis.result.catch(() => undefined), params.position)
      : null;
    return runbookHover ?? coverage.hover(params.textDocument.uri, params.position);
  });

  connection.onDefinition((params) => coverage.definition(params.textDocument.uri, params.position));
  connection.onDocumentLinks((params) => coverage.documentLinks(params.textDocument.uri));
  // Alert names inside a front matter `alerts:` entry; elsewhere the writing completions (headings, keys, values).
  connection.onCompletion(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !/\.md$/i.test(doc.uri)) return null;
    return (await coverage.completion(doc.getText(), params.position)) ?? (await writing.completion(params));
  });
  connection.onRequest(ALERT_NAMES_REQUEST, () => coverage.alertNamesNow());
  connection.onRequest(COVERAGE_REQUEST, () => coverage.view());

  connection.onExecuteCommand(async (params) => {
    if (params.command !== 'runbooks.markReviewed' && params.command !== MARK_DRILLED_COMMAND) return false;
    const [uri, date] = params.arguments ?? [];
    const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (!doc) return false;
    const analysis = await analyses.get(doc);
    if (!analysis) return false;
    const drilled = params.command === MARK_DRILLED_COMMAND;
    if (analysis.runbook.frontMatter?.error) {
      void connection.window.showWarningMessage(`Runbooks: fix the front matter YAML first, then ${drilled ? 'set last_drilled' : 'mark the runbook reviewed'}.`);
      return false;
    }
    if (drilled && (typeof date !== 'string' || parseIsoDate(date) === undefined)) return false;
    const fix = drilled ? markDrilledFix(analysis.runbook, date as string) : markReviewedFix(analysis.runbook, today());
    const applied = await connection.workspace.applyEdit({ label: fix.title, edit: toWorkspaceEdit(doc.uri, fix) });
    return applied.applied;
  });

  connection.onRequest(STEP_REQUEST, async (params: StepParams) => {
    const doc = documents.get(params.uri);
    if (!doc) return { ok: false, reason: 'The runbook is not open in the editor any more; open it and use the lens again.' };
    const analysis = await analyses.get(doc);
    if (!analysis) return { ok: false, reason: `${params.uri} is not a runbook (runbooks.files), so it has no steps.` };
    return resolveStep(analysis, params, folderOf);
  });

  connection.onRequest(LOCATE_STEP_REQUEST, async (params: LocateStepParams) => {
    const doc = documents.get(params.uri);
    if (!doc) return null;
    const analysis = await analyses.get(doc);
    return locateStep(analysis?.runbook.steps ?? [], doc.getText(), params.step, params.command);
  });

  connection.onRequest(STALE_RUNBOOKS_REQUEST, async () => workspaceIndex.staleRunbooks(today()));

  connection.onRequest(DRILL_STEPS_REQUEST, async (params: DrillStepsParams) => {
    const doc = documents.get(params.uri);
    if (!doc) return { ok: false, reason: 'The runbook is not open in the editor; open it and start the drill again.' };
    const analysis = await analyses.get(doc);
    if (!analysis) return { ok: false, reason: `${params.uri} is not a runbook (runbooks.files), so it has no steps to drill.` };
    return resolveDrillSteps(analysis, folderOf);
  });

  /** The severity levels of the project a file (else the first workspace folder) belongs to. */
  const levelsFor = async (path: string | undefined) => {
    const anchor = path ?? folders[0];
    if (!anchor) return severityLevels(undefined);
    const settings = await settingsFor(pathToFileURL(anchor).toString());
    return severityLevels(project.forFile(path ?? join(anchor, '.severities'), folderOf(anchor) ?? anchor, settings).config.severities);
  };

  connection.onRequest(SEVERITY_LEVELS_REQUEST, async (params: SeverityLevelsParams) =>
    levelsFor(typeof params?.uri === 'string' && params.uri.startsWith('file:') ? fileURLToPath(params.uri) : undefined));

  connection.onRequest(INCIDENT_HISTORY_REQUEST, async (params: IncidentHistoryParams) =>
    workspaceIncidentHistory(folders, timelines, await levelsFor(undefined), params ?? {}, (host.now ?? Date.now)()));

  const writing = registerWriting(connection, { documents, analyses, workspaceIndex, project: () => project, folders: () => folders, folderOf, settingsFor, today, trusted: () => trusted });

  documents.listen(connection);
  connection.listen();
}

function isConfigFile(uri: string): boolean {
  return uri.startsWith('file:') && CONFIG_FILE_NAMES.includes(basename(fileURLToPath(uri)));
}

/** The answer to a request about a version that is no longer current: the client asks again. */
function changed(): ResponseError<{ retriggerRequest: boolean }> {
  return new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; the request is recomputed', { retriggerRequest: true });
}
