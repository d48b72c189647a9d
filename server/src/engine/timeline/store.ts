/**
 * The incident timeline store: an append-only JSON Lines file, one event per line.
 * An append takes the timeline's lock (see lock.ts: held by a socket, so a crashed writer cannot leave it held), then
 * writes the whole line with O_APPEND and fsyncs it. Whatever fails (a full disk, a short write, fsync), the file is cut
 * back to its size before the append, so no partial line is ever left by this writer; the error names the file.
 * A timeline is a regular file: a symbolic link, a FIFO or a device is refused, never followed or waited on.
 */
import { promises as fs, constants as fsConstants } from 'node:fs';
import * as path from 'node:path';
import { redactSecrets } from '../credentials/index';
import { describeFileType, makeFolders, UnreadableFileError } from '../files';
import type { TimelineEvent } from './event';
import { withTimelineLock } from './lock';
import { readTimeline, type TimelineReadResult } from './read';
import { timelineEventError } from './schema';
import { UlidGenerator } from './ulid';

export { readTimeline, type BadLine, type FlaggedEvent, type TimelineReadResult } from './read';

/** The largest timeline the readers load: a 10,000-event incident is about 4 MB. */
export const MAX_TIMELINE_BYTES = 128 * 1024 * 1024;

/** Thrown when an event does not match the timeline schema; nothing is written. */
export class InvalidTimelineEventError extends Error {
  constructor(reason: string) {
    super(`invalid timeline event: ${reason}`);
    this.name = 'InvalidTimelineEventError';
  }
}

/** Thrown when an event could not be appended; the message names the file, the cause and what is left in the file. */
export class TimelineWriteError extends Error {
  constructor(readonly file: string, what: string, readonly cause?: unknown) {
    super(`could not append to ${file}: ${what}`);
    this.name = 'TimelineWriteError';
  }
}

/** The writes an append makes; a test replaces them to inject a short write or a failing fsync. */
export interface AppendIo {
  /** Writes `length` bytes of `bytes` from `offset`; resolves with how many were written (fewer on a short write). */
  write(handle: fs.FileHandle, bytes: Buffer, offset: number, length: number): Promise<number>;
  sync(handle: fs.FileHandle): Promise<void>;
}

const FILE_SYSTEM: AppendIo = {
  write: async (handle, bytes, offset, length) => (await handle.write(bytes, offset, length)).bytesWritten,
  sync: (handle) => handle.sync(),
};

// Windows has no O_NOFOLLOW (nor O_NONBLOCK): there the file is lstat-ed before it is opened.
const O_NOFOLLOW = fsConstants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = fsConstants.O_NONBLOCK ?? 0;

/** The current time as ISO-8601 UTC with milliseconds, the format of `ts`. */
export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * An incident's title as it may be written anywhere: trimmed, every secret the `credential` rule finds replaced. A
 * pasted token must reach neither the `declared` event nor the timeline's file name, which is committed.
 */
export async function incidentTitle(title: string): Promise<string> {
  return redactSecrets(title.trim());
}

/** The file name of an incident's timeline: `<YYYY-MM-DD>-<slug>.timeline.jsonl` (UTC date). */
export function timelineFileName(date: Date, title: string): string {
  return `${date.toISOString().slice(0, 10)}-${slugify(title)}.timeline.jsonl`;
}

/** Lower-case ASCII words joined by '-', at most 60 characters; 'incident' when nothing is left. */
function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'incident';
}

/** What a writer may ask of appendEvent. */
export interface AppendOptions {
  /** Shapes the event after redaction (e.g. cuts its output to an excerpt): a cut made before could split a secret. */
  afterRedaction?: (redacted: TimelineEvent) => TimelineEvent;
  /** The file system layer (tests inject short writes and failing fsyncs). */
  io?: AppendIo;
  /** Makes the event's `id` when it has none (default: one generator per process, so a process's ids increase). */
  ids?: UlidGenerator;
}

// One per process on purpose: ids from one process must strictly increase, whichever module appends.
const PROCESS_IDS = new UlidGenerator();

/** The event as one line of a timeline file: `ts` first, then `id`, then the rest; newline-terminated. */
export function timelineLine(event: TimelineEvent): string {
  // ts first: a reader finds where a record starts even when a crashed writer's torn tail is glued before it.
  const { ts, id, actor, kind, text, ...rest } = event;
  return `${JSON.stringify({ ts, ...(id === undefined ? {} : { id }), actor, kind, text, ...rest })}\n`;
}

/**
 * Appends one event as one line: gives it an `id` (a ULID from its `ts`) when it has none, redacts
 * text/command/output/title, validates, creates folders, then under the timeline's lock writes the line whole (or cuts
 * the file back and throws TimelineWriteError) and fsyncs it. Resolves with the event as written.
 */
export async function appendEvent(file: string, event: TimelineEvent, options: AppendOptions = {}): Promise<TimelineEvent> {
  const io = options.io ?? FILE_SYSTEM;
  const withId = event.id === undefined ? { ...event, id: (options.ids ?? PROCESS_IDS).next(idTime(event.ts)) } : event;
  const redacted = (options.afterRedaction ?? ((e: TimelineEvent) => e))(await redactEvent(withId));
  const reason = timelineEventError(redacted);
  if (reason) throw new InvalidTimelineEventError(reason);
  const absolute = await timelineFolderMade(file);
  await withTimelineLock(absolute, () => appendLocked(absolute, timelineLine(redacted), io));
  return redacted;
}

/**
 * Appends events another responder wrote (received through sharing) as they are: they were redacted and validated
 * by their writer, and carry their own `id`. One write under the lock for all of them.
 */
export async function appendReceivedEvents(file: string, events: readonly TimelineEvent[], options: { io?: AppendIo } = {}): Promise<void> {
  if (events.length === 0) return;
  const absolute = await timelineFolderMade(file);
  await withTimelineLock(absolute, () => appendLocked(absolute, events.map(timelineLine).join(''), options.io ?? FILE_SYSTEM));
}

/** The ms of an event's `ts` for its ULID; a `ts` the schema will reject anyway counts as 0. */
function idTime(ts: string): number {
  const ms = Date.parse(ts);
  return Number.isInteger(ms) && ms >= 0 ? ms : 0;
}

async function timelineFolderMade(file: string): Promise<string> {
  const absolute = path.resolve(file);
  try {
    await makeFolders(path.dirname(absolute));
  } catch (error) {
    throw new TimelineWriteError(absolute, `its folder cannot be created: ${errorText(error)}; nothing was written`, error);
  }
  return absolute;
}

async function appendLocked(file: string, line: string, io: AppendIo): Promise<void> {
  if (!O_NOFOLLOW) await refuseSymlink(file, 'append to');
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, fsConstants.O_RDWR | fsConstants.O_APPEND | fsConstants.O_CREAT | O_NOFOLLOW | O_NONBLOCK, 0o644);
  } catch (error) {
    throw new TimelineWriteError(file, `${openFailure(error)}; nothing was written`, error);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new TimelineWriteError(file, `it is ${describeFileType(stats)}, not a regular file; nothing was written`);
    const size = stats.size;
    // Under the lock no other append is in progress, so an unterminated end is a torn line left by a crash: start on a
    // fresh line so it cannot swallow ours.
    const prefix = size > 0 && (await lastByte(handle, size)) !== 0x0a ? '\n' : '';
    const bytes = Buffer.from(prefix + line, 'utf8');
    let written = 0;
    try {
      while (written < bytes.length) {
        const count = await io.write(handle, bytes, written, bytes.length - written);
        if (count <= 0) throw new Error('the file system accepted no more bytes');
        written += count;
      }
      await io.sync(handle);
    } catch (error) {
      // Nothing else was appended since `size` (we hold the lock): cutting back there removes exactly our partial line.
      const restored = await handle.truncate(size).then(() => handle.sync()).then(() => true, () => false);
      const left = restored ? 'nothing was written (the file is as it was)' : `a partial line may remain after byte ${size}`;
      throw new TimelineWriteError(file, `${errorText(error)} after ${written} of ${bytes.length} bytes; ${left}`, error);
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Why `file` cannot be a timeline to append to (a symbolic link, a FIFO, a device, a folder), or undefined. */
export async function timelinePathProblem(file: string): Promise<string | undefined> {
  const stats = await fs.lstat(file).catch(() => undefined);
  if (!stats || stats.isFile()) return undefined;
  if (stats.isSymbolicLink()) return `${file} is a symbolic link; a timeline is never followed through one`;
  return `${file} is ${describeFileType(stats)}, not a regular file`;
}

async function lastByte(handle: fs.FileHandle, size: number): Promise<number | undefined> {
  const last = Buffer.alloc(1);
  // Positioned reads ignore O_APPEND, which only governs writes.
  const { bytesRead } = await handle.read(last, 0, 1, size - 1);
  return bytesRead === 1 ? last[0] : undefined;
}

/** Where O_NOFOLLOW is missing (Windows): refuse a symbolic link found by lstat. */
async function refuseSymlink(file: string, verb: string): Promise<void> {
  const stats = await fs.lstat(file).catch(() => undefined);
  if (stats?.isSymbolicLink()) throw new TimelineWriteError(file, `it is a symbolic link; Runbooks does not ${verb} a timeline through a link; nothing was written`);
}

function openFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP' || code === 'EMLINK') return 'it is a symbolic link, and a timeline is never followed through one';
  return `it cannot be opened: ${errorText(error)}`;
}

const ERROR_WORDS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EIO: 'an I/O error',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EFBIG: 'the file is too large',
};

/** An error in words with its code, e.g. `the disk is full (ENOSPC)`. */
export function errorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && ERROR_WORDS[code]) return `${ERROR_WORDS[code]} (${code})`;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

/** The event with every free-text field passed through redactSecrets. */
async function redactEvent(event: TimelineEvent): Promise<TimelineEvent> {
  const copy: TimelineEvent = { ...event, text: await redactSecrets(event.text) };
  if (copy.command !== undefined) copy.command = await redactSecrets(copy.command);
  if (copy.output !== undefined) copy.output = await redactSecrets(copy.output);
  if (copy.title !== undefined) copy.title = await redactSecrets(copy.title);
  if (copy.effectReasons !== undefined) copy.effectReasons = await Promise.all(copy.effectReasons.map(async (r) => ({ ...r, command: await redactSecrets(r.command) })));
  return copy;
}

/**
 * Reads and parses a timeline file (see readTimeline); throws UnreadableFileError whose message says why (not the path). Only a regular file of at most MAX_TIMELINE_BYTES is read: a
 * symbolic link, FIFO or device is refused (opened non-blocking, so a FIFO does not wait for a writer).
 */
export async function readTimelineFile(file: string): Promise<TimelineReadResult> {
  const absolute = path.resolve(file);
  if (!O_NOFOLLOW) {
    const stats = await fs.lstat(absolute).catch(() => undefined);
    if (stats?.isSymbolicLink()) throw new UnreadableFileError(absolute, 'it is a symbolic link, and a timeline is never followed through one');
  }
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(absolute, fsConstants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ELOOP' || code === 'EMLINK' ? 'it is a symbolic link, and a timeline is never followed through one' : errorText(error);
    throw new UnreadableFileError(absolute, why, code);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new UnreadableFileError(absolute, `it is ${describeFileType(stats)}, not a regular file`);
    if (stats.size > MAX_TIMELINE_BYTES) {
      throw new UnreadableFileError(absolute, `${(stats.size / 1048576).toFixed(0)} MB is more than the ${MAX_TIMELINE_BYTES / 1048576} MB a timeline may have`);
    }
    const bytes = Buffer.alloc(stats.size);
    let length = 0;
    while (length < bytes.length) {
      const { bytesRead } = await handle.read(bytes, length, bytes.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return readTimeline(bytes.subarray(0, length).toString('utf8'));
  } finally {
    await handle.close().catch(() => undefined);
  }
}
