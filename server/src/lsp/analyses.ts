/**
 * One analysis per document version: parsed once, linted once, shared by diagnostics, code actions, code lenses and
 * the step requests. The analysis runs in the pool's worker threads (within a time and memory budget, see
 * analysisPool.ts); a newer version cancels the older one. What applies to the document (config file, schema,
 * aliases, severities) comes from the project context, as in the CLI.
 */
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { profileOf, tooComplex } from '../engine/analyze';
import type { FileContext, ProjectContext } from '../engine/config/index';
import { emptyRunbook } from '../engine/parse';
import { LintCancelledError, lintParsed, type LintResult, type Runbook, type RunbookSchema } from '../engine/index';
import type { RunbookDrills } from '../engine/drills/notes';
import type { StepHistory } from '../engine/history/index';
import type { AnalysisFallback, AnalysisJob } from '../engine/analysis/job';
import { rehydrate } from '../engine/analysis/job';
import type { AnalysisOutcome, AnalysisPool } from '../engine/analysis/pool';
import { analysisTrace } from '../engine/analysis/trace';
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
  pool(): AnalysisPool;
  /** The budgets, for the message of a document over one. */
  budgets(): { hardMs: number; memoryMb: number };
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
  private readonly trace = analysisTrace();

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

  /**
   * The analysis of a file that is not open, from its text on disk (workspace diagnostics). Not cached here: the
   * caller keys results by the file's modification time.
   */
  analyzeClosed(uri: string, text: string, cancellation: Entry['cancellation']): Promise<Analysis | undefined> {
    return this.start({ uri, version: -1, getText: () => text }, cancellation);
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

  private async start(doc: Pick<TextDocument, 'uri' | 'version' | 'getText'>, cancellation: Entry['cancellation']): Promise<Analysis | undefined> {
    const version = doc.version;
    const began = performance.now();
    const text = doc.getText();
    if (!doc.uri.startsWith('file:')) return undefined;
    const settings = await this.context.settingsFor(doc.uri);
    const path = fileURLToPath(doc.uri);
    const folder = this.context.folderOf(path);
    const project = this.context.project();
    const fileContext = project.forFile(path, folder ?? dirname(path), settings);
    if (!project.select(path, fileContext, text).runbook) return undefined;
    const history = this.context.historyFor ? await this.context.historyFor(folder, path) : undefined;
    const drills = this.context.drillsFor ? await this.context.drillsFor(folder, path) : undefined;
    const profile = profileOf(fileContext);
    // A team schema that could not be loaded is reported once; the bundled one (with the config's aliases) is used.
    if (fileContext.schemaError) delete profile.schemaPath;
    const job: AnalysisJob = {
      uri: doc.uri, version, text, path, profile, today: this.context.today(), linkRoot: folder ?? dirname(path),
      linkTtlMs: LINK_TTL_MS, severitiesOnlyLower: !this.context.trusted(), ...(history ? { history } : {}),
      ...(drills ? { drills } : {}),
    };
    const queued = performance.now();
    let outcome = await this.context.pool().run(job, cancellation);
    const answered = performance.now();
    // Cancelled by the pool although nobody here asked (a worker restarted under it): this version is still wanted,
    // so it is analysed again rather than left with an empty analysis until the next edit.
    for (let retry = 0; outcome.kind === 'cancelled' && !cancellation.isCancellationRequested && retry < 2; retry++) {
      outcome = await this.context.pool().run(job, cancellation);
    }
    const base = { uri: doc.uri, version, settings, context: fileContext, ...(history ? { history } : {}) };
    const analysed = outcome.kind === 'cancelled' ? undefined
      : outcome.kind === 'done' ? rehydrate(outcome.result, text, fileContext.schema)
        : await this.textChecks(job, outcome, cancellation, fileContext.schema);
    if (!analysed) {
      const result = Promise.reject(new LintCancelledError());
      result.catch(() => undefined);
      return { ...base, runbook: emptyRunbook(text, fileContext.schema, new LintCancelledError()), result };
    }
    const { runbook, lint } = analysed;
    const result = Promise.resolve(this.context.onResult(doc.uri, runbook, fileContext, lint));
    this.trace?.event('analysis', { uri: doc.uri.slice(-24), v: version, outcome: outcome.kind, beforeMs: queued - began, poolMs: answered - queued, afterMs: performance.now() - answered });
    return { ...base, runbook, result };
  }

  /**
   * Over a budget or failed: the text-based credential check still runs, in a worker like the analysis (on a 500 KB
   * document it takes long enough to hold up every other document's diagnostics on this thread); a finding says what
   * did not run. Only when that too is cut does the check run here.
   */
  private async textChecks(job: AnalysisJob, outcome: Exclude<AnalysisOutcome, { kind: 'done' | 'cancelled' }>, cancellation: Entry['cancellation'], schema: RunbookSchema): Promise<{ runbook: Runbook; lint: LintResult } | undefined> {
    const { hardMs, memoryMb } = this.context.budgets();
    const fallback: AnalysisFallback = outcome.kind === 'failed'
      ? { failed: outcome.message.split('\n')[0] }
      : { why: outcome.why, budget: outcome.why === 'time' ? (hardMs < 1000 ? `${hardMs} ms` : `${Math.round(hardMs / 1000)} s`) : `${memoryMb} MB` };
    const checked = await this.context.pool().run({ ...job, fallback }, cancellation);
    if (checked.kind === 'done') return rehydrate(checked.result, job.text, schema);
    if (cancellation.isCancellationRequested) return undefined;
    const why = 'failed' in fallback ? new Error(fallback.failed) : tooComplex(job.text, fallback.why, fallback.budget);
    const runbook = emptyRunbook(job.text, schema, why);
    return { runbook, lint: await lintParsed(runbook, { today: job.today, severities: job.profile.severities, severitiesOnlyLower: job.severitiesOnlyLower }) };
  }
}
