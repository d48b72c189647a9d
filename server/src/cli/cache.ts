/**
 * `runbooks lint --cache`: each file's findings kept between runs, keyed on everything that changes them, so a run over
 * an unchanged tree parses nothing. An entry is used only when all of these are what they were:
 *
 * - the file's bytes (a content hash, not its modification time: a fresh CI checkout has new times, same contents);
 * - what applies to it: the effective config (its lint profile: sections, severities, intervals) and the content of
 *   the schema it names; the tool (its version and the CLI bundle's own hash, which holds the bundled schema);
 * - today's date (`stale`, `drill`) and what `--timelines` says about this runbook (its steps' history and drills);
 * - the files its links led to: every path the links check looked at (a file, a folder or nothing) and the content of
 *   each Markdown file whose headings an anchor was checked against. So a deleted, added or re-headed target re-checks
 *   the runbooks that link to it, and only those.
 *
 * The cache holds findings before `--baseline` filters them (the baseline is applied to cached and fresh findings
 * alike, so it is no part of the key), and never a file that could not be read, a check that failed or an analysis
 * that ran out of its budget (those are timing-dependent): they are checked again every run. The cache file is read
 * with a size cap and checked shape by shape: anything not exactly what this version writes (another version, another
 * tool, truncated, binary) is ignored and rewritten, never trusted. It is written to a temporary file and renamed.
 *
 * The cache file is the repository's to write (a shared CI cache, a pull request), and its key can be recomputed by
 * anyone: so credential findings are never taken from it on trust. Every cache hit is scanned for secrets again (the
 * scan is cheap next to a lint); a secret the cached findings do not hold makes the file a miss, linted afresh.
 */
import { hash, randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CREDENTIAL_RULE, checkCredentials } from '../engine/credentials/index';
import { applyConfiguredSeverities } from '../engine/config/index';
import { decodeRunbook, MAX_RUNBOOK_BYTES, readRegularFileSync } from '../engine/files';
import { applySuppressions } from '../engine/suppressions';
import { drillsOf, type DrillIndex } from '../engine/drills/notes';
import { historyOf, type HistoryIndex } from '../engine/history/index';
import type { Finding } from '../engine/types';
import type { LintProfile } from '../engine/analyze';
import type { FileReport } from './lint-format';
import type { PortableFacts } from '../engine/alerts/runbook-facts';
import type { LintJob, PoolStats } from './lint-pool';
import type { CliIO } from './io';

/** The default cache file, in the folder lint runs in: `.eslintcache`, `.stylelintcache`, `.runbookscache`. */
export const CACHE_FILE_NAME = '.runbookscache';
/** Bumped whenever what is stored changes meaning. */
const FORMAT = 1;
/** A cache file larger than this is not read (and is rewritten): ten thousand runbooks' findings are a few MB. */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;

/** What one lint of a file read besides its profile, recorded where the file was linted (a worker, maybe). */
export interface FileInputs {
  /** Content hash of the bytes that were linted. */
  content: string;
  /** Every path the links check asked about (absolute), with what was there. */
  kinds: [string, PathKind][];
  /** Every Markdown file whose headings an anchor was checked against (absolute), with its content hash (null: unreadable). */
  anchors: [string, string | null][];
}

export type PathKind = 'file' | 'dir' | 'none';

/** One file's cached result: paths relative to the folder lint runs in, '/'-separated. */
interface Entry {
  key: string;
  kinds: [string, PathKind][];
  anchors: [string, string | null][];
  findings: Finding[];
  fingerprints: string[];
  /** The runbook's alert-coverage facts, when the run that stored it asked for them (`runbooks coverage`). */
  facts?: PortableFacts;
}

interface CacheFile {
  runbooksLintCache: number;
  tool: string;
  /** Each entry is checked when it is looked up (a damaged one is a miss, and replaced). */
  files: Record<string, unknown>;
}

/** The content hash the cache keys on (also of schema files and linked files). */
export function contentHash(data: string | Buffer): string {
  return hash('sha256', data, 'base64url');
}

/** Where the cache file is: `--cache-location` as a file, or as a folder (an existing one, or a path ending in `/`). */
export function cacheFilePath(cwd: string, location?: string): string {
  if (location === undefined || location === '') return join(cwd, CACHE_FILE_NAME);
  const path = resolve(cwd, location);
  if (/[\\/]$/.test(location)) return join(path, CACHE_FILE_NAME);
  try {
    if (statSync(path).isDirectory()) return join(path, CACHE_FILE_NAME);
  } catch {
    // Not there yet: a file of that name.
  }
  return path;
}

/** What the run's findings depend on besides each file: given once by `runbooks lint`. */
export interface RunInputs {
  /** The folder lint runs in: cache paths are relative to it (a moved checkout keeps its cache). */
  cwd: string;
  today: string;
  profiles: LintProfile[];
  history?: HistoryIndex;
  drills?: DrillIndex;
  /** The run needs each runbook's coverage facts: an entry stored without them is a miss. */
  facts?: boolean;
}

/** How a run used the cache: `--verbose` says it, the tests read it. */
export interface CacheStats {
  /** Files whose findings came from the cache. */
  reused: number;
  /** Files that were checked (not in the cache, or changed). */
  checked: number;
}

/** The lint cache of one run: loaded (or started empty) from its file, looked up per file, saved once at the end. */
export class LintCache {
  private readonly entries: Map<string, unknown>;
  /** Something to write: an entry added, changed or dropped, or a cache file that was not used. */
  private dirty: boolean;
  private readonly visited = new Set<string>();
  private readonly profileKeys = new Map<number, string>();
  /** Content hashes of files read this run, by absolute path (linted files and link targets alike). */
  private readonly hashes = new Map<string, string | null>();
  private readonly kinds = new Map<string, PathKind>();
  /** Why the file on disk was not used ('' when it was, or there was none). */
  readonly ignored: string;

  private constructor(readonly path: string, private readonly tool: string, private readonly run: RunInputs, entries: Map<string, unknown> | undefined, ignored: string) {
    this.entries = entries ?? new Map();
    this.dirty = entries === undefined;
    this.ignored = ignored;
  }

  /** Reads the cache file; never throws: a missing, foreign or damaged file is an empty cache (`ignored` says why). */
  static load(path: string, run: RunInputs): LintCache {
    const tool = toolIdentity();
    let bytes: Buffer | undefined;
    try {
      bytes = readRegularFileSync(path, MAX_CACHE_BYTES);
    } catch (e) {
      if ((e as { code?: string }).code !== 'ENOENT') return new LintCache(path, tool, run, undefined, (e as Error).message);
    }
    if (!bytes) return new LintCache(path, tool, run, undefined, '');
    const parsed = parseCacheFile(bytes, tool);
    return typeof parsed === 'string' ? new LintCache(path, tool, run, undefined, parsed) : new LintCache(path, tool, run, parsed, '');
  }

  /**
   * The cached report of a file if every input it was linted from is unchanged. The file is read here (to hash it);
   * a file that cannot be read is a miss, and its lint says why.
   */
  lookup(file: string, profile: number): FileReport | undefined {
    const rel = this.relative(file);
    this.visited.add(rel);
    const entry = this.entries.get(rel);
    if (entry === undefined) return undefined;
    if (!isEntry(entry)) {
      this.entries.delete(rel);
      this.dirty = true;
      return undefined;
    }
    // Read afresh, not from this run's memo: `--fix` may have just rewritten it.
    const content = fileHash(file);
    this.hashes.set(file, content);
    if (content === null || entry.key !== this.keyOf(file, content, profile)) return undefined;
    if (this.run.facts && !entry.facts) return undefined;
    for (const [path, kind] of entry.kinds) if (this.kindOf(this.absolute(path)) !== kind) return undefined;
    for (const [path, seen] of entry.anchors) if (this.hashOf(this.absolute(path)) !== seen) return undefined;
    return {
      file, content, findings: entry.findings, fingerprints: entry.fingerprints, failures: [], stale: entry.findings.some((f) => f.rule === 'stale'),
      ...(entry.facts ? { facts: entry.facts } : {}),
    };
  }

  /** The lint profile of a job's profile index. */
  profile(index: number): LintProfile {
    return this.run.profiles[index];
  }

  /** Keeps a fresh report for the next run, when it is one that may be kept (see the file's comment). */
  store(report: FileReport, profile: number): void {
    const rel = this.relative(report.file);
    this.visited.add(rel);
    const inputs = report.inputs;
    const cacheable = inputs && !report.error && (report.failures?.length ?? 0) === 0
      && !report.findings.some((f) => f.rule === 'engine') && report.fingerprints?.length === report.findings.length;
    this.dirty = true;
    if (!cacheable) {
      this.entries.delete(rel);
      return;
    }
    this.entries.set(rel, {
      key: this.keyOf(report.file, inputs.content, profile),
      kinds: inputs.kinds.map(([p, k]) => [this.relative(p), k]),
      anchors: inputs.anchors.map(([p, h]) => [this.relative(p), h]),
      findings: report.findings,
      fingerprints: report.fingerprints ?? [],
      ...(report.facts ? { facts: report.facts } : {}),
    });
  }

  /**
   * Writes the cache (temporary file, then rename: a reader sees the old file or the new one, never half of one).
   * Entries of files this run did not see are kept while the file exists (a run over a subfolder keeps the rest).
   * Returns why it could not be written, or undefined.
   */
  save(): string | undefined {
    for (const rel of this.entries.keys()) {
      if (this.visited.has(rel) || this.kindOf(this.absolute(rel)) === 'file') continue;
      this.entries.delete(rel);
      this.dirty = true;
    }
    // Nothing changed (a run over an unchanged tree): the file on disk already says all this.
    if (!this.dirty) return undefined;
    const files: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const rel of [...this.entries.keys()].sort()) files[rel] = this.entries.get(rel);
    const data: CacheFile = { runbooksLintCache: FORMAT, tool: this.tool, files };
    const temp = `${this.path}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(temp, JSON.stringify(data));
      renameSync(temp, this.path);
      return undefined;
    } catch (e) {
      try {
        unlinkSync(temp);
      } catch {
        // Never written.
      }
      return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    }
  }

  /** The entry key: the file's content and path, its profile and schema, today, and its history from the timelines. */
  private keyOf(file: string, content: string, profile: number): string {
    let profileKey = this.profileKeys.get(profile);
    if (profileKey === undefined) {
      const p = this.run.profiles[profile];
      const schema = p.schemaPath ? { path: this.relative(p.schemaPath), content: this.hashOf(p.schemaPath) } : null;
      profileKey = contentHash(JSON.stringify({ ...p, schemaPath: undefined, schema }));
      this.profileKeys.set(profile, profileKey);
    }
    const rel = this.relative(file);
    // What analyze gives this runbook from `--timelines`, found the same way (by path, else by a path suffix).
    // A runbook the timelines say nothing about has the key it has without --timelines.
    const history = this.run.history ? historyOf(this.run.history, rel) : undefined;
    const drills = this.run.drills ? drillsOf(this.run.drills, rel) : undefined;
    const timelines = history || drills ? JSON.stringify([history ?? null, drills ?? null]) : '';
    return contentHash(`${content}\0${profileKey}\0${this.run.today}\0${rel}\0${timelines}`);
  }

  private hashOf(file: string): string | null {
    let h = this.hashes.get(file);
    if (h === undefined) this.hashes.set(file, (h = fileHash(file)));
    return h;
  }

  private kindOf(path: string): PathKind {
    let kind = this.kinds.get(path);
    if (kind === undefined) {
      kind = pathKind(path);
      this.kinds.set(path, kind);
    }
    return kind;
  }

  private relative(file: string): string {
    return relative(this.run.cwd, file).split(sep).join('/');
  }

  private absolute(rel: string): string {
    return isAbsolute(rel) ? rel : resolve(this.run.cwd, rel);
  }
}

/**
 * The content hash of a file's bytes; for a regular file too large to be a runbook, its size and modification time
 * (never read whole); null when it is not a regular file or cannot be read.
 */
export function fileHash(file: string): string | null {
  try {
    return contentHash(readRegularFileSync(file, MAX_RUNBOOK_BYTES));
  } catch {
    try {
      const stats = statSync(file);
      return stats.isFile() && stats.size > MAX_RUNBOOK_BYTES ? `large:${stats.size}:${stats.mtimeMs}` : null;
    } catch {
      return null;
    }
  }
}

/** What is at a path, as the links check sees it (symbolic links followed). */
export function pathKind(path: string): PathKind {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'file';
  } catch {
    return 'none';
  }
}

let identity: string | undefined;

/** This build of the tool: its version and, from the bundle, the bundle's own content (engine and bundled schema). */
function toolIdentity(): string {
  if (identity === undefined) {
    let build = 'source';
    if (__filename.endsWith('.js')) {
      try {
        build = contentHash(readRegularFileSync(__filename, MAX_CACHE_BYTES));
      } catch {
        build = `unreadable-${randomUUID()}`;
      }
    }
    identity = `runbooks ${TOOL_VERSION} ${build}`;
  }
  return identity;
}

/** The version SARIF reports too. */
const TOOL_VERSION = '0.1.0';

/** The entries of a cache file this build wrote (each still to be checked), or why it is not one. */
function parseCacheFile(bytes: Buffer, tool: string): Map<string, unknown> | string {
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch {
    return 'not a runbooks lint cache (not JSON)';
  }
  if (!isRecord(data) || data.runbooksLintCache !== FORMAT || !isRecord(data.files)) return 'not a runbooks lint cache of this format';
  if (data.tool !== tool) return 'written by another version of runbooks';
  return new Map(Object.entries(data.files));
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);
const KINDS = new Set(['file', 'dir', 'none']);

function isEntry(x: unknown): x is Entry {
  return isRecord(x) && typeof x.key === 'string'
    && Array.isArray(x.kinds) && x.kinds.every((k) => Array.isArray(k) && k.length === 2 && typeof k[0] === 'string' && KINDS.has(k[1] as string))
    && Array.isArray(x.anchors) && x.anchors.every((a) => Array.isArray(a) && a.length === 2 && typeof a[0] === 'string' && (a[1] === null || typeof a[1] === 'string'))
    && Array.isArray(x.findings) && x.findings.every(isFinding)
    && Array.isArray(x.fingerprints) && x.fingerprints.length === x.findings.length && x.fingerprints.every((f) => typeof f === 'string')
    && (x.facts === undefined || isFacts(x.facts));
}

function isFacts(x: unknown): x is PortableFacts {
  return isRecord(x) && (x.title === undefined || typeof x.title === 'string') && isRange(x.titleRange)
    && Array.isArray(x.claims) && x.claims.every((c) => isRecord(c) && typeof c.name === 'string' && isRange(c.range))
    && (x.claimsRange === undefined || isRange(x.claimsRange))
    && (x.frontMatterContentStart === undefined || isPosition(x.frontMatterContentStart))
    && (x.frontMatterLocked === undefined || typeof x.frontMatterLocked === 'boolean')
    && typeof x.eol === 'string' && Array.isArray(x.anchors) && x.anchors.every((a) => typeof a === 'string');
}

function isFinding(x: unknown): x is Finding {
  return isRecord(x) && typeof x.rule === 'string' && typeof x.code === 'string' && typeof x.message === 'string'
    && SEVERITIES.has(x.severity as string) && isRange(x.range)
    && (x.section === undefined || typeof x.section === 'string')
    && (x.fix === undefined || isFix(x.fix));
}

function isFix(x: unknown): boolean {
  return isRecord(x) && typeof x.title === 'string' && isEdits(x.edits)
    && (x.safe === undefined || typeof x.safe === 'boolean') && (x.snippets === undefined || isEdits(x.snippets));
}

function isEdits(x: unknown): boolean {
  return Array.isArray(x) && x.every((e) => isRecord(e) && typeof e.newText === 'string' && isRange(e.range));
}

function isRange(x: unknown): boolean {
  return isRecord(x) && isPosition(x.start) && isPosition(x.end);
}

function isPosition(x: unknown): boolean {
  return isRecord(x) && Number.isSafeInteger(x.line) && (x.line as number) >= 0 && Number.isSafeInteger(x.character) && (x.character as number) >= 0;
}

/**
 * The cache of a `lint`, `coverage` or `links` run at `path` (undefined: no cache asked for); with `verbose`, says
 * when the file there was not used. `display` shows a path as the command's messages do.
 */
export function openLintCache(io: CliIO, command: string, path: string | undefined, run: RunInputs, verbose: boolean, display: (abs: string) => string): LintCache | undefined {
  if (path === undefined) return undefined;
  const cache = LintCache.load(path, run);
  if (cache.ignored && verbose) io.stderr.write(`${command}: cache ${display(cache.path)} ignored (${cache.ignored}): it is rewritten\n`);
  return cache;
}

/** Writes the cache at the end of a run (if there is one); a cache that cannot be written is said, never fatal. */
export function saveLintCache(io: CliIO, command: string, cache: LintCache | undefined, display: (abs: string) => string): void {
  const unsaved = cache?.save();
  if (unsaved && cache) io.stderr.write(`${command}: cannot write the cache ${display(cache.path)}: ${unsaved}\n`);
}

/**
 * Whether every secret a fresh scan finds in the file is among the cached report's credential findings (a cache that
 * had them emptied, or a file changed without its hash changing, is caught here). A file that cannot be read now is
 * not vouched for: it is linted again, and its lint says why.
 */
async function credentialsAllCached(report: FileReport, profile: LintProfile): Promise<boolean> {
  let decoded;
  try {
    decoded = decodeRunbook(readRegularFileSync(report.file, MAX_RUNBOOK_BYTES));
  } catch {
    return false;
  }
  if ('error' in decoded) return true; // a binary file is never scanned: its report says so
  const at = (r: Finding['range']) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
  const cached = new Set(report.findings.filter((f) => f.rule === CREDENTIAL_RULE).map((f) => at(f.range)));
  // As lint keeps them: suppression comments and the profile's severities (`credential: off`) apply.
  const found = applyConfiguredSeverities(applySuppressions(decoded.text, await checkCredentials(decoded.text, [])), profile.severities);
  return found.every((f) => cached.has(at(f.range)));
}

/**
 * Lints the jobs through the cache: the files whose inputs are unchanged take their cached report and are never sent
 * to a worker; the others are linted by `lint` (recording their inputs) and stored. Reports come back in job order.
 */
export async function lintThroughCache(
  cache: LintCache, jobs: LintJob[], lint: (jobs: LintJob[]) => Promise<{ reports: FileReport[]; stats: PoolStats }>,
): Promise<{ reports: FileReport[]; stats: PoolStats; cache: CacheStats }> {
  const reports: (FileReport | undefined)[] = jobs.map((job) => cache.lookup(job.file, job.profile));
  const verified = await Promise.all(reports.map((r, i) => (r ? credentialsAllCached(r, cache.profile(jobs[i].profile)) : true)));
  verified.forEach((ok, i) => {
    if (!ok) reports[i] = undefined;
  });
  const misses = jobs.filter((_, i) => reports[i] === undefined);
  const fresh = await lint(misses);
  const byFile = new Map(fresh.reports.map((r, i) => [r.file, { report: r, profile: misses[i].profile }]));
  for (const { report, profile } of byFile.values()) cache.store(report, profile);
  return {
    reports: jobs.map((job, i) => reports[i] ?? (byFile.get(job.file) as { report: FileReport }).report),
    stats: fresh.stats,
    cache: { reused: jobs.length - misses.length, checked: misses.length },
  };
}
