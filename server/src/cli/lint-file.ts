/** Lints one runbook file: the unit of work of `runbooks lint`, in the main thread and in worker threads alike. */
import type { LintProfile } from '../engine/analyze';
import { isCostly } from '../engine/analyze';
import { analyzeWithinBudget } from './budget';
import { nodeHost } from '../engine/session/host';
import { createSession, type EngineSession } from '../engine/session/session';
import { contentHash } from './cache';
import { RecordingLinkWorkspace } from './lint-inputs';
import { documentIdentity, fingerprint } from '../engine/baseline';
import { decodeRunbook, MAX_RUNBOOK_BYTES, readRegularFileSync } from '../engine/files';
import type { DrillIndex } from '../engine/drills/notes';
import type { HistoryIndex } from '../engine/history/index';
import type { Runbook } from '../engine/index';
import { portableFacts } from '../engine/alerts/runbook-facts';
import type { FileReport } from './lint-format';

/** What a lint of one file needs besides its profile. */
export interface FileLintOptions {
  today: string;
  /** Where `/`-rooted links start (the folder lint runs in); relative links are checked against the file system. */
  linkRoot?: string;
  /** Step history of every runbook, by path relative to `linkRoot`. */
  history?: HistoryIndex;
  /** Drills and unclear steps of every runbook, by path relative to `linkRoot`. */
  drills?: DrillIndex;
  /** Record what the lint read (`report.inputs`) for `lint --cache`. */
  recordInputs?: boolean;
  /** Give the runbook's alert-coverage facts (`report.facts`), for `runbooks coverage`. */
  facts?: boolean;
  /** List the runbook's outside (http, https) links (`report.urls`), for `runbooks links --external`. */
  urls?: boolean;
  /** The run's engine session (without: one for this file alone). */
  session?: EngineSession;
}

/** Lints one file's bytes; used in the main thread and in workers alike. */
export async function lintOneFile(file: string, profile: LintProfile, options: FileLintOptions): Promise<FileReport> {
  return (await analyzeFile(file, profile, options)).report;
}

/**
 * Reads, parses and lints one runbook file: what `runbooks lint` reports and what `steps` and `run` run, from the
 * same analysis. `runbook` is absent when the file could not be read as Markdown (`report.error` says why).
 */
export async function analyzeFile(file: string, profile: LintProfile, options: FileLintOptions): Promise<{ report: FileReport; runbook?: Runbook }> {
  const read = readRunbookText(file);
  if ('error' in read) return { report: { file, findings: [], error: read.error } };
  // A file of a costly shape may be analysed in a budgeted worker, out of sight of a recorder: it is never cached.
  const session = options.session ?? createSession(nodeHost());
  const recorder = options.recordInputs && !isCostly(read.text) ? new RecordingLinkWorkspace(options.linkRoot ?? session.host.cwd(), session) : undefined;
  const { runbook, result } = await analyzeWithinBudget(read.text, file, profile, {
    session, today: options.today, linkRoot: options.linkRoot, historyIndex: options.history, drillIndex: options.drills,
    ...(recorder ? { linkWorkspace: recorder } : {}),
  });
  const failures = result.failures.map((f) => `the ${f.rule} check failed: ${f.error.message}`);
  const identity = documentIdentity(runbook, file);
  const fingerprints = result.findings.map((f) => fingerprint(f, read.text, identity));
  const content = contentHash(read.bytes);
  const inputs = recorder?.inputs(content);
  const report: FileReport = { file, content, findings: result.findings, fingerprints, failures, stale: result.findings.some((f) => f.rule === 'stale'), ...(inputs ? { inputs } : {}) };
  if (options.facts) report.facts = portableFacts(runbook);
  if (options.urls) {
    report.urls = runbook.links.filter((l) => /^https?:\/\//i.test(l.url)).map((l) => ({ url: l.url, line: l.range.start.line + 1, column: l.range.start.character + 1 }));
  }
  return { report, runbook };
}

/** A runbook file's text, or why it cannot be read as one. */
function readRunbookText(file: string): { text: string; bytes: Buffer } | { error: string } {
  let bytes: Buffer;
  try {
    // Synchronous on purpose: the CLI has nothing else to do meanwhile, and an async read per file leaves the thread
    // idle while the thread pool reads (about a tenth of a single-threaded run). A FIFO, a device or a file over the
    // size cap is refused on its descriptor with a reason, never waited on or read whole.
    bytes = readRegularFileSync(file, MAX_RUNBOOK_BYTES);
  } catch (e) {
    return { error: (e as Error).message };
  }
  const decoded = decodeRunbook(bytes);
  return 'error' in decoded ? decoded : { text: decoded.text, bytes };
}
