/**
 * `schema/placeholder`: a section's prose still holds a `TODO` a person must replace, such as the marked blanks an
 * "Add missing section" skeleton inserts. Code blocks and HTML comments are left to the step checks and to authors.
 */
import type { Runbook } from './model';
import type { Finding, Range } from './types';

const TODO = /\bTODO\b/g;

/** One finding per `TODO` in a known section's prose, at the marker itself. */
export function checkSectionPlaceholders(runbook: Runbook): Finding[] {
  const { text, index } = runbook;
  if (!text.includes('TODO')) return [];
  const hidden = [...runbook.codeRanges.map((r) => [index.offset(r.start), index.offset(r.end)] as const), ...htmlComments(text)];
  const findings: Finding[] = [];
  for (const section of runbook.sections) {
    const body = text.slice(section.start, section.end);
    for (const m of body.matchAll(TODO)) {
      const at = section.start + (m.index ?? 0);
      if (hidden.some(([from, to]) => at >= from && at < to)) continue;
      const range: Range = index.range(at, at + 4);
      const lineText = index.lineText(range.start.line).slice(range.start.character).trim();
      const shown = lineText.length > 80 ? `${lineText.slice(0, 79)}…` : lineText;
      findings.push({
        rule: 'schema',
        code: 'schema/placeholder',
        section: section.definition.key,
        severity: 'error',
        range,
        message: `Section "${section.heading}" still holds a placeholder: "${shown}". Replace it with what the on-call engineer needs to know.`,
      });
    }
  }
  return findings;
}

/** Offsets of every `<!-- ... -->` comment (an unclosed one runs to the end). */
function htmlComments(text: string): (readonly [number, number])[] {
  const out: (readonly [number, number])[] = [];
  for (let from = text.indexOf('<!--'); from >= 0; from = text.indexOf('<!--', from)) {
    const close = text.indexOf('-->', from + 4);
    const end = close < 0 ? text.length : close + 3;
    out.push([from, end]);
    from = end;
  }
  return out;
}
