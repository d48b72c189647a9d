/**
 * A runbook's coverage facts without parsing its Markdown where that gives the same answer: the front matter block at
 * the start (as the parser's front matter node), then blank lines, then an ATX H1 of plain text. That is how runbooks
 * start; anything else (a setext title, markup in the title, a paragraph, HTML or a list before it, no title at all)
 * is parsed as before. The corpus test proves both paths give equal facts on every real runbook. Coverage of a rule
 * file then needs one read per runbook, not one analysis: the editor answers a rule file before the index is done.
 */
import { MAX_ANALYSIS_CHARS, tooLarge } from '../analyze';
import { parseFrontMatter } from '../frontmatter';
import { emptyRunbook, parseRunbook } from '../parse';
import type { RunbookSchema } from '../schema';
import { LineIndex } from '../text';
import { runbookFacts, type FactsSource } from './runbook-facts';
import type { RunbookFacts } from './types';

const FRONT_MATTER_OPEN = /^---[ \t]*\r?\n/;
const FRONT_MATTER_CLOSE = /(\r?\n---[ \t]*)(?:\r?\n|$)/;
const LINE = /([^\r\n]*)(\r\n|\r|\n|$)/y;
/** `# Title` with an optional closing sequence; the text is what the parser's plain text of the heading is. */
const ATX_H1 = /^#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
/** Title text with nothing the parser would read as markup, an entity, an escape, an autolink or a reference. */
const PLAIN_TITLE = /^[\p{L}\p{N}][\p{L}\p{N} .,:;'"()/?=+%-]*$/u;

/** How a runbook's facts were read: `quick` without the Markdown parse, `parsed` through it. */
export type FactsReadKind = 'quick' | 'parsed';

/** A runbook's facts, with its front matter as read (the workspace index keeps its review dates and names). */
export interface FactsRead {
  facts: RunbookFacts;
  kind: FactsReadKind;
  frontMatter: Record<string, unknown>;
  /** Front matter that is not valid YAML. */
  frontMatterBroken: boolean;
}

/**
 * The facts of a runbook's text, as `runbookFacts(path, parseRunbook(text, schema))` gives them (the analysis's empty
 * model for a text too large to analyse); anchors computed, so the text is not kept alive by them.
 */
export function readRunbookFacts(path: string, text: string, schema: RunbookSchema | undefined, notCurrent?: string): FactsRead {
  return quickRunbookFacts(path, text, notCurrent)
    ?? factsRead(path, text.length > MAX_ANALYSIS_CHARS && schema ? emptyRunbook(text, schema, tooLarge(text.length)) : parseRunbook(text, schema, { cacheChunks: false }), 'parsed', notCurrent);
}

/**
 * The facts when the text starts the plain way (linear in the text: no file can hold up the caller); undefined when
 * only a parse can tell (the caller then takes them from the file's analysis).
 */
export function quickRunbookFacts(path: string, text: string, notCurrent?: string): FactsRead | undefined {
  const quick = text.length > MAX_ANALYSIS_CHARS ? undefined : quickSource(text);
  return quick && factsRead(path, quick, 'quick', notCurrent);
}

function factsRead(path: string, source: FactsSource, kind: FactsReadKind, notCurrent: string | undefined): FactsRead {
  const facts = runbookFacts(path, source, notCurrent);
  const anchors = facts.anchors();
  facts.anchors = () => anchors;
  return { facts, kind, frontMatter: source.frontMatter?.data ?? {}, frontMatterBroken: source.frontMatter?.error !== undefined };
}

/** The parts of the model the facts read, when the text starts the plain way; undefined when only a parse can tell. */
function quickSource(text: string): FactsSource | undefined {
  let bodyStart = 0;
  let frontMatterEnd: number | undefined;
  if (text.startsWith('---')) {
    if (!FRONT_MATTER_OPEN.test(text)) return undefined;
    const close = FRONT_MATTER_CLOSE.exec(text.slice(3));
    if (!close) return undefined;
    frontMatterEnd = 3 + close.index + close[1].length;
    bodyStart = 3 + close.index + close[0].length;
  }
  LINE.lastIndex = bodyStart;
  let line = 0;
  let title: FactsSource['title'];
  for (let m = LINE.exec(text); m; m = LINE.exec(text)) {
    const [, content, eol] = m;
    if (content.trim() !== '') {
      const atx = ATX_H1.exec(content);
      if (!atx || !PLAIN_TITLE.test(atx[1])) return undefined;
      title = { text: atx[1], range: { start: { line: -1, character: 0 }, end: { line: -1, character: content.length } } };
      break;
    }
    if (eol === '') return undefined; // no title: the parse decides what the page is
    line++;
  }
  if (!title) return undefined;
  const index = new LineIndex(text);
  const titleLine = index.position(bodyStart).line + line;
  title.range.start.line = titleLine;
  title.range.end.line = titleLine;
  const frontMatter = frontMatterEnd === undefined ? undefined : parseFrontMatter(index, 0, frontMatterEnd);
  return { frontMatter, title, index, text };
}
