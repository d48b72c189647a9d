/**
 * HTML comments and front matter that never close. An HTML comment without `-->` hides everything after it (to the end
 * of its container); a `---` front matter block without its closing `---` is read as Markdown, so none of its fields
 * (title, owner, last_reviewed) are seen and the checks report them missing.
 */
import type { Runbook } from '../model';
import type { Finding } from '../types';
import { blockLines, describeHidden, headingAt, type HiddenHeading } from './lines';

/** The `structure/unclosed-comment` findings: `<!--` blocks with no `-->` that hide something. */
export function unclosedCommentFindings(runbook: Runbook): Finding[] {
  const out: Finding[] = [];
  for (const block of runbook.blocks) {
    if (block.kind !== 'html') continue;
    const raw = runbook.text.slice(block.start, block.end);
    if (!raw.trimStart().startsWith('<!--') || raw.includes('-->')) continue;
    const lines = blockLines(runbook.index, block.start, block.end);
    const rest = lines.slice(1);
    if (!rest.some((l) => l.text.trim() !== '')) continue;
    // In a comment an H1 is a heading too: there it is no shell comment.
    const headings = rest.map((l) => headingAt(l, runbook.schema, true)).filter((h): h is HiddenHeading => h !== undefined);
    // Close it where the hidden part starts: before the first heading, else at the end of the line it opens on.
    const openLine = lines[0].number;
    let at = headings.length > 0 ? headings[0].line - 1 : openLine;
    while (at > openLine && runbook.index.lineText(at).trim() === '') at--;
    const end = { line: at, character: runbook.index.lineLength(at) };
    const hiddenFrom = headings.length > 0 ? headings[0].line : openLine + 1;
    out.push({
      rule: 'structure',
      code: 'structure/unclosed-comment',
      severity: 'error',
      range: runbook.index.lineRange(openLine),
      message: `This HTML comment is never closed (no \`-->\`): ${describeHidden(runbook, headings, hiddenFrom, rest[rest.length - 1].number, 'hidden in it')}.`,
      fix: { title: at === openLine ? `Close the comment at the end of line ${at + 1}` : `Close the comment before line ${hiddenFrom + 1}`, edits: [{ range: { start: end, end }, newText: at === openLine ? ' -->' : `${runbook.index.eol}-->` }] },
    });
  }
  return out;
}

const YAML_LINE = /^(?:[ \t]+\S|-[ \t]|#|[^\s:#][^:]*:(?:[ \t]|$))/;

/** The `structure/unclosed-front-matter` finding: a `---` first line that nothing closes. */
export function unclosedFrontMatterFindings(runbook: Runbook): Finding[] {
  if (!runbook.unclosedFrontMatter) return [];
  const { index } = runbook;
  // The block the author meant: the YAML-looking lines after the `---`.
  let last = 0;
  for (let n = 1; n < index.lineCount && YAML_LINE.test(index.lineText(n)); n++) last = n;
  if (last === 0) return [];
  const keys = [] as string[];
  for (let n = 1; n <= last; n++) {
    const key = /^([A-Za-z_][\w-]*):/.exec(index.lineText(n));
    if (key) keys.push(key[1]);
  }
  const end = { line: last, character: index.lineLength(last) };
  const fields = keys.length > 0 ? ` (${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ', ...' : ''})` : '';
  return [{
    rule: 'structure',
    code: 'structure/unclosed-front-matter',
    severity: 'error',
    range: index.lineRange(0),
    message: `This front matter is never closed (no \`---\` line after it): its ${last} line${last === 1 ? '' : 's'}${fields} are read as Markdown, not as front matter, so none of its fields are seen.`,
    fix: { title: `Close the front matter after line ${last + 1}`, edits: [{ range: { start: end, end }, newText: `${index.eol}---` }] },
  }];
}
