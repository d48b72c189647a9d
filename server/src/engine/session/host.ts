/**
 * The host: everything the engine reaches outside itself, in one object. The file system subset the engine reads
 * runbooks, schemas, configs, alert rules and links with; the clock; `today` (the date the stale rules judge by); the
 * working folder; and how analysis workers are made. `nodeHost()` is the real machine; `memoryHost(files)` an in-memory
 * workspace for tests, so the engine and the language server run without temp folders and without the real clock.
 *
 * Not through the host, on purpose: the timeline store and the crash-safety code (appends, locks, fsync, git sync),
 * whose point is the real disk.
 */
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { readNamedFileSync, UnreadableFileError, type NamedFileLimits } from '../files';
import { todayUtc } from '../stale';

/** What the engine asks of a file's metadata. */
export interface HostStat {
  size: number;
  mtimeMs: number;
  isFile(): boolean;
  isDirectory(): boolean;
}

export interface HostDirent {
  name: string;
  isFile(): boolean;
  isDirectory(): boolean;
}

/** The file system as the engine sees it; paths are absolute. Errors are shaped like Node's (`code: 'ENOENT'`, ...). */
export interface HostFileSystem {
  /**
   * A file's bytes through the guarded reader: a regular file only, at most `limits.maxBytes`, not through a symbolic
   * link out of `limits.root`. Throws UnreadableFileError saying why.
   */
  readBytes(path: string, limits: NamedFileLimits): Buffer;
  /** readBytes as UTF-8 text, without a byte order mark. */
  readText(path: string, limits: NamedFileLimits): string;
  stat(path: string): HostStat;
  readdir(path: string): HostDirent[];
  realpath(path: string): string;
  exists(path: string): boolean;
  /** Whether anything is at `path` without following a last symbolic link (a dangling link counts). */
  existsNoFollow(path: string): boolean;
}

/** How the analysis workers are made: the script they run (absent: analyses run on the calling thread, unbudgeted). */
export interface HostWorkers {
  script?: string;
}

export interface EngineHost {
  readonly fs: HostFileSystem;
  /** Milliseconds since the epoch. */
  now(): number;
  /** Today as YYYY-MM-DD: what "stale" and "overdue" are judged against. */
  today(): string;
  /** Where relative paths and `/`-rooted links start when nothing else says. */
  cwd(): string;
  readonly workers: HostWorkers;
}

function withoutBom(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The real file system, through the engine's guarded reader. */
export const nodeFileSystem: HostFileSystem = {
  readBytes: (path, limits) => readNamedFileSync(path, limits),
  readText: (path, limits) => withoutBom(readNamedFileSync(path, limits)),
  stat: (path) => statSync(path),
  readdir: (path) => readdirSync(path, { withFileTypes: true }),
  realpath: (path) => realpathSync(path),
  exists: (path) => {
    try {
      statSync(path);
      return true;
    } catch {
      return false;
    }
  },
  existsNoFollow: (path) => lstatSync(path, { throwIfNoEntry: false }) !== undefined,
};

/** The real machine: its file system, the system clock, today in UTC, the process's folder. */
export function nodeHost(options: { today?: () => string; now?: () => number; workerScript?: string; cwd?: string } = {}): EngineHost {
  return {
    fs: nodeFileSystem,
    now: options.now ?? Date.now,
    today: options.today ?? (() => todayUtc()),
    cwd: () => options.cwd ?? process.cwd(),
    workers: options.workerScript ? { script: options.workerScript } : {},
  };
}

/** An error shaped like the one Node's fs throws. */
function fsError(code: 'ENOENT' | 'ENOTDIR' | 'EISDIR', syscall: string, path: string): NodeJS.ErrnoException {
  const words = { ENOENT: 'no such file or directory', ENOTDIR: 'not a directory', EISDIR: 'illegal operation on a directory' }[code];
  const error: NodeJS.ErrnoException = new Error(`${code}: ${words}, ${syscall} '${path}'`);
  error.code = code;
  error.syscall = syscall;
  error.path = path;
  error.errno = { ENOENT: -2, ENOTDIR: -20, EISDIR: -21 }[code];
  return error;
}

/** An in-memory file system the engine can be handed: files by path, folders implied by them, editable by tests. */
export class MemoryFileSystem implements HostFileSystem {
  private readonly files = new Map<string, { text: string; mtimeMs: number }>();

  constructor(files: Record<string, string>, private readonly clock: () => number) {
    for (const [path, text] of Object.entries(files)) this.write(path, text);
  }

  /** Creates or replaces a file (its mtime moves on, as an editor's save does). */
  write(path: string, text: string): void {
    const key = this.key(path);
    const before = this.files.get(key)?.mtimeMs ?? 0;
    this.files.set(key, { text, mtimeMs: Math.max(this.clock(), before + 1) });
  }

  delete(path: string): void {
    this.files.delete(this.key(path));
  }

  /** Every file's path, sorted. */
  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  readBytes(path: string, limits: NamedFileLimits): Buffer {
    const key = this.key(path);
    const file = this.files.get(key);
    if (!file) {
      if (this.isDir(key)) throw new UnreadableFileError(path, 'not a regular file (a directory); nothing was read');
      throw new UnreadableFileError(path, 'cannot read: no such file (or a symbolic link to nothing)', 'ENOENT');
    }
    const bytes = Buffer.from(file.text, 'utf8');
    if (bytes.length > limits.maxBytes) throw new UnreadableFileError(path, `too large (${bytes.length} bytes, more than ${limits.maxBytes}); nothing was read`);
    return bytes;
  }

  readText(path: string, limits: NamedFileLimits): string {
    return withoutBom(this.readBytes(path, limits));
  }

  stat(path: string): HostStat {
    const key = this.key(path);
    const file = this.files.get(key);
    if (file) {
      const size = Buffer.byteLength(file.text, 'utf8');
      return { size, mtimeMs: file.mtimeMs, isFile: () => true, isDirectory: () => false };
    }
    if (this.isDir(key)) return { size: 0, mtimeMs: 0, isFile: () => false, isDirectory: () => true };
    throw fsError('ENOENT', 'stat', path);
  }

  readdir(path: string): HostDirent[] {
    const key = this.key(path);
    if (this.files.has(key)) throw fsError('ENOTDIR', 'scandir', path);
    if (!this.isDir(key)) throw fsError('ENOENT', 'scandir', path);
    const prefix = key.endsWith(sep) ? key : key + sep;
    const names = new Map<string, boolean>();
    for (const file of this.files.keys()) {
      if (!file.startsWith(prefix)) continue;
      const rest = file.slice(prefix.length);
      const cut = rest.indexOf(sep);
      if (cut < 0) names.set(rest, true);
      else if (!names.has(rest.slice(0, cut))) names.set(rest.slice(0, cut), false);
    }
    return [...names].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, file]) => ({ name, isFile: () => file, isDirectory: () => !file }));
  }

  realpath(path: string): string {
    const key = this.key(path);
    if (!this.files.has(key) && !this.isDir(key)) throw fsError('ENOENT', 'realpath', path);
    return key;
  }

  exists(path: string): boolean {
    const key = this.key(path);
    return this.files.has(key) || this.isDir(key);
  }

  /** No symbolic links in memory: the same as exists. */
  existsNoFollow(path: string): boolean {
    return this.exists(path);
  }

  private isDir(key: string): boolean {
    if (key === dirname(key)) return true; // the root
    const prefix = key.endsWith(sep) ? key : key + sep;
    for (const file of this.files.keys()) if (file.startsWith(prefix)) return true;
    return false;
  }

  private key(path: string): string {
    if (!isAbsolute(path)) throw new Error(`the in-memory file system takes absolute paths, not ${path}`);
    return resolve(path);
  }
}

export interface MemoryHost extends EngineHost {
  readonly fs: MemoryFileSystem;
  /** Moves today (tests of staleness). */
  setToday(today: string): void;
}

/**
 * An in-memory host for tests: `files` by absolute path (folders implied), a fixed `today`, a clock that starts at
 * `today`'s midnight UTC and moves only when a file is written, `cwd` the first folder given (default `/`).
 */
export function memoryHost(files: Record<string, string>, options: { today?: string; cwd?: string; workerScript?: string } = {}): MemoryHost {
  let today = options.today ?? '2026-01-15';
  let ticks = 0;
  const now = () => Date.parse(`${today}T00:00:00Z`) + ticks++;
  const fs = new MemoryFileSystem(files, now);
  return {
    fs,
    now,
    today: () => today,
    cwd: () => options.cwd ?? '/',
    workers: options.workerScript ? { script: options.workerScript } : {},
    setToday: (value) => {
      today = value;
    },
  };
}

/** Every `*.md` file under `dir` on the host, recursively, skipping node_modules and dot-folders; sorted per folder (as findMarkdownFiles). */
export function* markdownFilesOf(fs: HostFileSystem, dir: string): Generator<string> {
  const entries = fs.readdir(dir).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      yield* markdownFilesOf(fs, join(dir, e.name));
    } else if (e.isFile() && e.name.toLowerCase().endsWith('.md')) {
      yield join(dir, e.name);
    }
  }
}

/** walkFilesSync on the host: every file under `dir`, in name order, skipping node_modules and dot-folders; an unreadable folder is passed over. */
export function walkFilesOf(fs: HostFileSystem, dir: string, visit: (file: string) => unknown): void {
  let entries;
  try {
    entries = fs.readdir(dir);
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.')) walkFilesOf(fs, join(dir, e.name), visit);
    } else if (e.isFile()) visit(join(dir, e.name));
  }
}
