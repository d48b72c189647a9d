/**
 * A page that only points to another: "See [Node RAID Degraded](./NodeRAIDDegraded.md)", "The contents was moved into
 * the single [PostgreSQL Backups Runbook](...)", "This alert has been moved to [...](...)". Real collections keep them
 * where an alert still links, or where a runbook was merged. Such a page has no section of its own: reporting every
 * section the schema requires as missing (three errors for one sentence) tells its author nothing they can act on;
 * what matters is that an alert linked here sends the on-call engineer one page further.
 */
import type { LinkRef, Runbook } from './model';
import { HIDDEN_DEFINITION } from './sectionPlaceholders';

/** The longest body (after the front matter and the title) that can still be a pointer and nothing else. */
const MAX_BODY_CHARS = 400;
/** Lines of prose it may take. */
const MAX_BODY_LINES = 3;
/**
 * Words that say the page points elsewhere: "See", "moved to", "can be found", "refer to", "more information in". A
 * one-line runbook without them ("Restart the pod, then check [the dashboard](...)") is a runbook missing its sections.
 */
const POINTING = /\b(?:see|moved|refer|found|documented|available|more information|more info|details|instead|deprecated|replaced|superseded|now (?:in|at|lives)|has been|go to|follow)\b/i;

/**
 * The link a page points with, when the page is a pointer and nothing else: no section, no heading below its title,
 * no code, no step, a short body of prose that holds a link. Undefined for every other page.
 */
export function pointerOf(runbook: Runbook): LinkRef | undefined {
  if (runbook.parseError || runbook.sections.length > 0 || runbook.divisions.length > 0 || runbook.steps.length > 0 || runbook.blocks.length > 0) return undefined;
  if (runbook.headings.length > 1) return undefined;
  const { index } = runbook;
  const bodyStart = runbook.title ? index.offset(runbook.title.range.end) : runbook.frontMatter ? index.offset(runbook.frontMatter.range.end) : 0;
  const body = runbook.text.slice(bodyStart);
  const lines = body.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !isHiddenLine(line));
  if (lines.length === 0 || lines.length > MAX_BODY_LINES || lines.join(' ').length > MAX_BODY_CHARS) return undefined;
  // A list or a quote is content of its own (a list of tools, a warning), not a sentence that points away.
  if (lines.some((line) => /^(?:[-*+]|\d+[.)]|>)\s/.test(line))) return undefined;
  if (!POINTING.test(lines.join(' ').replace(/\]\([^)]*\)/g, ']'))) return undefined;
  return runbook.links.find((link) => (link.kind === 'link' || link.kind === 'hugo-ref') && index.offset(link.range.start) >= bodyStart && !link.url.startsWith('#'));
}

/** A line Markdown renders as nothing: an HTML comment on its own, or the `[//]: # (note)` idiom. */
function isHiddenLine(line: string): boolean {
  return /^<!--.*-->$/.test(line) || HIDDEN_DEFINITION.test(line);
}
