/**
 * One analysis per document version: parsed once, linted once, shared by diagnostics, code actions, code lenses and
 * the step requests. A newer version cancels the lint of the older one. What applies to the document (config file,
 * schema, aliases, severities) comes from the project context, as in the CLI.
 */
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileContext, ProjectContext } from '../engine/config/index';
import { FileLinkWorkspace, lintParsed, parseRunbook, type LintResult, type Runbook } from '../engine/index';
import type { RunbookDrills } from '../engine/drills/notes';
import type { StepHistory } from '../engine/history/index';
import type { RunbookSettings } from './settings';

export interface Analysis {
  uri: string;
  version: number;
  runbook: Runbook;
  /** Rejects with LintCancelledError when a newer version replaced this one before it finished. */
  result: Promise<LintResult>;
  settings: RunbookSettings;
  context: FileContext;
  /** The runbook's step history from the incident timelines, when there is any. */
  history?: StepHistory;
}

/** What an analysis needs from the server around it. */
export interface AnalysisContext {
  today(): string;
  trusted(): boolean;
  project(): ProjectContext;
  settingsFor(uri: string): Promise<RunbookSettings>;
  folderOf(path: string): string | undefined;
  /** Sees every finished lint (failures to report, baselined findings to show as hints) and may adjust it. */
  onResult(uri: string, runbook: Runbook, context: FileContext, result: LintResult): LintResult;
  /** What the incident timelines say about the runbook's steps (by its workspace-relative path). */
  historyFor?(folder: string | undefined, path: string): Promise<StepHistory | undefined>;
  /** What the timelines say about the runbook's drills and the steps they flagged as unclear. */
  drillsFor?(folder: string | undefined, path: string): Promise<RunbookDrills | undefined>;
}

/** How long a linked file's existence and headings are trusted before they are looked at again. */
const LINK_TTL_MS = 5000;

interface Entry {
  version: number;
  job: Promise<Analysis | undefined>;
  cancellation: { isCancellationRequested: boolean };
}

export class Analyses {
  private readonly entries = new Map<string, Entry>();
  private readonly linkWorkspaces = new Map<string, FileLinkWorkspace>();

  constructor(private readonly context: AnalysisContext) {}

  /** The analysis of the document's current version, or undefined when the document is not a runbook. */
  get(doc: TextDocument): Promise<Analysis | undefined> {
    const cached = this.entries.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.job;
    if (cached) cached.cancellation.isCancellationRequested = true;
    const cancellation = { isCancellationRequested: false };
    const job = this.start(doc, cancellation);
    this.entries.set(doc.uri, { version: doc.version, job, cancellation });
    return job;
  }

  /** Forgets a document's analysis (closed, or changed: the next request analyses the new version). */
  forget(uri: string): void {
    const entry = this.entries.get(uri);
    if (entry) entry.cancellation.isCancellationRequested = true;
    this.entries.delete(uri);
  }

  /** Forgets every analysis (settings or a config file changed). */
  clear(): void {
    for (const uri of [...this.entries.keys()]) this.forget(uri);
  }

  private async start(doc: TextDocument, cancellation: Entry['cancellation']): Promise<Analysis | undefined> {
    const version = doc.version;
    const text = doc.getText();
    if (!doc.uri.startsWith('file:')) return undefined;
    const settings = await this.context.settingsFor(doc.uri);
    const path = fileURLToPath(doc.uri);
    const folder = this.context.folderOf(path);
    const project = this.context.project();
    const fileContext = project.forFile(path, folder ?? dirname(path), settings);
    if (!project.select(path, fileContext, text).runbook) return undefined;
    const runbook = parseRunbook(text, fileContext.schema);
    const root = folder ?? dirname(path);
    let workspace = this.linkWorkspaces.get(root);
    if (!workspace) this.linkWorkspaces.set(root, (workspace = new FileLinkWorkspace(root, LINK_TTL_MS)));
    const links = { file: path, workspace };
    const history = this.context.historyFor ? await this.context.historyFor(folder, path) : undefined;
    const drills = this.context.drillsFor ? await this.context.drillsFor(folder, path) : undefined;
    const result = lintParsed(runbook, {
      links,
      ...(history ? { history } : {}),
      ...(drills ? { drills } : {}),
      ...(fileContext.config.drillIntervalDays !== undefined ? { drillIntervalDays: fileContext.config.drillIntervalDays } : {}),
      today: this.context.today(),
      reviewIntervalDays: fileContext.config.reviewIntervalDays,
      staleErrorAfterDays: fileContext.config.staleErrorAfterDays,
      severities: fileContext.config.rules,
      severitiesOnlyLower: !this.context.trusted(),
      cancellation,
    }).then((r) => this.context.onResult(doc.uri, runbook, fileContext, r));
    // Nobody may be waiting on a cancelled lint: keep the rejection from being reported as unhandled.
    result.catch(() => undefined);
    return { uri: doc.uri, version, runbook, result, settings, context: fileContext, ...(history ? { history } : {}) };
  }
}
