import type { Range, TextEdit } from '../../server/src/engine/index';
import { LineIndex } from '../../server/src/engine/index';

/** Applies text edits (non-overlapping) to a text, last first. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const index = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => index.offset(b.range.start) - index.offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, index.offset(e.range.start)) + e.newText + out.slice(index.offset(e.range.end));
  return out;
}

/** The text a range covers. */
export function textAt(text: string, range: Range): string {
  const index = new LineIndex(text);
  return text.slice(index.offset(range.start), index.offset(range.end));
}

/** A compact "line:char-line:char" (0-based) for exact-range assertions. */
export function at(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}
