/**
 * The incident timeline store: an append-only JSON Lines file, one event per line.
 * Each append is one write(2) of a whole line on an O_APPEND descriptor followed by fsync, so concurrent writers never
 * interleave and a crash loses at most the line being written. Readers skip (and report) a torn or invalid line.
 */
import { promises as fs, constants as fsConstants } from 'node:fs';
import * as path from 'node:path';
import { redactSecrets } from '../credentials/index';
import type { TimelineEvent } from './event';
import { timelineEventError } from './schema';

/** A line the reader skipped: 1-based line number and why. */
export interface BadLine {
  line: number;
  reason: string;
}

export interface TimelineReadResult {
  events: TimelineEvent[];
  bad: BadLine[];
}

/** Thrown when an event does not match the timeline schema; nothing is written. */
export class InvalidTimelineEventError extends Error {
  constructor(reason: string) {
    super(`invalid timeline event: ${reason}`);
    this.name = 'InvalidTimelineEventError';
  }
}

/** The current time as ISO-8601 UTC with milliseconds, the format of `ts`. */
export function nowIso(): string {
  return new Date().toISOString();
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
}

/** Appends one event as one line: redacts text/command/output, validates, creates folders, O_APPEND write + fsync. */
export async function appendEvent(file: string, event: TimelineEvent, options: AppendOptions = {}): Promise<void> {
  const redacted = (options.afterRedaction ?? ((e: TimelineEvent) => e))(await redactEvent(event));
  const reason = timelineEventError(redacted);
  if (reason) throw new InvalidTimelineEventError(reason);
  const line = JSON.stringify(redacted) + '\n';
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const handle = await fs.open(file, fsConstants.O_RDWR | fsConstants.O_APPEND | fsConstants.O_CREAT, 0o644);
  try {
    // A writer that crashed mid-line leaves no trailing newline; start on a fresh line so its tail cannot swallow ours.
    const prefix = (await endsWithoutNewline(handle)) ? '\n' : '';
    const bytes = Buffer.from(prefix + line, 'utf8');
    let written = (await handle.write(bytes, 0, bytes.length)).bytesWritten;
    // Regular files take the whole buffer in one write; a short write (disk full) is finished rather than left torn.
    while (written < bytes.length) {
      written += (await handle.write(bytes, written, bytes.length - written)).bytesWritten;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * True when the file ends in a torn line from a crashed writer. Another process's append can be seen half done (the
 * size grows page by page), so an unterminated end is looked at again a moment later: a write in progress has moved
 * on by then, a crashed writer's tail has not. When in doubt the answer is yes: an extra blank line costs nothing
 * (readers skip it), while gluing our line to a torn tail would lose our event.
 */
async function endsWithoutNewline(handle: fs.FileHandle): Promise<boolean> {
  const first = await lastByte(handle);
  if (first.size === 0 || first.byte === 0x0a) return false;
  await new Promise((resolve) => setTimeout(resolve, 15));
  const again = await lastByte(handle);
  return again.size === first.size && again.byte !== 0x0a;
}

async function lastByte(handle: fs.FileHandle): Promise<{ size: number; byte?: number }> {
  const { size } = await handle.stat();
  if (size === 0) return { size };
  const last = Buffer.alloc(1);
  // Positioned reads ignore O_APPEND, which only governs writes.
  await handle.read(last, 0, 1, size - 1);
  return { size, byte: last[0] };
}

/** The event with every free-text field passed through redactSecrets. */
async function redactEvent(event: TimelineEvent): Promise<TimelineEvent> {
  const copy: TimelineEvent = { ...event, text: await redactSecrets(event.text) };
  if (copy.command !== undefined) copy.command = await redactSecrets(copy.command);
  if (copy.output !== undefined) copy.output = await redactSecrets(copy.output);
  if (copy.title !== undefined) copy.title = await redactSecrets(copy.title);
  return copy;
}

/** Parses a timeline's text: every valid event, plus the 1-based number and reason of each line skipped. */
export function readTimeline(text: string): TimelineReadResult {
  const events: TimelineEvent[] = [];
  const bad: BadLine[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const lineNumber = index + 1;
    const isLast = index === lines.length - 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      bad.push({ line: lineNumber, reason: isLast ? 'torn line (incomplete write): not valid JSON' : 'not valid JSON' });
      return;
    }
    const reason = timelineEventError(value);
    if (reason) bad.push({ line: lineNumber, reason });
    else events.push(value as TimelineEvent);
  });
  return { events, bad };
}

/** Reads and parses a timeline file (see readTimeline). */
export async function readTimelineFile(file: string): Promise<TimelineReadResult> {
  return readTimeline(await fs.readFile(file, 'utf8'));
}
