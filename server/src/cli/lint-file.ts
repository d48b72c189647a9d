/** Lints one runbook file: the unit of work of `runbooks lint`, in the main thread and in worker threads alike. */
import {
  bundledRunbookSchema, decodeRunbook, FileLinkWorkspace, lintParsed, loadSchemaFile, parseRunbook, schemaWithAliases,
  type Runbook, type RunbookSchema,
} from '../engine/index';
import { relative, sep } from 'node:path';
import { documentIdentity, fingerprint } from '../engine/baseline';
import { MAX_RUNBOOK_BYTES, readRegularFileSync } from '../engine/files';
import { drillsOf, type DrillIndex } from '../engine/drills/notes';
import { historyOf, type HistoryIndex } from '../engine/history/index';
import type { FileReport } from './lint-format';
import type { LintProfile } from './project';

/** What a lint of one file needs besides its profile. */
export interface FileLintOptions {
  today: string;
  /** Where `/`-rooted links start (the folder lint runs in); relative links are checked against the file system. */
  linkRoot?: string;
  /** Step history of every runbook, by path relative to `linkRoot`. */
  history?: HistoryIndex;
  /** Drills and unclear steps of every runbook, by path relative to `linkRoot`. */
  drills?: DrillIndex;
}

/** One file system view per root for the whole run: each linked file is read once. */
const linkWorkspaces = new Map<string, FileLinkWorkspace>();

/** Lints one file's bytes; used in the main thread and in workers alike. */
export async function lintOneFile(file: string, profile: LintProfile, options: FileLintOptions): Promise<FileReport> {
  return (await analyzeFile(file, profile, options)).report;
}

const compiled = new Map<string, RunbookSchema>();

/** The schema of a profile, compiled once per thread: the team's (or the bundled one) with the config's aliases. */
export function schemaOfProfile(profile: LintProfile): RunbookSchema {
  let base = compiled.get(profile.schemaPath ?? '');
  if (!base) {
    base = schemaFromPath(profile.schemaPath);
    compiled.set(profile.schemaPath ?? '', base);
  }
  return schemaWithAliases(base, profile.sections);
}

/**
 * Reads, parses and lints one runbook file: what `runbooks lint` reports and what `steps` and `run` run, from the
 * same analysis. `runbook` is absent when the file could not be read as Markdown (`report.error` says why).
 */
export async function analyzeFile(file: string, profile: LintProfile, options: FileLintOptions): Promise<{ report: FileReport; runbook?: Runbook }> {
  const read = readRunbookText(file);
  if ('error' in read) return { report: { file, findings: [], error: read.error } };
  const schema = schemaOfProfile(profile);
  // Each file is parsed once: no chunk cache (see parseMarkdown).
  const runbook = parseRunbook(read.text, schema, { cacheChunks: false });
  const root = options.linkRoot ?? process.cwd();
  let workspace = linkWorkspaces.get(root);
  if (!workspace) linkWorkspaces.set(root, (workspace = new FileLinkWorkspace(root)));
  const result = await lintParsed(runbook, {
    schema,
    today: options.today,
    reviewIntervalDays: profile.reviewIntervalDays,
    staleErrorAfterDays: profile.staleErrorAfterDays,
    severities: profile.severities,
    links: { file, workspace },
    history: options.history ? historyOf(options.history, relative(root, file).split(sep).join('/')) : undefined,
    drills: options.drills ? drillsOf(options.drills, relative(root, file).split(sep).join('/')) : undefined,
    drillIntervalDays: profile.drillIntervalDays,
  });
  const failures = result.failures.map((f) => `the ${f.rule} check failed: ${f.error.message}`);
  const identity = documentIdentity(runbook, file);
  const fingerprints = result.findings.map((f) => fingerprint(f, read.text, identity));
  return { report: { file, findings: result.findings, fingerprints, failures, stale: result.findings.some((f) => f.rule === 'stale') }, runbook };
}

/** A runbook file's text, or why it cannot be read as one. */
function readRunbookText(file: string): { text: string } | { error: string } {
  let bytes: Buffer;
  try {
    // Synchronous on purpose: the CLI has nothing else to do meanwhile, and an async read per file leaves the thread
    // idle while the thread pool reads (about a tenth of a single-threaded run). A FIFO, a device or a file over the
    // size cap is refused on its descriptor with a reason, never waited on or read whole.
    bytes = readRegularFileSync(file, MAX_RUNBOOK_BYTES);
  } catch (e) {
    return { error: (e as Error).message };
  }
  return decodeRunbook(bytes);
}

export function schemaFromPath(path: string | undefined): RunbookSchema {
  return path ? loadSchemaFile(path) : bundledRunbookSchema();
}
