import type { Runbook } from './parse';
import type { Fix, Position } from './types';

/** "Add missing section": inserts the section's skeleton where the schema's section order puts it. */
export function missingSectionFix(runbook: Runbook, key: string): Fix | undefined {
  const order = runbook.schema.sections.map((s) => s.key);
  const definition = runbook.schema.sections.find((s) => s.key === key);
  if (!definition) return undefined;
  const eol = runbook.index.eol;
  const rank = order.indexOf(key);
  const before = runbook.sections.find((s) => order.indexOf(s.definition.key) > rank);
  const block = [`## ${definition.title}`, '', ...definition.skeleton.split('\n'), ''].join(eol);
  let at: Position;
  let newText: string;
  if (before) {
    at = { line: before.headingRange.start.line, character: 0 };
    newText = block + eol;
  } else {
    // Append after the last known section, or at the end of the document.
    const last = runbook.index.lineCount - 1;
    const lastText = runbook.index.lineText(last);
    at = { line: last, character: lastText.length };
    const lead = lastText.length > 0 ? eol + eol : runbook.text.length > 0 && !runbook.text.endsWith(eol + eol) ? eol : '';
    newText = lead + block;
  }
  return { title: `Add missing section "${definition.title}"`, edits: [{ range: { start: at, end: at }, newText }] };
}
