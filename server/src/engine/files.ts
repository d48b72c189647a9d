import { closeSync, constants as fsConstants, fstatSync, openSync, readdirSync, readSync, realpathSync, type Stats } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

/** Every `*.md` file under `dir`, recursively, skipping node_modules and dot-folders; sorted per folder. */
export async function* findMarkdownFiles(dir: string): AsyncGenerator<string> {
  yield* findMarkdownFilesSync(dir);
}

/**
 * findMarkdownFiles, synchronously: one readdir per folder and no promise per entry (an async walk of 400 runbooks
 * cost five times the CPU, a good part of a `lint --cache` run over an unchanged tree). A folder that cannot be read
 * throws, as it did.
 */
export function findMarkdownFilesSync(dir: string, into: string[] = []): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.')) findMarkdownFilesSync(join(dir, e.name), into);
    } else if (e.isFile() && e.name.toLowerCase().endsWith('.md')) {
      into.push(join(dir, e.name));
    }
  }
  return into;
}

/**
 * Calls `visit` with every file under `dir`, recursively and in name order, skipping node_modules and dot-folders (as
 * findMarkdownFiles does); a folder that cannot be read is passed over. Synchronous: for the rule-file scans.
 */
export function walkFilesSync(dir: string, visit: (file: string) => unknown): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.')) walkFilesSync(join(dir, e.name), visit);
    } else if (e.isFile()) visit(join(dir, e.name));
  }
}

/** Reads a file as runbook text; a file with NUL bytes in its first 8 KB is binary and rejected with a reason. */
export function decodeRunbook(bytes: Buffer): { text: string } | { error: string } {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { error: 'binary file (contains NUL bytes), not Markdown' };
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}

/** The largest runbook `runbooks lint` reads: a Markdown runbook is kilobytes; anything this big is not one. */
export const MAX_RUNBOOK_BYTES = 8 * 1024 * 1024;

/** Why a path cannot be read as a file's bytes, in words (the file system's code where it gave one). */
export class UnreadableFileError extends Error {
  constructor(readonly file: string, reason: string, readonly code?: string) {
    super(reason);
    this.name = 'UnreadableFileError';
  }
}

/** What a non-regular file is, for messages: `a FIFO`, `a character device`, ... */
export function describeFileType(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/**
 * The bytes of a regular file of at most `maxBytes`, read synchronously. The file is opened non-blocking (a FIFO does
 * not wait for a writer) and checked on its descriptor, so a device, a FIFO or a huge file is refused with a reason
 * instead of hanging or filling memory; at most `maxBytes + 1` bytes are ever read, even from a file that grows.
 */
export function readRegularFileSync(file: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnreadableFileError(file, `cannot read: ${code ?? (e as Error).message}`, code);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new UnreadableFileError(file, `not a regular file (${describeFileType(stats)}); nothing was read`);
    if (stats.size > maxBytes) throw new UnreadableFileError(file, tooLarge(stats.size, maxBytes));
    let buffer = Buffer.alloc(Math.min(maxBytes + 1, stats.size + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        // The file grew since fstat: keep reading, but never past the limit.
        if (length > maxBytes) throw new UnreadableFileError(file, tooLarge(length, maxBytes, true));
        const grown = Buffer.alloc(Math.min(maxBytes + 1, buffer.length * 2));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) throw new UnreadableFileError(file, tooLarge(length, maxBytes, true));
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** What the guarded reader is told about a file a repository named. */
export interface NamedFileLimits {
  /** The folder the file must stay in once symbolic links are followed (the workspace folder, the config's folder). */
  root?: string;
  maxBytes: number;
}

/**
 * THE reader for every file the tool reads because a repository named it (rule files, baseline, schema, config):
 * a regular file only (no FIFO, device or folder), at most `maxBytes`, and, when `root` is given, not reached through
 * a symbolic link that leads out of `root`. Throws UnreadableFileError whose message says why; nothing is read then.
 */
export function readNamedFileSync(file: string, limits: NamedFileLimits): Buffer {
  const absolute = resolve(file);
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file (or a symbolic link to nothing)' : code === 'ELOOP' ? 'a loop of symbolic links' : (e as Error).message;
    throw new UnreadableFileError(file, `cannot read: ${why}${code && !why.includes(code) ? ` (${code})` : ''}`, code);
  }
  if (limits.root !== undefined && real !== absolute && !isInside(realRoot(limits.root), real)) {
    throw new UnreadableFileError(file, `a symbolic link that leads out of ${limits.root} (to ${real}); nothing was read`);
  }
  // The resolved path is opened, so a link swapped in after the check is not followed out either (all its folders
  // were resolved; only its last part could change, and a FIFO or device there is refused on its descriptor).
  return readRegularFileSync(real, limits.maxBytes);
}

/** readNamedFileSync as UTF-8 text, without a byte order mark. */
export function readNamedTextSync(file: string, limits: NamedFileLimits): string {
  const text = readNamedFileSync(file, limits).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function realRoot(root: string): string {
  try {
    return realpathSync(resolve(root));
  } catch {
    return resolve(root);
  }
}

/** Whether `path` is `folder` or inside it (both absolute). */
export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function tooLarge(size: number, maxBytes: number, atLeast = false): string {
  const mb = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return `too large (${atLeast ? 'more than ' : ''}${mb(atLeast ? maxBytes : size)}; the limit is ${mb(maxBytes)}); nothing was read`;
}

/**
 * Creates `dir` and its missing parents, one mkdir at a time from the nearest folder that exists. Node's recursive
 * mkdir loops forever (100% CPU) when a parent cannot hold folders, e.g. under /proc; this fails with ENOENT instead.
 */
export async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = resolve(dir);
  for (;;) {
    try {
      const stats = await stat(current);
      if (!stats.isDirectory()) throw Object.assign(new Error(`${current} is not a folder`), { code: 'ENOTDIR' });
      break;
    } catch (e) {
      const parent = dirname(current);
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || parent === current) throw e;
      missing.push(current);
      current = parent;
    }
  }
  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}
