/**
 * `runbooks lint --cache`: each file's findings kept between runs, keyed on everything that changes them, so a run over
 * an unchanged tree parses nothing. This module is the cache itself (its file, keys, lookups and saving); the lint
 * commands drive it through cli/lint-cached.ts. An entry is used only when all of these are what they were:
 *
 * - the file's bytes (a content hash, not its modification time: a fresh CI checkout has new times, same contents);
 *   a file whose stat (size, modification and change times, inode) is what it was when a sealed cache hashed it is
 *   not read again (a file changed within two seconds of being hashed is never vouched for by its stat: a write in
 *   the same clock tick could leave the same times);
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
 * Whether its findings are believed without a secret scan is the seal's business (cli/cache-seal.ts).
 */
import { hash, randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { MAX_RUNBOOK_BYTES, readRegularFileSync } from '../engine/files';
import { drillsOf, type DrillIndex } from '../engine/drills/notes';
import { historyOf, type HistoryIndex } from '../engine/history/index';
import type { Finding } from '../engine/types';
import type { LintProfile } from '../engine/analyze';
import type { PortableFacts } from '../engine/alerts/runbook-facts';
import type { CliIO } from './io';
import { isEntry, isRecord, isStatRecord, type Entry, type FileInputs, type PathKind, type StatRecord } from './cache-entry';
import { isSealed, sealedText } from './cache-seal';

export type { FileInputs, PathKind } from './cache-entry';

/** The default cache file, in the folder lint runs in: `.eslintcache`, `.stylelintcache`, `.runbookscache`. */
export const CACHE_FILE_NAME = '.runbookscache';
/** Bumped whenever what is stored changes meaning. */
const FORMAT = 2;
/** A cache file larger than this is not read (and is rewritten): ten thousand runbooks' findings are a few MB. */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;
/** A file changed less than `racyMs` ago is not vouched for by its stat (see the file's comment); tests lower it. */
export const STAT_TRUST = { racyMs: 2000 };

/** The parts of the cache file after its seal. */
interface CacheBody {
  tool: string;
  /** The stat of the CLI bundle when its hash (in `tool`) was taken. */
  toolStat?: StatRecord;
  /** Stats of hashed files, by path as entries name them. */
  stats: Record<string, unknown>;
  /** Each entry is checked when it is looked up (a damaged one is a miss, and replaced). */
  files: Record<string, unknown>;
}

/** A cached file's report: what lint reports for a file (lint-format's FileReport), from the cache. */
export interface CachedReport {
  file: string;
  content: string;
  findings: Finding[];
  fingerprints: string[];
  failures: string[];
  stale: boolean;
  facts?: PortableFacts;
}

/** What a fresh report must tell the cache to be stored (lint-format's FileReport has these). */
export interface StorableReport {
  file: string;
  findings: Finding[];
  fingerprints?: string[];
  error?: string;
  failures?: string[];
  inputs?: FileInputs;
  facts?: PortableFacts;
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
  /** Something to write: an entry added, changed or dropped, a stat learnt, or a cache file that was not sealed. */
  private dirty: boolean;
  private readonly visited = new Set<string>();
  private readonly profileKeys = new Map<number, string>();
  /** Content hashes of files read this run, by absolute path (linted files and link targets alike). */
  private readonly hashes = new Map<string, string | null>();
  private readonly kinds = new Map<string, PathKind>();
  /** The stats of the file read (believed only when it was sealed), and those of this run, to be saved. */
  private readonly oldStats: Map<string, StatRecord>;
  private readonly newStats = new Map<string, StatRecord>();
  /** Stats of files not in the cache, taken before their lint read them. */
  private readonly pendingStats = new Map<string, Stats>();
  /** When the run started, by the clock of the file system the cache is on (the one file times are written with). */
  private readonly startedAt: number;

  private constructor(
    readonly path: string, private readonly tool: { id: string; stat?: StatRecord }, private readonly run: RunInputs,
    read: { entries: Map<string, unknown>; stats: Map<string, StatRecord>; sealed: boolean } | undefined,
    /** Why the file on disk was not used ('' when it was, or there was none). */
    readonly ignored: string,
  ) {
    this.startedAt = fileSystemNow(dirname(path));
    this.entries = read?.entries ?? new Map();
    this.oldStats = read?.sealed ? read.stats : new Map();
    this.sealed = read?.sealed ?? false;
    this.dirty = !this.sealed;
  }

  /**
   * The file was sealed by this user's runs (cli/cache-seal.ts): its findings need no second secret scan and its
   * stats stand for the hashes they were taken with.
   */
  readonly sealed: boolean;

  /** Reads the cache file; never throws: a missing, foreign or damaged file is an empty cache (`ignored` says why). */
  static load(path: string, run: RunInputs): LintCache {
    let bytes: Buffer | undefined;
    try {
      bytes = readRegularFileSync(path, MAX_CACHE_BYTES);
    } catch (e) {
      if ((e as { code?: string }).code !== 'ENOENT') return new LintCache(path, toolIdentity(undefined), run, undefined, (e as Error).message);
    }
    if (!bytes) return new LintCache(path, toolIdentity(undefined), run, undefined, '');
    const parsed = parseCacheFile(bytes);
    if (typeof parsed === 'string') return new LintCache(path, toolIdentity(undefined), run, undefined, parsed);
    const tool = toolIdentity(parsed.sealed ? parsed.body : undefined);
    if (parsed.body.tool !== tool.id) return new LintCache(path, tool, run, undefined, 'written by another version of runbooks');
    const stats = new Map<string, StatRecord>();
    if (isRecord(parsed.body.stats)) for (const [rel, s] of Object.entries(parsed.body.stats)) if (isStatRecord(s)) stats.set(rel, s);
    return new LintCache(path, tool, run, { entries: new Map(Object.entries(parsed.body.files)), stats, sealed: parsed.sealed }, '');
  }

  /**
   * The cached report of a file if every input it was linted from is unchanged. The file is hashed here (read, unless
   * a sealed stat vouches for it); a file that cannot be read is a miss, and its lint says why.
   */
  lookup(file: string, profile: number): CachedReport | undefined {
    const rel = this.relative(file);
    this.visited.add(rel);
    // Not from this run's memo: `--fix` may have just rewritten it. Stat first, even for a file not in the cache: the
    // stat then precedes the lint's read, so a stat saved with the lint's hash never postdates the bytes hashed.
    const stored = this.entries.get(rel);
    if (stored === undefined) {
      // Nothing to compare: the lint's own hash of the file is saved with this stat (store), the file is not read twice.
      const stats = settledStat(file, this.startedAt);
      if (stats) this.pendingStats.set(rel, stats);
      return undefined;
    }
    const content = this.freshHash(file, rel);
    // A sealed file's entries are this build's own writing (its tool is this build): their shape is not checked again.
    if (!this.sealed && !isEntry(stored)) {
      this.entries.delete(rel);
      this.dirty = true;
      return undefined;
    }
    const entry = stored as Entry;
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
  store(report: StorableReport, profile: number): void {
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
    // The stat taken at lookup goes with the hash the lint read, only if that lint read the same bytes lookup did.
    const learnt = this.newStats.get(rel);
    if (learnt && learnt[4] !== inputs.content) this.newStats.delete(rel);
    const pending = this.pendingStats.get(rel);
    if (pending) this.newStats.set(rel, [pending.size, pending.mtimeMs, pending.ctimeMs, pending.ino, inputs.content]);
    this.entries.set(rel, {
      key: this.keyOf(report.file, inputs.content, profile),
      kinds: inputs.kinds.map(([p, k]) => [this.relative(p), k]),
      anchors: inputs.anchors.map(([p, h]) => [this.relative(p), h]),
      findings: report.findings,
      fingerprints: report.fingerprints ?? [],
      ...(report.facts ? { facts: report.facts } : {}),
    } satisfies Entry);
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
    const stats: Record<string, StatRecord> = Object.create(null) as Record<string, StatRecord>;
    for (const [rel, s] of this.oldStats) if (!this.newStats.has(rel) && this.entries.has(rel)) stats[rel] = s;
    for (const [rel, s] of this.newStats) stats[rel] = s;
    const body: CacheBody = { tool: this.tool.id, ...(this.tool.stat ? { toolStat: this.tool.stat } : {}), stats, files };
    const temp = `${this.path}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(temp, sealedText(FORMAT, JSON.stringify(body).slice(1)));
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
    if (h === undefined) h = this.freshHash(file, this.relative(file));
    return h;
  }

  /** The file's content hash now: a sealed stat that still matches stands for it; else the file is read. */
  private freshHash(file: string, rel: string): string | null {
    const stats = settledStat(file, this.startedAt);
    const known = stats && this.oldStats.get(rel);
    const h = stats && known && sameStat(known, stats) ? known[4] : fileHash(file);
    this.hashes.set(file, h);
    if (stats && h !== null) {
      if (!known || !sameStat(known, stats) || known[4] !== h) this.dirty = true;
      this.newStats.set(rel, [stats.size, stats.mtimeMs, stats.ctimeMs, stats.ino, h]);
    } else {
      this.newStats.delete(rel);
    }
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
 * Now, as the file system in `dir` stamps a file: a probe file's modification time (written and removed at once).
 * Whether a file changed "long enough ago" compares two times of one clock: the process's own clock can be off from
 * the one file times come from (a network file system, a container's clock, a faked time), and a file written just now
 * would then look settled. Without a writable folder, the process's clock.
 */
function fileSystemNow(dir: string): number {
  const probe = join(dir, `.runbookscache-clock-${process.pid}-${randomUUID()}`);
  try {
    writeFileSync(probe, '', { flag: 'wx' });
    try {
      return statSync(probe).mtimeMs;
    } finally {
      unlinkSync(probe);
    }
  } catch {
    return Date.now();
  }
}

/** The stat of a regular file changed long enough ago that its stat can vouch for its bytes; else undefined. */
function settledStat(file: string, now: number): Stats | undefined {
  try {
    const stats = statSync(file);
    return stats.isFile() && Math.max(stats.mtimeMs, stats.ctimeMs) < now - STAT_TRUST.racyMs ? stats : undefined;
  } catch {
    return undefined;
  }
}

function sameStat(known: StatRecord, stats: Stats): boolean {
  return known[0] === stats.size && known[1] === stats.mtimeMs && known[2] === stats.ctimeMs && known[3] === stats.ino;
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

/**
 * This build of the tool: its version and, from the bundle, the bundle's own content (engine and bundled schema).
 * A sealed cache that hashed this very bundle file (same stat) saves reading and hashing its megabytes again.
 */
function toolIdentity(sealed: CacheBody | undefined): { id: string; stat?: StatRecord } {
  if (!__filename.endsWith('.js')) return { id: `runbooks ${TOOL_VERSION} source` };
  let stats: Stats | undefined;
  try {
    stats = statSync(__filename);
  } catch {
    stats = undefined;
  }
  if (stats && sealed?.toolStat && isStatRecord(sealed.toolStat) && sameStat(sealed.toolStat, stats)) return { id: sealed.tool, stat: sealed.toolStat };
  let build: string;
  try {
    build = contentHash(readRegularFileSync(__filename, MAX_CACHE_BYTES));
  } catch {
    return { id: `runbooks ${TOOL_VERSION} unreadable-${randomUUID()}` };
  }
  const id = `runbooks ${TOOL_VERSION} ${build}`;
  // A bundle changed in the last moments is not vouched for by its stat (as files are not).
  const settled = stats && Math.max(stats.mtimeMs, stats.ctimeMs) < fileSystemNow(dirname(__filename)) - STAT_TRUST.racyMs;
  return { id, ...(stats && settled ? { stat: [stats.size, stats.mtimeMs, stats.ctimeMs, stats.ino, build] satisfies StatRecord } : {}) };
}

/** The version SARIF reports too. */
const TOOL_VERSION = '0.1.0';

/** The parts of a cache file this format writes (each entry still to be checked), or why it is not one. */
function parseCacheFile(bytes: Buffer): { body: CacheBody; sealed: boolean } | string {
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch {
    return 'not a runbooks lint cache (not JSON)';
  }
  if (!isRecord(data) || data.runbooksLintCache !== FORMAT || !isRecord(data.files) || typeof data.tool !== 'string') return 'not a runbooks lint cache of this format';
  return { body: data as unknown as CacheBody, sealed: isSealed(FORMAT, bytes) };
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
