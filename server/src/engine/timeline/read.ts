/**
 * Reading a timeline: tolerant where writers are strict. Every line that has the four fields every event has (`ts`,
 * `actor`, `kind`, `text`, all strings) is shown, counted and used, and flagged with what the schema says is wrong
 * with it (a missing kind-specific field, an unknown field or kind); only a line without them is skipped, and
 * reported with its number. Nothing is dropped silently.
 */
import type { TimelineEvent } from './event';
import { timelineEventError } from './schema';

/** A line the reader skipped: 1-based line number and why. */
export interface BadLine {
  line: number;
  reason: string;
}

/** An event that is shown although the schema rejects it: 1-based line number and what is wrong with it. */
export interface FlaggedEvent {
  line: number;
  reason: string;
  event: TimelineEvent;
}

export interface TimelineReadResult {
  /** Every event shown, in file order (flagged ones included). */
  events: TimelineEvent[];
  /** Lines skipped because they hold no event: the first MAX_BAD_LINES_KEPT of them (`skipped` counts them all). */
  bad: BadLine[];
  /** How many lines were skipped in all. */
  skipped: number;
  /** Events shown although incomplete or unknown to the schema (the same objects as in `events`). */
  flagged: FlaggedEvent[];
  /** Lines that repeat an event already read (same `id`, or same content for events without one): read once. */
  duplicates: number;
}

/**
 * What makes two lines one event: its `id`, or for an event written before ids its whole content (a hand merge or a
 * union merge can repeat a line; two distinct old events never have the same content, `ts` has milliseconds).
 */
export function eventIdentity(event: TimelineEvent): string {
  return typeof event.id === 'string' && event.id ? `id:${event.id}` : `content:${JSON.stringify(event)}`;
}

/**
 * The skipped lines kept with their reasons: a file of a million torn lines is summarised by its count, not held (and
 * printed) line by line.
 */
export const MAX_BAD_LINES_KEPT = 100;

/** How every line this version writes starts (the store writes `ts` first); it cannot occur inside a JSON string. */
const RECORD_START = '{"ts":"';

/** Parses a timeline's text: every event with its flags, plus the 1-based number and reason of each line skipped. */
export function readTimeline(text: string): TimelineReadResult {
  const result: TimelineReadResult = { events: [], bad: [], skipped: 0, flagged: [], duplicates: 0 };
  const seen = new Set<string>();
  // Line by line without splitting the whole text into an array first: memory stays the text plus what is kept.
  let start = 0;
  for (let number = 1; start <= text.length; number++) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const raw = text.slice(start, end);
    start = end + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    readLine(line, number, newline < 0, result, seen);
  }
  return result;
}

function skip(result: TimelineReadResult, bad: BadLine): void {
  result.skipped++;
  if (result.bad.length < MAX_BAD_LINES_KEPT) result.bad.push(bad);
}

function readLine(line: string, lineNumber: number, isLast: boolean, result: TimelineReadResult, seen: Set<string>): void {
  // An object that does not end with `}` is not JSON: no parse (and no exception) for a torn line.
  let value = line.startsWith('{') && !line.trimEnd().endsWith('}') ? undefined : parseJson(line);
  if (value === undefined) {
    // A writer that died mid-line (power loss) leaves a torn tail the next line may be glued to: the event after it
    // still starts with the record start, which cannot occur inside a JSON string, so it is recovered.
    const start = line.lastIndexOf(RECORD_START);
    value = start > 0 ? parseJson(line.slice(start)) : undefined;
    if (value === undefined || !isDisplayable(value)) {
      skip(result, { line: lineNumber, reason: isLast ? 'torn line (incomplete write): not valid JSON' : 'not valid JSON' });
      return;
    }
    skip(result, { line: lineNumber, reason: `torn line (incomplete write): ${start} characters skipped before the event on this line` });
  }
  if (!isDisplayable(value)) {
    skip(result, { line: lineNumber, reason: whyNotAnEvent(value) });
    return;
  }
  const identity = eventIdentity(value);
  if (seen.has(identity)) {
    result.duplicates++;
    return;
  }
  seen.add(identity);
  result.events.push(value);
  const reason = timelineEventError(value);
  if (reason) result.flagged.push({ line: lineNumber, reason, event: value });
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

/** The least an event needs to be shown: an object with string ts, actor, kind and text. */
function isDisplayable(value: unknown): value is TimelineEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.ts === 'string' && typeof v.actor === 'string' && typeof v.kind === 'string' && typeof v.text === 'string'
    && v.kind !== '';
}

function whyNotAnEvent(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an event (a JSON object is expected)';
  const v = value as Record<string, unknown>;
  const missing = ['ts', 'actor', 'kind', 'text'].filter((field) => typeof v[field] !== 'string' || (field === 'kind' && v[field] === ''));
  return `not an event: ${missing.map((field) => `"${field}"`).join(', ')} missing or not text (every event has ts, actor, kind and text)`;
}
