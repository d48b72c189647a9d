import type { Runbook } from './parse';
import { LineIndex } from './text';
import type { Fix, Position } from './types';

/** "Add missing section": inserts the section's skeleton where the schema's section order puts it. */
export function missingSectionFix(runbook: Runbook, key: string): Fix | undefined {
  const order = runbook.schema.sections.map((s) => s.key);
  const definition = runbook.schema.sections.find((s) => s.key === key);
  if (!definition) return undefined;
  const eol = runbook.index.eol;
  const rank = order.indexOf(key);
  const before = runbook.sections.find((s) => order.indexOf(s.definition.key) > rank);
  const skeleton = expandSkeleton(definition.skeleton);
  const lines = (body: string) => [`## ${definition.title}`, '', ...body.split('\n'), ''].join(eol);
  const block = lines(skeleton.text);
  const snippetBlock = lines(skeleton.snippet).replace(`## ${definition.title}`, `## ${escapeSnippet(definition.title)}`);
  let at: Position;
  let newText: string;
  let lead = '';
  let trail = '';
  if (before) {
    at = { line: before.headingRange.start.line, character: 0 };
    trail = eol;
    newText = block + trail;
  } else {
    // Append after the last known section, or at the end of the document.
    const last = runbook.index.lineCount - 1;
    const lastText = runbook.index.lineText(last);
    at = { line: last, character: lastText.length };
    lead = lastText.length > 0 ? eol + eol : runbook.text.length > 0 && !runbook.text.endsWith(eol + eol) ? eol : '';
    newText = lead + block;
  }
  const range = { start: at, end: at };
  return {
    title: `Add missing section "${definition.title}"`,
    edits: [{ range, newText }],
    // Safe unattended: the skeleton's placeholders are reported until a person fills them in, so nothing passes.
    safe: true,
    snippets: [{ range, newText: escapeSnippet(lead) + snippetBlock + escapeSnippet(trail) }],
  };
}

/**
 * A schema skeleton as plain text and as a snippet: `${TODO: what goes here}` marks a placeholder, which is
 * `TODO: what goes here` in the text and a numbered tab stop in the snippet.
 */
export function expandSkeleton(skeleton: string): { text: string; snippet: string } {
  let text = '';
  let snippet = '';
  let stop = 0;
  let from = 0;
  for (;;) {
    const open = skeleton.indexOf('${', from);
    const close = open < 0 ? -1 : skeleton.indexOf('}', open + 2);
    if (open < 0 || close < 0) break;
    const literal = skeleton.slice(from, open);
    const inner = skeleton.slice(open + 2, close);
    text += literal + inner;
    snippet += `${escapeSnippet(literal)}\${${++stop}:${escapeSnippet(inner)}}`;
    from = close + 1;
  }
  text += skeleton.slice(from);
  snippet += escapeSnippet(skeleton.slice(from));
  return { text, snippet };
}

/** Text as a snippet literal: `$`, `}` and `\` escaped. */
function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

/**
 * Applies fixes to a text: every edit of every fix, last first; a fix whose edits overlap an earlier-applied one is
 * left out (reported in `skipped`), so no two fixes fight over the same text.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: Fix[]; skipped: Fix[] } {
  const index = new LineIndex(text);
  const spans = fixes.map((fix) => ({
    fix,
    edits: fix.edits.map((e) => ({ from: index.offset(e.range.start), to: index.offset(e.range.end), newText: e.newText })),
  }));
  const taken: { from: number; to: number }[] = [];
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  const edits: { from: number; to: number; newText: string }[] = [];
  for (const span of spans) {
    // Insertions at one point do not overlap: they go in in the order the fixes are given.
    const overlaps = span.edits.some((e) => taken.some((t) => e.from < t.to && t.from < e.to));
    if (overlaps) {
      skipped.push(span.fix);
      continue;
    }
    for (const e of span.edits) {
      taken.push(e);
      edits.push(e);
    }
    applied.push(span.fix);
  }
  let out = text;
  // Last first; at one offset, the later fix first, so the earlier one's text ends up before it.
  const ordered = edits.map((e, i) => ({ ...e, i })).sort((a, b) => b.from - a.from || b.i - a.i);
  for (const e of ordered) out = out.slice(0, e.from) + e.newText + out.slice(e.to);
  return { text: out, applied, skipped };
}
