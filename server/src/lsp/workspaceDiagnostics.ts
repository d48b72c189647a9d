/**
 * Problems for the whole workspace without opening files (LSP workspace diagnostics, pulled by the client every few
 * seconds). Each pull analyses, within a time slice, the runbooks whose file changed since the client last got them
 * (result id = modification time + the server's generation, bumped when settings, config or timelines change) and
 * answers "unchanged" for the rest; files not reached in this slice come in the next pull. Open documents are left to
 * the document pulls. On by default up to AUTO_LIMIT runbooks (`runbooks.workspaceDiagnostics`: auto, on, off).
 */
import { MAX_RUNBOOK_BYTES } from '../engine/files';
import { nodeFileSystem, type HostFileSystem } from '../engine/session/host';
import { pathToFileURL } from 'node:url';
import {
  DocumentDiagnosticReportKind, type CancellationToken, type Diagnostic, type WorkspaceDiagnosticReport, type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { decodeRunbook } from '../engine/files';
import type { Analyses } from './analyses';
import { toDiagnostic } from './convert';
import type { WorkspaceIndex } from './workspace-index';

/** Up to this many runbooks, `auto` means on: measured in bench/RESULTS.md (a first full pass and memory). */
export const AUTO_LIMIT = 3000;
/** How long one pull may spend analysing before it answers with what it has. */
const SLICE_MS = 750;

export type WorkspaceDiagnosticsMode = 'auto' | 'on' | 'off';

export interface WorkspaceDiagnosticsHost {
  index: WorkspaceIndex;
  analyses: Analyses;
  isOpen(uri: string): boolean;
  mode(): Promise<WorkspaceDiagnosticsMode>;
  /** Bumped whenever findings may change for unchanged files (settings, config, timelines). */
  generation(): number;
  /** Diagnostics other workspace features add to a runbook (alert coverage), with a stamp that changes when they do. */
  extra?(path: string): { stamp: string; diagnostics: Diagnostic[] };
  /** The file system closed runbooks are read from (the session host's); the real one by default. */
  fs?: HostFileSystem;
}

export class WorkspaceDiagnostics {

  constructor(private readonly host: WorkspaceDiagnosticsHost) {}

  /** One pull: reports for changed files (within the time slice), "unchanged" for the rest. */
  async pull(previous: { uri: string; value: string }[], token: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    const mode = await this.host.mode();
    await this.host.index.current();
    const runbooks = this.host.index.runbooks();
    if (mode === 'off' || (mode === 'auto' && runbooks.length > AUTO_LIMIT)) return { items: [] };
    const known = new Map(previous.map((p) => [p.uri, p.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const deadline = Date.now() + SLICE_MS;
    for (const { path, mtimeMs } of runbooks) {
      if (token.isCancellationRequested) break;
      const uri = pathToFileURL(path).toString();
      if (this.host.isOpen(uri)) continue;
      const extra = this.host.extra?.(path);
      const resultId = `${mtimeMs}:${this.host.generation()}${extra ? `:${extra.stamp}` : ''}`;
      if (known.get(uri) === resultId) {
        items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId });
        continue;
      }
      if (Date.now() > deadline) continue;
      const report = await this.analyze(uri, path, resultId, token);
      if (report?.kind === DocumentDiagnosticReportKind.Full && extra) report.items.push(...extra.diagnostics);
      if (report) items.push(report);
    }
    return { items };
  }

  private async analyze(uri: string, path: string, resultId: string, token: CancellationToken): Promise<WorkspaceDocumentDiagnosticReport | undefined> {
    let text: string;
    try {
      const decoded = decodeRunbook((this.host.fs ?? nodeFileSystem).readBytes(path, { maxBytes: MAX_RUNBOOK_BYTES }));
      if ('error' in decoded) return undefined;
      text = decoded.text;
    } catch {
      return undefined;
    }
    const analysis = await this.host.analyses.analyzeClosed(uri, text, token);
    if (!analysis) return { kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: [] };
    const result = await analysis.result.catch(() => undefined);
    if (!result) return undefined;
    return { kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: result.findings.map((f) => toDiagnostic(f, -1)) };
  }
}
