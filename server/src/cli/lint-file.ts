/** Lints one runbook file: the unit of work of `runbooks lint`, in the main thread and in worker threads alike. */
import { readFileSync } from 'node:fs';
import {
  bundledRunbookSchema, decodeRunbook, FileLinkWorkspace, lintParsed, loadSchemaFile, parseRunbook, type Runbook, type RunbookSchema,
} from '../engine/index';
import { relative, sep } from 'node:path';
import { historyOf, type HistoryIndex } from '../engine/history/index';
import type { FileReport } from './lint-format';

export interface FileLintOptions {
  today: string;
  reviewIntervalDays?: number;
  staleErrorAfterDays?: number;
  /** Where `/`-rooted links start (the folder lint runs in); relative links are checked against the file system. */
  linkRoot?: string;
  /** Step history of every runbook, by path relative to `linkRoot`. */
  history?: HistoryIndex;
}

/** One file system view per root for the whole run: each linked file is read once. */
const linkWorkspaces = new Map<string, FileLinkWorkspace>();

/** Lints one file's bytes; used in the main thread and in workers alike. */
export async function lintOneFile(file: string, schema: RunbookSchema, options: FileLintOptions): Promise<FileReport> {
  return (await analyzeFile(file, schema, options)).report;
}

/**
 * Reads, parses and lints one runbook file: what `runbooks lint` reports and what `steps` and `run` run, from the
 * same analysis. `runbook` is absent when the file could not be read as Markdown (`report.error` says why).
 */
export async function analyzeFile(file: string, schema: RunbookSchema, options: FileLintOptions): Promise<{ report: FileReport; runbook?: Runbook }> {
  const read = readRunbookText(file);
  if ('error' in read) return { report: { file, findings: [], error: read.error } };
  // Each file is parsed once: no chunk cache (see parseMarkdown).
  const runbook = parseRunbook(read.text, schema, { cacheChunks: false });
  const root = options.linkRoot ?? process.cwd();
  let workspace = linkWorkspaces.get(root);
  if (!workspace) linkWorkspaces.set(root, (workspace = new FileLinkWorkspace(root)));
  const result = await lintParsed(runbook, {
    schema, today: options.today, reviewIntervalDays: options.reviewIntervalDays, staleErrorAfterDays: options.staleErrorAfterDays,
    links: { file, workspace },
    history: options.history ? historyOf(options.history, relative(root, file).split(sep).join('/')) : undefined,
  });
  const failures = result.failures.map((f) => `the ${f.rule} check failed: ${f.error.message}`);
  return { report: { file, findings: result.findings, failures, stale: result.findings.some((f) => f.rule === 'stale') }, runbook };
}

/** A runbook file's text, or why it cannot be read as one. */
function readRunbookText(file: string): { text: string } | { error: string } {
  let bytes: Buffer;
  try {
    // Synchronous on purpose: the CLI has nothing else to do meanwhile, and an async read per file leaves the thread
    // idle while the thread pool reads (about a tenth of a single-threaded run).
    bytes = readFileSync(file);
  } catch (e) {
    return { error: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  return decodeRunbook(bytes);
}

export function schemaFromPath(path: string | undefined): RunbookSchema {
  return path ? loadSchemaFile(path) : bundledRunbookSchema();
}
