/**
 * The editor's coverage index: per workspace folder, the rule files its config's `alerts.rules` globs name and the
 * workspace's runbooks (as the document analysis sees them), joined by the engine's `checkCoverage`. Each input is
 * kept with a stamp (open document version, else modification time), so a changed rule file or runbook is read again
 * alone; the join itself is linear and recomputed whole. Open documents win over the files on disk.
 */
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import * as alerts from '../../engine/alerts/index';
import { quickRunbookFacts, readRunbookFacts } from '../../engine/alerts/facts-read';
import { decodeRunbook, MAX_RUNBOOK_BYTES } from '../../engine/files';
import { configuredCoverageOptions } from '../../engine/config/coverageOptions';
import { nodeFileSystem, walkFilesOf, type HostFileSystem } from '../../engine/session/host';
import { inferRoot } from './root';
import { applyConfiguredSeverities, type FileContext } from '../../engine/config/index';
import type { Finding, Runbook } from '../../engine/index';

/** What the coverage index needs from the server around it. */
export interface CoverageHost {
  folders(): string[];
  /** What applies to a file (the nearest config, the editor's settings). */
  contextFor(path: string): Promise<FileContext>;
  /** Whether a path is a runbook under its context (for where a new runbook may go). */
  isRunbookPath(path: string, context: FileContext): boolean;
  trusted(): boolean;
  /** Bumped when settings or config files change: everything is read again. */
  generation(): number;
  /**
   * The runbooks on disk (workspace index), with modification times, and the other Markdown pages (`page`: not a
   * runbook under its config, not linted, but a page an alert may link to).
   */
  runbooks(): Promise<{ path: string; mtimeMs: number; page?: boolean }[]>;
  /** The text and version of an open document at this path, if one is open. */
  openDocument(path: string): { text: string; version: number } | undefined;
  /** The analysis of a runbook (open document, else its text on disk): its model and findings; undefined if not a runbook. */
  analyze(path: string): Promise<{ runbook: Runbook; findings: Finding[] } | undefined>;
  /** The coverage facts the workspace index read of a closed file at this modification time, if it has them. */
  indexedFacts?(path: string, mtimeMs: number): alerts.RunbookFacts | undefined;
  log(message: string): void;
  /** The file system rule files and pages are read from (the session host's); the real one by default. */
  fs?: HostFileSystem;
}

/** What the editor shows of a runbook besides its coverage facts (hover, view). */
export interface RunbookInfo {
  facts: alerts.RunbookFacts;
  lastReviewed?: string;
  findings: number;
  errors: number;
  /** Its facts came from a read without its analysis: `notCurrent`, `findings` and `errors` are filled in later. */
  pending?: boolean;
}

/** One workspace folder's coverage: its inputs and the report over them. */
export interface FolderCoverage {
  folder: string;
  /** The file system the folder is on (the session host's), for where a new runbook may be written. */
  fs?: HostFileSystem;
  /** The config file that set `alerts.rules`. */
  configPath?: string;
  options: alerts.CoverageOptions;
  patterns: alerts.UrlPattern[];
  ruleFiles: alerts.RulesFile[];
  runbooks: Map<string, RunbookInfo>;
  report: alerts.CoverageReport;
  /** Workspace-relative folder a link's `{path}` is relative to, where new runbooks go. */
  root: string;
  context: FileContext;
  /** Whether a file at this absolute path would be a runbook (where a new runbook may go). */
  isRunbook(path: string): boolean;
}


interface Stamped<T> {
  stamp: string;
  value: T;
}

interface FolderState {
  generation: number;
  context: FileContext;
  globs: string[];
  /** Where the globs start: the config file's folder. */
  base: string;
  match: (rel: string) => boolean;
  /** Absolute rule file path -> what it read. */
  ruleFiles: Map<string, Stamped<alerts.RulesFile>>;
  runbooks: Map<string, Stamped<RunbookInfo | undefined>>;
  coverage?: FolderCoverage;
  /** Each rule file's alerts as last matched: an edit of one rule file matches only its alerts again. */
  memo: alerts.CoverageMemo;
  /** The second join's memo (against the inferred root: another index than the first join's). */
  inferredMemo: alerts.CoverageMemo;
}

export class CoverageWorkspace {
  private get fs(): HostFileSystem {
    return this.host.fs ?? nodeFileSystem;
  }
  /** Rename scores and runbook indexes kept between rebuilds (this workspace's; the engine keeps none in modules). */
  private readonly memo = { rename: new alerts.RenameMemo(), index: new alerts.RunbookIndexMemo() };
  private readonly states = new Map<string, FolderState>();
  private building: Promise<FolderCoverage[]> | undefined;
  private again = false;
  private last: FolderCoverage[] = [];
  /** Runbooks whose info is from their facts alone: analysed in the background, after the coverage is answered. */
  private readonly pending = new Set<string>();
  private enriching: Promise<void> | undefined;

  /** `enriched`: runbooks' analyses filled in what their facts alone could not say (not current, findings): rebuild. */
  constructor(private readonly host: CoverageHost, private readonly enriched: () => void = () => undefined) {}

  /** The coverage as last computed (never waits). */
  current(): FolderCoverage[] {
    return this.last;
  }

  /** Coverage with every changed input read again. Concurrent callers share one build; a change during it runs another. */
  async build(): Promise<FolderCoverage[]> {
    if (this.building) {
      this.again = true;
      return this.building;
    }
    this.building = (async () => {
      try {
        let result: FolderCoverage[];
        do {
          this.again = false;
          result = await this.buildOnce();
        } while (this.again);
        this.last = result;
        return result;
      } finally {
        this.building = undefined;
      }
    })();
    return this.building;
  }

  /**
   * A rule file or runbook changed (on disk or in the editor): the next build reads it again. False when the path is
   * neither a runbook nor a rule file of any folder (any other YAML or JSON file): nothing to rebuild.
   */
  changed(path: string): boolean {
    let relevant = !alerts.RULE_FILE_NAME.test(path);
    for (const state of this.states.values()) {
      state.runbooks.delete(path);
      const known = state.ruleFiles.get(path);
      // A new file matching the globs is picked up; a deleted one is dropped by the stat in the next build.
      if (known) known.stamp = '';
      else if (alerts.RULE_FILE_NAME.test(path)) this.addIfMatching(state, path);
      if (state.ruleFiles.has(path)) relevant = true;
    }
    if (this.states.size === 0) relevant = true; // not built yet: the build will tell
    if (relevant && this.building) this.again = true;
    return relevant;
  }

  /** Whether the path is one of the rule files of some folder. */
  isRuleFile(path: string): boolean {
    for (const state of this.states.values()) if (state.ruleFiles.has(path) || this.matches(state, path)) return true;
    return false;
  }

  private matches(state: FolderState, path: string): boolean {
    const rel = relative(state.base, path).split(sep).join('/');
    return alerts.RULE_FILE_NAME.test(path) && !rel.startsWith('..') && state.match(rel);
  }

  private addIfMatching(state: FolderState, path: string): void {
    if (this.matches(state, path)) state.ruleFiles.set(path, { stamp: '', value: emptyRulesFile('') });
  }

  private async buildOnce(): Promise<FolderCoverage[]> {
    const out: FolderCoverage[] = [];
    const folders = this.host.folders();
    for (const key of [...this.states.keys()]) if (!folders.includes(key)) this.states.delete(key);
    let diskRunbooks: { path: string; mtimeMs: number; page?: boolean }[] | undefined;
    for (const folder of folders) {
      const state = await this.stateOf(folder);
      if (!state) continue;
      diskRunbooks ??= await this.host.runbooks();
      out.push(await this.folderCoverage(folder, state, diskRunbooks.filter((r) => !relative(folder, r.path).startsWith('..'))));
    }
    return out;
  }

  /** The folder's state, rebuilt when the generation moved; undefined when its config names no rule files. */
  private async stateOf(folder: string): Promise<FolderState | undefined> {
    const generation = this.host.generation();
    const existing = this.states.get(folder);
    if (existing && existing.generation === generation) return existing.globs.length > 0 ? existing : undefined;
    const context = await this.host.contextFor(join(folder, '.runbooks-coverage'));
    const globs = context.config.alerts.rules ?? [];
    const base = context.config.file?.dir ?? folder;
    const state: FolderState = {
      generation, context, globs, base, match: picomatch(globs.length > 0 ? globs : ['\0'], { dot: false }), ruleFiles: new Map(),
      // Runbook analyses survive a generation change only by stamp: the stamp includes the generation.
      runbooks: existing?.runbooks ?? new Map(),
      memo: new alerts.CoverageMemo(),
      inferredMemo: new alerts.CoverageMemo(),
    };
    this.states.set(folder, state);
    if (globs.length === 0) return undefined;
    walkFilesOf(this.fs, base, (path) => {
      if (alerts.RULE_FILE_NAME.test(path) && state.match(relative(base, path).split(sep).join('/'))) state.ruleFiles.set(path, { stamp: '', value: emptyRulesFile('') });
    });
    return state;
  }

  private async folderCoverage(folder: string, state: FolderState, disk: { path: string; mtimeMs: number; page?: boolean }[]): Promise<FolderCoverage> {
    const rel = (path: string) => relative(folder, path).split(sep).join('/');
    const ruleFiles: alerts.RulesFile[] = [];
    for (const [path, entry] of [...state.ruleFiles].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const open = this.host.openDocument(path);
      let stamp: string;
      let text: string | undefined;
      if (open) {
        stamp = `v${open.version}`;
      } else {
        try {
          stamp = `m${this.fs.stat(path).mtimeMs}`;
        } catch {
          state.ruleFiles.delete(path); // deleted
          continue;
        }
      }
      if (entry.stamp !== stamp) {
        try {
          // The repository names its rule files: a FIFO, a device, a link out of the folder or a huge file is that
          // file's finding, never a read that hangs or fills memory.
          text = open?.text ?? this.fs.readText(path, { root: folder, maxBytes: alerts.MAX_RULES_FILE_BYTES });
          entry.value = alerts.readRulesFile(rel(path), text);
        } catch (e) {
          entry.value = alerts.unreadableRulesFile(rel(path), (e as Error).message);
        }
        entry.stamp = stamp;
      }
      ruleFiles.push(entry.value);
    }

    const generation = this.host.generation();
    const runbooks = new Map<string, RunbookInfo>();
    const seen = new Set<string>();
    for (const { path, mtimeMs, page } of disk) {
      seen.add(path);
      const open = this.host.openDocument(path);
      const stamp = `${generation}:${page ? 'p' : ''}${open ? `v${open.version}` : `m${mtimeMs}`}`;
      let entry = state.runbooks.get(path);
      if (!entry || entry.stamp !== stamp) {
        // A page the config leaves out answers the alerts that reach it, as the CLI's coverage says: not linted.
        const value = page ? this.pageInfo(rel(path), path, mtimeMs) : this.quickInfo(rel(path), path, mtimeMs) ?? await this.runbookInfo(rel(path), path);
        entry = { stamp, value };
        state.runbooks.set(path, entry);
      }
      if (entry.value) runbooks.set(path, entry.value);
    }
    for (const path of [...state.runbooks.keys()]) if (!seen.has(path)) state.runbooks.delete(path);

    const options = configuredCoverageOptions(state.context);
    let patterns: alerts.UrlPattern[] = [];
    try {
      patterns = alerts.compileUrlPatterns(options.runbookUrlPatterns ?? []);
    } catch (e) {
      this.host.log(`Runbooks: alerts.runbookUrl: ${(e as Error).message}`);
      options.runbookUrlPatterns = [];
    }
    const facts = [...runbooks.values()].map((r) => r.facts);
    const staticRoots = state.context.config.files.map((g) => picomatch.scan(g).base).filter((b) => b !== '' && !b.includes('*'));
    let report = alerts.checkCoverage({ ruleFiles, runbooks: facts, roots: staticRoots }, options, { ...this.memo, coverage: state.memo });
    const inferred = inferRoot(report);
    if (staticRoots.length === 0 && inferred) report = alerts.checkCoverage({ ruleFiles, runbooks: facts, roots: [inferred] }, options, { ...this.memo, coverage: state.inferredMemo });
    report = { ...report, findings: this.withConfiguredSeverities(report.findings, state.context) };
    const root = staticRoots[0] ?? inferred ?? this.defaultRoot(folder, state.context);
    const coverage: FolderCoverage = {
      folder, fs: this.fs, configPath: state.context.config.file?.path, options, patterns, ruleFiles, runbooks, report, root, context: state.context,
      isRunbook: (path) => this.host.isRunbookPath(path, state.context),
    };
    state.coverage = coverage;
    return coverage;
  }

  /** A page that is not a runbook under the config: its coverage facts alone (it is not linted). */
  private pageInfo(relPath: string, path: string, mtimeMs: number): RunbookInfo | undefined {
    const reason = 'not linted: the config leaves it out';
    const open = this.host.openDocument(path);
    const indexed = open ? undefined : this.host.indexedFacts?.(path, mtimeMs);
    if (indexed) return { facts: { ...indexed, path: relPath, notCurrent: reason, page: true }, findings: 0, errors: 0 };
    let text = open?.text;
    if (text === undefined) {
      try {
        // Through the guarded reader: a page is named by the repository (a FIFO or /dev/zero must not hang it).
        const decoded = decodeRunbook(this.fs.readBytes(path, { maxBytes: MAX_RUNBOOK_BYTES }));
        if ('error' in decoded) return undefined;
        text = decoded.text;
      } catch {
        return undefined;
      }
    }
    return { facts: { ...readRunbookFacts(relPath, text, undefined, reason).facts, page: true }, findings: 0, errors: 0 };
  }

  /**
   * A runbook's info from its facts alone (the index's read, or the open text's), without waiting for its analysis:
   * what a rule file's findings need. Its analysis fills in the rest later (`enrich`). Undefined when the text does
   * not start the plain way: then only its analysis tells.
   */
  private quickInfo(relPath: string, path: string, mtimeMs: number): RunbookInfo | undefined {
    const open = this.host.openDocument(path);
    const facts = open ? quickRunbookFacts(relPath, open.text)?.facts : this.host.indexedFacts?.(path, mtimeMs);
    if (!facts) return undefined;
    this.pending.add(path);
    // A copy: its path is this folder's, and the analysis fills in its not-current reason.
    return { facts: { ...facts, path: relPath }, findings: 0, errors: 0, pending: true };
  }

  /**
   * Once every runbook's analysis filled in its info (the coverage view shows what is not current). Never in front of
   * diagnostics, and not in the background either: 5,000 analyses on the editor's cores would slow every edit.
   */
  async settled(): Promise<void> {
    if (this.pending.size > 0) await this.enrich();
    while (this.enriching) await this.enriching;
  }

  /** Analyses these runbooks (absolute paths) now when their info is from their facts alone (a hover shows them). */
  async enrichPaths(paths: readonly string[]): Promise<boolean> {
    let filled = false;
    for (const path of paths) {
      if (!this.pending.delete(path)) continue;
      if (await this.enrichOne(path)) filled = true;
    }
    if (filled) this.clearMemos();
    return filled;
  }

  /** Runbooks' facts changed in place (not current): every alert's status is matched again. */
  private clearMemos(): void {
    for (const state of this.states.values()) {
      state.memo.clear();
      state.inferredMemo.clear();
    }
  }

  private enrich(): Promise<void> {
    this.enriching ??= this.enrichAll().finally(() => {
      this.enriching = undefined;
    });
    return this.enriching;
  }

  private async enrichAll(): Promise<void> {
    let filled = false;
    try {
      for (let path = first(this.pending); path !== undefined; path = first(this.pending)) {
        this.pending.delete(path);
        if (await this.enrichOne(path)) filled = true;
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (e) {
      this.host.log(`Runbooks: coverage could not analyse the runbooks: ${(e as Error).message}`);
    }
    if (filled) {
      this.clearMemos();
      this.enriched();
    }
  }

  /** One runbook's analysis into its info, in every folder that holds it; true when one was filled in. */
  private async enrichOne(path: string): Promise<boolean> {
    let filled = false;
    for (const state of this.states.values()) {
      const entry = state.runbooks.get(path);
      if (!entry?.value?.pending) continue;
      const info = await this.runbookInfo(entry.value.facts.path, path);
      // A change meanwhile replaced the entry: the new one is analysed in its turn.
      if (state.runbooks.get(path) !== entry || !entry.value) continue;
      if (!info) {
        entry.value = undefined;
      } else {
        // In place: the facts object stays the one the join's index was built on.
        entry.value.facts.notCurrent = info.facts.notCurrent;
        Object.assign(entry.value, { findings: info.findings, errors: info.errors, lastReviewed: info.lastReviewed, pending: false });
      }
      filled = true;
    }
    return filled;
  }

  private async runbookInfo(relPath: string, path: string): Promise<RunbookInfo | undefined> {
    let analysis;
    try {
      analysis = await this.host.analyze(path);
    } catch (e) {
      this.host.log(`Runbooks: coverage could not analyse ${path}: ${(e as Error).message}`);
      return undefined;
    }
    if (!analysis) return undefined;
    const facts = alerts.runbookFacts(relPath, analysis.runbook, alerts.notCurrentReason(analysis.findings));
    // Anchors now, so the model (and its text) is not kept alive by the facts.
    const anchors = facts.anchors();
    facts.anchors = () => anchors;
    const reviewed = analysis.runbook.frontMatter?.data?.last_reviewed;
    return {
      facts,
      ...(typeof reviewed === 'string' ? { lastReviewed: reviewed } : reviewed instanceof Date ? { lastReviewed: reviewed.toISOString().slice(0, 10) } : {}),
      findings: analysis.findings.length,
      errors: analysis.findings.filter((f) => f.severity === 'error').length,
    };
  }

  /** The config's `rules` severities, as for every rule (an untrusted workspace's config may only lower them). */
  private withConfiguredSeverities(findings: Map<string, Finding[]>, context: FileContext): Map<string, Finding[]> {
    const out = new Map<string, Finding[]>();
    for (const [file, list] of findings) out.set(file, applyConfiguredSeverities(list, context.config.rules, !this.host.trusted()));
    return out;
  }

  /** Where a new runbook goes when no link tells: a `runbooks` folder if one holds runbooks, else the folder itself. */
  private defaultRoot(folder: string, context: FileContext): string {
    return this.host.isRunbookPath(join(folder, 'runbooks', 'x.md'), context) ? 'runbooks' : '';
  }
}

function first<T>(set: Set<T>): T | undefined {
  for (const item of set) return item;
  return undefined;
}

function emptyRulesFile(file: string): alerts.RulesFile {
  return { file, alerts: [], findings: [], recordingRules: 0, eol: '\n' };
}

