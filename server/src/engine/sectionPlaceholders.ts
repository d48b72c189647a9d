/**
 * `schema/placeholder`: a section's prose still holds a `TODO` a person must replace, such as the marked blanks an
 * "Add missing section" skeleton inserts, or a template's blanks left as written ("When you ... you expect to see
 * ..."). Code blocks and Markdown's hidden comments (HTML comments, `[//]: # (...)` definitions) are not prose: left
 * to the step checks and to authors.
 */
import type { Runbook } from './model';
import type { Finding, Range } from './types';

const TODO = /\bTODO\b/g;
/** A blank of a template: `...` or `…` standing alone between words. Two on one line is a sentence not filled in. */
const BLANK = /(?<=^|\s)(?:\.{3}|\u2026)(?=\s|$|[.,;:])/g;

/** One finding per `TODO` in a known section's prose, at the marker itself. */
export function checkSectionPlaceholders(runbook: Runbook): Finding[] {
  const { text, index } = runbook;
  const blanks = text.includes('...') || text.includes('\u2026');
  if (!text.includes('TODO') && !blanks) return [];
  const hidden = [...runbook.codeRanges.map((r) => [index.offset(r.start), index.offset(r.end)] as const), ...htmlComments(text), ...hiddenDefinitions(text)];
  const isHidden = (at: number) => hidden.some(([from, to]) => at >= from && at < to);
  const findings: Finding[] = [];
  const scanned = new Set<number>();
  for (const section of runbook.sections) {
    // A heading that names two sections is two sections over one text: its placeholders are reported once.
    if (scanned.has(section.start)) continue;
    scanned.add(section.start);
    const body = text.slice(section.start, section.end);
    const marks: { at: number; length: number }[] = [...body.matchAll(TODO)].map((m) => ({ at: section.start + (m.index ?? 0), length: 4 }));
    if (blanks) {
      let offset = section.start;
      for (const line of body.split('\n')) {
        const found = [...line.matchAll(BLANK)].filter((m) => !isHidden(offset + (m.index ?? 0)));
        if (found.length >= 2) marks.push({ at: offset + (found[0].index ?? 0), length: found[0][0].length });
        offset += line.length + 1;
      }
    }
    for (const { at, length } of marks.sort((a, b) => a.at - b.at)) {
      if (isHidden(at)) continue;
      const range: Range = index.range(at, at + length);
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

/**
 * Offsets of Markdown's comment idiom: a link reference definition that leads nowhere (`[//]: # (note)`,
 * `[comment]: <> (note)`), which renders as nothing.
 */
function hiddenDefinitions(text: string): (readonly [number, number])[] {
  const out: (readonly [number, number])[] = [];
  if (!text.includes(']:')) return out;
  for (const m of text.matchAll(new RegExp(HIDDEN_DEFINITION.source, 'gm'))) out.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  return out;
}

/** One line of Markdown's comment idiom: `[//]: # (note)`, `[comment]: <> (note)`. */
export const HIDDEN_DEFINITION = /^ {0,3}\[[^\]\n]{1,100}\]:[ \t]*(?:#|<>)(?:[ \t].*)?$/;

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
