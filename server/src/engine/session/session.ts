/**
 * One engine session per workspace (the language server) or per run (the CLI), made from a host. It owns every cache
 * the engine keeps, so nothing the engine learns lives in a module: two sessions in one process (two in-process
 * servers in a test, two workspaces) never see each other's schemas, configs or files, and `recompute()` forgets
 * everything derived when a config or schema changes.
 *
 * What it holds:
 * - team schemas compiled once per content hash (`schemaOf(profile)`), with a config's aliases (`aliased`);
 * - one link workspace (the files around a runbook) per root and lifetime (`linkWorkspace`);
 * - the parser's chunk cache, the credential scan's segment cache, compiled command tables, rename scores;
 * - content hashes of linked files (`lint --cache`), and anything a feature keeps per session (`keep`: the CLI's
 *   budget pool);
 * - per-file analyses keyed by path and content version: `analysis(path, version, compute)`. This is where the
 *   one-parse workspace index (engineer W) keeps each file's analysis, so lint, coverage, links and step history read
 *   the same parse; `forget(path)` drops one file's, `recompute()` all of them.
 *
 * Workers: an analysis worker thread has its own session (see analysis/worker.ts); `recompute()` calls every listener
 * registered with `onRecompute`, which the analysis pool uses to tell its workers to drop theirs.
 */
import { ChunkCache } from '../markdown';
import { SegmentCache } from '../credentials/index';
import { CommandTables } from '../steps/effect';
import { RenameMemo } from '../alerts/rename';
import { RunbookIndexMemo } from '../alerts/runbook-index';
import { AliasedSchemas, bundledRunbookSchema, schemaWithAliases, type RunbookSchema, type SectionConfig } from '../schema';
import { compileSchemaText, readSchemaText, schemaTextVersion } from '../schema-file';
import { FileLinkWorkspace } from '../links/workspace';
import type { EngineHost } from './host';

export interface SessionOptions {
  /** How long a linked file's existence and headings are trusted by default (the editor: seconds; the CLI: the run). */
  linkTtlMs?: number;
}

/** What a profile says about its schema (a subset of LintProfile, so this file does not import the analysis). */
export interface SchemaProfile {
  schemaPath?: string;
  schemaVersion?: string;
  sections: Record<string, SectionConfig>;
}

/** A resource a feature keeps per session, ended when the session is disposed. */
interface Kept {
  value: unknown;
  dispose?: () => void;
}

export class EngineSession {
  /** Bumped by every recompute(): a consumer that keeps derived data compares it. */
  generation = 0;
  readonly chunkCache = new ChunkCache();
  readonly secretSegments = new SegmentCache();
  /** Replaced (not cleared: WeakMaps cannot be) by recompute(). */
  commandTables = new CommandTables();
  aliased = new AliasedSchemas();
  readonly renameMemo = new RenameMemo();
  readonly indexMemo = new RunbookIndexMemo();
  /** Content hashes of linked Markdown files by path and mtime (`lint --cache` records them). */
  readonly linkedHashes = new Map<string, { mtimeMs: number; hash: string | null }>();
  private readonly schemasByPath = new Map<string, { version: string; schema: RunbookSchema }>();
  private readonly schemasByHash = new Map<string, RunbookSchema>();
  private readonly linkWorkspaces = new Map<string, FileLinkWorkspace>();
  private readonly analyses = new Map<string, { version: string | number; value: unknown }>();
  private readonly kept = new Map<string, Kept>();
  private readonly listeners = new Set<() => void>();

  constructor(readonly host: EngineHost, readonly options: SessionOptions = {}) {}

  /** Today as the host says (the stale and drill rules' date). */
  today(): string {
    return this.host.today();
  }

  /**
   * The schema of a profile: the team's (compiled once per content hash) or the bundled one, with the config's aliases.
   * A profile that carries the version of the text the main thread read recompiles when that version changes; one
   * without reuses what this session compiled until recompute(). Throws when the team schema cannot be read or used.
   */
  schemaOf(profile: SchemaProfile): RunbookSchema {
    if (!profile.schemaPath) return schemaWithAliases(bundledRunbookSchema(), profile.sections, this.aliased);
    let loaded = this.schemasByPath.get(profile.schemaPath);
    if (!loaded || (profile.schemaVersion !== undefined && loaded.version !== profile.schemaVersion)) {
      const text = readSchemaText(profile.schemaPath, undefined, this.host.fs);
      const version = schemaTextVersion(text);
      let schema = this.schemasByHash.get(version);
      if (!schema) this.schemasByHash.set(version, (schema = compileSchemaText(text, profile.schemaPath)));
      this.schemasByPath.set(profile.schemaPath, (loaded = { version, schema }));
    }
    return schemaWithAliases(loaded.schema, profile.sections, this.aliased);
  }

  /** One view of the files around runbooks per root and lifetime: each linked file is read once while trusted. */
  linkWorkspace(root: string, ttlMs = this.options.linkTtlMs): FileLinkWorkspace {
    const key = `${root}\0${ttlMs ?? ''}`;
    let workspace = this.linkWorkspaces.get(key);
    if (!workspace) this.linkWorkspaces.set(key, (workspace = new FileLinkWorkspace(root, ttlMs, () => this.host.now(), this.host.fs)));
    return workspace;
  }

  /**
   * A file's analysis for one version of its content (a document version, or a content hash): computed once, reused
   * while the version is the same; a new version replaces the old. `kind` separates analyses of one file.
   */
  analysis<T>(kind: string, path: string, version: string | number, compute: () => T): T {
    const key = `${kind}\0${path}`;
    const hit = this.analyses.get(key);
    if (hit && hit.version === version) return hit.value as T;
    const value = compute();
    this.analyses.set(key, { version, value });
    return value;
  }

  /** Drops one file's analyses (the file was deleted or changed on disk). */
  forget(path: string): void {
    for (const key of this.analyses.keys()) if (key.slice(key.indexOf('\0') + 1) === path) this.analyses.delete(key);
  }

  /** A resource kept for the session's life (made on first use); `dispose` ends it with the session. */
  keep<T>(name: string, make: () => T, dispose?: (value: T) => void): T {
    let kept = this.kept.get(name);
    if (!kept) {
      const value = make();
      this.kept.set(name, (kept = { value, ...(dispose ? { dispose: () => dispose(value) } : {}) }));
    }
    return kept.value as T;
  }

  /** Calls `listener` on every recompute() (the analysis pool tells its workers). Returns the unsubscribe. */
  onRecompute(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A config or schema changed: every derived cache is dropped (compiled schemas, link views, chunks, scans, tables,
   * analyses) and every listener is told, so the workers rebuild theirs and the next analysis follows the edit.
   */
  recompute(): void {
    this.generation++;
    this.schemasByPath.clear();
    this.schemasByHash.clear();
    this.linkWorkspaces.clear();
    this.analyses.clear();
    this.linkedHashes.clear();
    this.chunkCache.clear();
    this.secretSegments.clear();
    this.renameMemo.ownScores.clear();
    this.renameMemo.claimScores.clear();
    this.renameMemo.words.clear();
    this.indexMemo.recent.length = 0;
    this.commandTables = new CommandTables();
    this.aliased = new AliasedSchemas();
    for (const listener of [...this.listeners]) listener();
  }

  /** Ends what the session keeps (workers, pools). */
  dispose(): void {
    for (const kept of this.kept.values()) kept.dispose?.();
    this.kept.clear();
    this.listeners.clear();
  }
}

/** A session over `host`: one per workspace (language server) or per run (CLI). */
export function createSession(host: EngineHost, options: SessionOptions = {}): EngineSession {
  return new EngineSession(host, options);
}
