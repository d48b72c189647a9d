/**
 * Alert coverage in the language server: the coverage index of the workspace (rule files from the config's
 * `alerts.rules`, runbooks from the workspace index) and the features on it, for rule files and runbooks alike.
 * Diagnostics are answered from the last report without waiting long; when a rebuild changes any file's findings,
 * the client is asked to pull diagnostics again.
 */
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createHash } from 'node:crypto';
import {
  DocumentDiagnosticReportKind, type CodeAction, type CodeActionParams, type CompletionItem, type Diagnostic, type DocumentLink,
  type Hover, type Location, type Position, type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { headingAnchors } from '../engine/alerts/anchors';
import type { ProjectContext } from '../engine/config/index';
import { decodeRunbook, MAX_RUNBOOK_BYTES } from '../engine/files';
import { nodeFileSystem, type HostFileSystem } from '../engine/session/host';
import { LintCancelledError } from '../engine/index';
import type { Analyses, Analysis } from './analyses';
import type { RunbookSettings } from './settings';
import type { WorkspaceIndex } from './workspace-index';
import { alertNameCompletion, alertNamesOf, coverageCodeActions, coverageDefinition, coverageDiagnostics, coverageHover, coverageLinks, hoverRunbooks } from './coverage/features';
import { coverageView } from './coverage/view';
import { CoverageWorkspace, type CoverageHost, type FolderCoverage } from './coverage/workspace';
import type { CoverageResult } from './protocol';

/** How long a diagnostic pull waits for a rebuild before answering from the last report. */
const DIAGNOSTICS_WAIT_MS = 400;
/** Changes within this time make one rebuild. */
const DEBOUNCE_MS = 150;

export interface AlertsHost extends CoverageHost {
  /** Asks the client to pull diagnostics again (coverage findings changed). */
  refreshDiagnostics(): void;
}

/** The server's alert coverage: one per server. */
export class AlertsFeature {
  private readonly workspace: CoverageWorkspace;
  private fingerprint = '';
  private timer: NodeJS.Timeout | undefined;
  /** A change came since the last build (or none ran yet, or the generation moved). */
  private dirty = true;
  private builtGeneration = -1;

  constructor(private readonly host: AlertsHost) {
    // Runbooks' analyses, filled in after the coverage was answered from their facts, change the view, not findings.
    this.workspace = new CoverageWorkspace(host, () => this.invalidate());
  }

  /** Every alert name the rule files define (from the last build; empty before the first). */
  alertNames(): string[] {
    return alertNamesOf(this.workspace.current());
  }

  /** The alert names after a build with every change read. */
  async alertNamesNow(): Promise<string[]> {
    return alertNamesOf(await this.rebuild());
  }

  /** Whether the URI is a rule file of some folder's config: its diagnostics are coverage's alone. */
  isRuleFile(uri: string): boolean {
    return uri.startsWith('file:') && this.workspace.isRuleFile(fileURLToPath(uri));
  }

  /** A file changed on disk or in the editor (a rule file, a runbook, or a document closed). */
  changed(uri: string): void {
    if (!uri.startsWith('file:')) return;
    if (!this.workspace.changed(fileURLToPath(uri))) return;
    this.dirty = true;
    this.schedule();
  }

  /** Something coverage reads changed without an event naming it (the background index scan found it): rebuild. */
  invalidate(): void {
    this.dirty = true;
    this.schedule();
  }

  /** The coverage diagnostics of a rule file or a runbook. */
  async diagnostics(uri: string, version: number): Promise<Diagnostic[]> {
    const found = await this.locate(uri, DIAGNOSTICS_WAIT_MS);
    return found ? coverageDiagnostics(found.coverage, found.rel, version) : [];
  }

  /**
   * Workspace diagnostic reports for the rule files not open in the editor (the Problems panel shows them without
   * opening them): "unchanged" when the client has this file's current findings.
   */
  async workspaceReports(previous: ReadonlyMap<string, string>, isOpen: (uri: string) => boolean): Promise<WorkspaceDocumentDiagnosticReport[]> {
    const out: WorkspaceDocumentDiagnosticReport[] = [];
    for (const coverage of await this.rebuild()) {
      for (const file of coverage.ruleFiles) {
        const uri = pathToFileURL(join(coverage.folder, ...file.file.split('/'))).toString();
        if (isOpen(uri)) continue;
        const items = coverageDiagnostics(coverage, file.file, -1);
        const resultId = `alerts:${createHash('sha1').update(JSON.stringify(items)).digest('hex').slice(0, 16)}`;
        out.push(previous.get(uri) === resultId
          ? { kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId }
          : { kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items });
      }
    }
    return out;
  }

  /** A closed runbook's coverage diagnostics for the workspace pull (from the last build), with a stamp of them. */
  closedRunbookDiagnostics(path: string): { stamp: string; diagnostics: Diagnostic[] } {
    const coverage = this.workspace.current().filter((c) => !relative(c.folder, path).startsWith('..')).sort((a, b) => b.folder.length - a.folder.length)[0];
    const diagnostics = coverage ? coverageDiagnostics(coverage, relative(coverage.folder, path).split(sep).join('/'), -1) : [];
    return { stamp: diagnostics.length === 0 ? '' : createHash('sha1').update(JSON.stringify(diagnostics)).digest('hex').slice(0, 12), diagnostics };
  }

  async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const ours = params.context.diagnostics.filter((d) => d.source === 'runbooks' && typeof d.code === 'string' && d.code.startsWith('alerts/'));
    if (ours.length === 0) return [];
    const found = await this.locate(params.textDocument.uri);
    return found ? coverageCodeActions(found.coverage, params.textDocument.uri, found.rel, ours, { trusted: this.host.trusted() }) : [];
  }

  async documentLinks(uri: string): Promise<DocumentLink[]> {
    const found = await this.locate(uri);
    if (!found || !this.isRuleFile(uri)) return [];
    return coverageLinks(found.coverage, found.rel, (path, anchor) => this.headingLine(found.coverage, path, anchor));
  }

  async hover(uri: string, position: Position): Promise<Hover | null> {
    let found = await this.locate(uri);
    if (!found) return null;
    // The runbooks shown are analysed first when the coverage came from their facts alone (findings, not current).
    const shown = hoverRunbooks(found.coverage, found.rel, position).map((rb) => join(found?.coverage.folder ?? '', ...rb.path.split('/')));
    if (await this.workspace.enrichPaths(shown)) {
      this.invalidate();
      found = await this.locate(uri);
    }
    return found ? coverageHover(found.coverage, found.rel, position) : null;
  }

  async definition(uri: string, position: Position): Promise<Location[]> {
    const found = await this.locate(uri);
    return found ? coverageDefinition(found.coverage, found.rel, position) : [];
  }

  /** Alert names where the cursor is in a runbook's front matter `alerts:`; undefined elsewhere. */
  async completion(text: string, position: Position): Promise<CompletionItem[] | undefined> {
    if (!text.startsWith('---')) return undefined;
    return alertNameCompletion(await this.rebuild(), text, position);
  }

  /** The coverage view's data. */
  async view(): Promise<CoverageResult> {
    // The view shows which runbooks are not current: it waits for their analyses (the diagnostics never do).
    await this.rebuild();
    await this.workspace.settled();
    return coverageView(await this.rebuild());
  }

  /** A build; when it changed any finding, the client pulls diagnostics again. */
  async rebuild(): Promise<FolderCoverage[]> {
    const generation = this.host.generation();
    if (!this.dirty && generation === this.builtGeneration) return this.workspace.current();
    this.dirty = false;
    this.builtGeneration = generation;
    let coverages: FolderCoverage[];
    try {
      coverages = await this.workspace.build();
    } catch (e) {
      this.dirty = true;
      throw e;
    }
    const next = JSON.stringify(coverages.map((c) => [c.folder, [...c.report.findings]]));
    if (next !== this.fingerprint) {
      const first = this.fingerprint === '';
      this.fingerprint = next;
      if (!first || coverages.length > 0) this.host.refreshDiagnostics();
    }
    return coverages;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.rebuild().catch((e) => this.host.log(`Runbooks: coverage failed: ${(e as Error).stack ?? e}`));
    }, DEBOUNCE_MS);
    this.timer.unref?.();
  }

  /** The folder coverage the file belongs to and its path in it; waits for a build (up to `waitMs` when given). */
  private async locate(uri: string, waitMs?: number): Promise<{ coverage: FolderCoverage; rel: string } | undefined> {
    if (!uri.startsWith('file:')) return undefined;
    const building = this.rebuild();
    let coverages: FolderCoverage[];
    if (waitMs === undefined) coverages = await building;
    else {
      building.catch(() => undefined);
      const late = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), waitMs));
      coverages = (await Promise.race([building, late])) ?? this.workspace.current();
    }
    const path = fileURLToPath(uri);
    const coverage = coverages
      .filter((c) => !relative(c.folder, path).startsWith('..'))
      .sort((a, b) => b.folder.length - a.folder.length)[0];
    return coverage ? { coverage, rel: relative(coverage.folder, path).split(sep).join('/') } : undefined;
  }

  /** The line of the heading an anchor names in a runbook (its open text, else the file). */
  private headingLine(coverage: FolderCoverage, path: string, anchor: string): number | undefined {
    const abs = join(coverage.folder, ...path.split('/'));
    let text = this.host.openDocument(abs)?.text;
    if (text === undefined) {
      try {
        text = (this.host.fs ?? nodeFileSystem).readText(abs, { root: coverage.folder, maxBytes: MAX_RUNBOOK_BYTES });
      } catch {
        return undefined;
      }
    }
    // The anchors of the text up to each heading: the first heading whose prefix adds the anchor is the one.
    const lines = text.split(/\r\n|\r|\n/);
    for (let i = 0; i < lines.length; i++) {
      const atx = /^ {0,3}#{1,6}(\s|$)|\s(id|name)\s*=/.test(lines[i]);
      const setext = !atx && lines[i].trim() !== '' && /^ {0,3}(=+|-+)\s*$/.test(lines[i + 1] ?? '');
      if (!atx && !setext) continue;
      if (headingAnchors(lines.slice(0, i + (setext ? 2 : 1)).join('\n')).has(anchor)) return i;
    }
    return undefined;
  }
}

/** What `createAlertsFeature` takes from the server: its documents, analyses, index and project. */
export interface AlertsServerParts {
  /** The session host's file system (rule files, pages); the real one by default. */
  fs?: HostFileSystem;
  documents: { get(uri: string): TextDocument | undefined };
  analyses: Analyses;
  workspaceIndex: WorkspaceIndex;
  project(): ProjectContext;
  settingsFor(uri: string): Promise<RunbookSettings>;
  folderOf(path: string): string | undefined;
  folders(): string[];
  trusted(): boolean;
  generation(): number;
  refreshDiagnostics(): void;
  log(message: string): void;
}

/** The feature over the server's parts: runbooks analysed as the document pull analyses them (open text wins). */
export function createAlertsFeature(parts: AlertsServerParts): AlertsFeature {
  const uriOf = (path: string) => pathToFileURL(path).toString();
  const feature: AlertsFeature = new AlertsFeature({
    fs: parts.fs,
    folders: parts.folders,
    contextFor: async (path) => {
      const folder = parts.folderOf(path) ?? dirname(path);
      return parts.project().forFile(path, folder, await parts.settingsFor(uriOf(folder)));
    },
    isRunbookPath: (path, context) => parts.project().select(path, context).runbook,
    trusted: parts.trusted,
    generation: parts.generation,
    runbooks: async () => {
      // Not a scan of the whole workspace in front of each rebuild (a rule file edited): file events keep the index
      // current; a scan runs only after one of them, or a rescan request (config change).
      await parts.workspaceIndex.current();
      return [...parts.workspaceIndex.runbooks(), ...parts.workspaceIndex.pages().map((p) => ({ ...p, page: true }))];
    },
    indexedFacts: (path, mtimeMs) => parts.workspaceIndex.factsOf(path, mtimeMs),
    openDocument: (path) => {
      const doc = parts.documents.get(uriOf(path));
      return doc ? { text: doc.getText(), version: doc.version } : undefined;
    },
    analyze: async (path) => {
      const uri = uriOf(path);
      // An open document's analysis is the one its diagnostics show; a newer version cancels it: take that one.
      for (let attempt = 0; attempt < 3; attempt++) {
        const doc = parts.documents.get(uri);
        let analysis: Analysis | undefined;
        if (doc) analysis = await parts.analyses.get(doc);
        else {
          let decoded;
          try {
            decoded = decodeRunbook((parts.fs ?? nodeFileSystem).readBytes(path, { maxBytes: MAX_RUNBOOK_BYTES }));
          } catch {
            return undefined;
          }
          if ('error' in decoded) return undefined;
          analysis = await parts.analyses.analyzeClosed(uri, decoded.text, { isCancellationRequested: false });
        }
        if (!analysis) return undefined;
        try {
          return { runbook: analysis.runbook, findings: (await analysis.result).findings };
        } catch (e) {
          if (!(e instanceof LintCancelledError)) throw e;
        }
      }
      return undefined;
    },
    log: parts.log,
    refreshDiagnostics: parts.refreshDiagnostics,
  });
  return feature;
}
