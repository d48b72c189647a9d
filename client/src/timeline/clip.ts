// What the panel draws of an event: long fields clipped, so a 1 MB note without spaces (or a huge output) neither
// freezes the webview's line breaking nor travels whole in every message. Plain data: imported by tests.
import type { TimelineEvent } from '../../../server/src/api/incident';

/** Characters the panel shows of each field; the rest is replaced by a notice saying how much was left out. */
export const CLIP_LIMITS = { text: 4000, command: 4000, output: 20_000, actor: 200, host: 200, title: 300, step: 200, runbook: 500 } as const;
type ClippedField = keyof typeof CLIP_LIMITS;

/** `text` at most `limit` characters (the head; the tail for output, where the end matters), with a notice when cut. */
export function clipText(text: string, limit: number, keep: 'head' | 'tail' = 'head'): string {
  if (text.length <= limit) return text;
  const left = text.length - limit;
  const notice = `[… ${left.toLocaleString('en')} more characters not shown; the full text is in the timeline file]`;
  return keep === 'head' ? `${text.slice(0, limit)} ${notice}` : `${notice} ${text.slice(-limit)}`;
}

/** The event as the panel shows it: the same object when nothing is too long, else a copy with long fields clipped. */
export function clipEvent(event: TimelineEvent): TimelineEvent {
  let copy: TimelineEvent | undefined;
  for (const field of Object.keys(CLIP_LIMITS) as ClippedField[]) {
    const value = event[field];
    if (typeof value !== 'string' || value.length <= CLIP_LIMITS[field]) continue;
    copy ??= { ...event };
    copy[field] = clipText(value, CLIP_LIMITS[field], field === 'output' ? 'tail' : 'head');
  }
  return copy ?? event;
}
