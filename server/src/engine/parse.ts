import type { Code, Heading, ListItem, Nodes, Root, RootContent } from 'mdast';
import { parseFrontMatter, escapePointer, type FrontMatter } from './frontmatter';
import type { Division, HeadingRef, LinkRef, RawBlock, Runbook, Section, SectionItem } from './model';
import { collectLinks } from './links/collect';
import { endOffset, parseMarkdown, plainText, slug, startOffset, type MarkdownParseOptions } from './markdown';
import { bundledRunbookSchema, normalizeHeading, sectionKeysOf, type RunbookSchema, type SectionDefinition } from './schema';
import { extractSteps } from './runnable';
import { LineIndex } from './text';
import type { Range } from './types';

export type { Division, Runbook, Section, SectionItem } from './model';

const EXPECTED_LINE = /^[ \t>*_+-]*expected(?:[ \t]+outcome)?[ \t*_]*:[ \t*_]*(\S.*)?$/im;

/** Parses runbook Markdown into the model, with a JSON-pointer -> range map built alongside. */
export function parseRunbook(text: string, schema: RunbookSchema = bundledRunbookSchema(), options: MarkdownParseOptions = {}): Runbook {
  parseProbe.onParse?.(text);
  try {
    return buildRunbook(text, schema, parseMarkdown(text, options));
  } catch (e) {
    // Adversarial nesting can exhaust the stack in the parser or in a tree walk; an empty model never crashes a caller.
    return emptyRunbook(text, schema, e instanceof Error ? e : new Error(String(e)));
  }
}

/**
 * For tests only: told of every text parsed, so a test counts the parses of a run (one per file is the contract of
 * `runbooks lint` with its workspace checks). Never set in production; the engine session will own it.
 */
export const parseProbe: { onParse?: (text: string) => void } = {};

/** The model of a text that was not (or could not be) parsed: no sections or steps, `parseError` says why. */
export function emptyRunbook(text: string, schema: RunbookSchema, why: Error): Runbook {
  const runbook = buildRunbook(text, schema, { type: 'root', children: [] });
  runbook.parseError = why;
  return runbook;
}

function buildRunbook(text: string, schema: RunbookSchema, tree: Root): Runbook {
  const index = new LineIndex(text);
  const pointers = new Map<string, Range>();
  const firstLine = index.lineRange(0);

  let frontMatter: FrontMatter | undefined;
  const first = tree.children[0];
  if (first?.type === 'yaml') frontMatter = parseFrontMatter(index, startOffset(first), endOffset(first));

  const children = tree.children.filter((n) => n.type !== 'yaml');
  let title: Runbook['title'];
  const divisions: Division[] = [];
  // Index in `children` of each division's heading: its body is found by scanning forward from there (linear, not
  // a filter of every child per division, which is quadratic on a long runbook).
  const divisionIndex: number[] = [];
  for (let i = 0; i < children.length; i++) {
    const node = children[i];
    if (node.type !== 'heading') continue;
    if (node.depth === 1 && !title) {
      title = { text: plainText(node).trim(), range: nodeRange(index, node) };
      continue;
    }
    if (node.depth > 2) continue;
    const end = sectionEnd(children, i, node.depth, text.length);
    divisions.push({ heading: plainText(node).trim(), depth: node.depth, range: nodeRange(index, node), start: startOffset(node), end });
    divisionIndex.push(i);
  }

  // Every heading mapped to a section is that section, wherever it appears ("Solutions List" then "Solutions Detail"
  // both mitigations): all of them are checked and their steps labelled, not only the first.
  const sections: Section[] = [];
  // A heading that names several sections ("Diagnosis and mitigation") is each of them, for every check.
  divisions.forEach((division, d) => {
    const keys = sectionKeysOf(normalizeHeading(division.heading), schema);
    if (keys.length === 0) return;
    const body = childrenWithin(children, divisionIndex[d] + 1, division.start, division.end);
    const built = keys.map((key) => buildSection(index, schema.sections.find((s) => s.key === key) as SectionDefinition, division, body));
    division.section = riskiest(built);
    sections.push(...built);
  });

  // The instance ajv validates, and where each part of it came from.
  const titleOrTop = title?.range ?? firstLine;
  const fmTop = frontMatter ? index.lineRange(frontMatter.range.start.line) : firstLine;
  const instance: Record<string, unknown> = {};
  pointers.set('', titleOrTop);
  if (!frontMatter) instance.frontMatter = {};
  else if (frontMatter.data) instance.frontMatter = frontMatter.data;
  pointers.set('/frontMatter', fmTop);
  if (frontMatter) {
    for (const [p, r] of frontMatter.valueRanges) pointers.set(`/frontMatter${p}`, r);
  }
  if (title) instance.title = title.text;
  const sectionData: Record<string, unknown> = {};
  pointers.set('/sections', titleOrTop);
  // A key under several headings is one section of the instance: texts joined, items and steps together.
  for (const s of sections) {
    const base = `/sections/${escapePointer(s.definition.key)}`;
    const items = s.items.map((it) => (it.expected === undefined ? { title: it.title, text: it.text } : { title: it.title, text: it.text, expected: it.expected }));
    const earlier = sectionData[s.definition.key] as { heading: string; text: string; items: unknown[]; steps: number } | undefined;
    const offset = earlier?.items.length ?? 0;
    if (earlier) {
      earlier.text = [earlier.text, s.text].filter(Boolean).join('\n\n');
      earlier.items.push(...items);
      earlier.steps += s.steps;
    } else {
      sectionData[s.definition.key] = { heading: s.heading, text: s.text, items, steps: s.steps };
      pointers.set(base, s.headingRange);
    }
    s.items.forEach((it, i) => pointers.set(`${base}/items/${offset + i}`, it.range));
  }
  instance.sections = sectionData;

  const codeRanges: Range[] = [];
  const blocks: RawBlock[] = [];
  collectCode(tree, index, codeRanges, blocks);
  const links: LinkRef[] = [];
  const headings: HeadingRef[] = [];
  collectLinks(tree, index, links, headings);
  const data = frontMatter?.data;
  return {
    text,
    index,
    schema,
    frontMatter,
    title,
    divisions,
    sections,
    steps: extractSteps(tree, index, divisions, schema),
    codeRanges,
    blocks,
    links,
    headings,
    unclosedFrontMatter: !frontMatter && /^---[ \t]*\r?\n/.test(text),
    instance,
    pointers,
    declaresRunbook: typeof data?.kind === 'string' && data.kind.toLowerCase() === 'runbook',
  };
}

/**
 * The section whose label and confirmation a division's steps get when its heading names several: default deny, a
 * step under "Diagnosis and mitigation" is not known to only look, so the one that changes production wins, then any
 * section not read-only.
 */
function riskiest(sections: Section[]): Section {
  return sections.find((s) => s.definition.changesProduction) ?? sections.find((s) => !s.definition.readOnly) ?? sections[0];
}

/** The range of the nearest pointer that has one, walking up from `pointer`. */
export function rangeForPointer(runbook: Runbook, pointer: string): Range {
  let p = pointer;
  for (;;) {
    const r = runbook.pointers.get(p);
    if (r) return r;
    if (p === '') return runbook.index.lineRange(0);
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

function buildSection(index: LineIndex, definition: SectionDefinition, division: Division, body: RootContent[]): Section {
  const text = body.map((n) => plainText(n as Nodes)).join('\n').trim();
  const subDepth = division.depth + 1;
  const items: SectionItem[] = [];
  let looseCode = 0;
  const subheadings = body.filter((n): n is Heading => n.type === 'heading' && n.depth === subDepth);
  if (subheadings.length > 0) {
    // Body nodes are in document order: an item is its heading up to the next heading of its level or above.
    for (let a = 0; a < body.length; a++) {
      const h = body[a];
      if (h.type !== 'heading' || h.depth !== subDepth) continue;
      const start = startOffset(h);
      let b = a + 1;
      while (b < body.length && !(body[b].type === 'heading' && (body[b] as Heading).depth <= subDepth && startOffset(body[b]) > start)) b++;
      const end = b < body.length ? startOffset(body[b]) : division.end;
      const inside = childrenWithin(body, a, start - 1, end);
      items.push(makeItem(index, plainText(h).trim(), inside, nodeRange(index, h), start, end));
    }
    looseCode = body.filter((n) => n.type === 'code' && startOffset(n) < startOffset(subheadings[0])).length;
  } else {
    // In a section of steps, a list of names under "Tools such as:" / "Example services:" gives examples, not steps.
    const ofSteps = definition.changesProduction || definition.readOnly;
    for (let k = 0; k < body.length; k++) {
      const node = body[k];
      if (node.type === 'list') {
        // A list of definitions (`name`: what it is) describes inputs, it offers no options or causes.
        if (node.children.length > 0 && node.children.every(isDefinitionItem)) continue;
        if (ofSteps && isExampleList(node.children, body[k - 1])) continue;
        // A reference (`- See [the docs](...)`, a footnote link `[1](https://...)`) points elsewhere: not an option or cause.
        for (const li of node.children) if (!isReferenceItem(li)) items.push(listItem(index, li));
      } else if (node.type === 'code') {
        looseCode++;
      }
    }
  }
  return {
    definition,
    heading: division.heading,
    headingRange: division.range,
    depth: division.depth,
    start: division.start,
    end: division.end,
    text,
    items,
    steps: items.length + looseCode,
  };
}

/** `- \`workload\`: the workload's name`: a list item that defines a term written as code. */
function isDefinitionItem(li: ListItem): boolean {
  const first = li.children[0];
  if (first?.type !== 'paragraph' || li.children.length > 1) return false;
  const [term, rest] = first.children;
  return term?.type === 'inlineCode' && rest?.type === 'text' && /^\s*(:|-|–|—)\s/.test(rest.value);
}

/** Words of a lead-in sentence that introduces examples: "Tools such as:", "Example services that ...:", "e.g.:". */
const EXAMPLES_WORDS = /\b(?:examples?|eg|for instance|such as|like)\b/i;
/** Longest item (in words) of a list of examples: a tool or service name, a short noun phrase. */
const EXAMPLE_ITEM_WORDS = 3;

/**
 * A list that names examples rather than offering steps: led by a paragraph whose last sentence says so and ends in a
 * colon, every item a name of at most three words (no sentence, no command, nothing nested). Measured on the shared
 * corpora: the one list it matches there is openshift's "Example services that support data rebalancing: cassandra,
 * ceph, ...", and no mitigation or diagnostic step anywhere is that short under such a lead-in.
 */
function isExampleList(items: ListItem[], lead: RootContent | undefined): boolean {
  if (lead?.type !== 'paragraph' || items.length === 0) return false;
  const leadText = plainText(lead).trim();
  if (!leadText.endsWith(':')) return false;
  // Its last sentence ("e.g." is not a sentence end).
  const sentence = leadText.slice(-300).replace(/\be\.g\.?/gi, 'eg').split(/[.!?]\s/).pop() ?? '';
  if (!EXAMPLES_WORDS.test(sentence)) return false;
  return items.every((li) => {
    const first = li.children[0];
    if (li.children.length !== 1 || first?.type !== 'paragraph') return false;
    if (first.children.some((c) => c.type === 'inlineCode' ? /\s/.test(c.value.trim()) : !['text', 'emphasis', 'strong', 'link', 'inlineCode'].includes(c.type))) return false;
    const text = plainText(first).trim();
    return text !== '' && !/[.!?:;]$/.test(text) && text.split(/\s+/).length <= EXAMPLE_ITEM_WORDS;
  });
}

/** Words that may lead a reference bullet (`See`, `Refer to`, `More:`), or separate its links. */
const REFERENCE_WORDS = /^[\s,;:.()\-–—]*(?:(?:see|see also|refer to|references?|docs?|documentation|more|more info(?:rmation)?|details|read|source|upstream)\b)?[\s,;:.()\-–—]*$/i;

/** A list item that is only links, with at most a leading "See"/"Refer to" and separators between them. */
function isReferenceItem(li: ListItem): boolean {
  const first = li.children[0];
  if (li.children.length !== 1 || first?.type !== 'paragraph') return false;
  const links = first.children.filter((c) => c.type === 'link' || c.type === 'linkReference');
  const rest = first.children.filter((c) => c.type !== 'link' && c.type !== 'linkReference');
  return links.length > 0 && rest.every((c) => c.type === 'text' && REFERENCE_WORDS.test(c.value));
}

function listItem(index: LineIndex, li: ListItem): SectionItem {
  const start = startOffset(li);
  const end = endOffset(li);
  const firstLine = index.position(start).line;
  const range = { start: index.position(start), end: { line: firstLine, character: index.lineLength(firstLine) } };
  const firstChild = li.children[0];
  const title = firstChild ? plainText(firstChild).split('\n')[0].trim() : '';
  return makeItem(index, title, li.children, range, start, end);
}

function makeItem(index: LineIndex, title: string, nodes: Nodes[], range: Range, start: number, end: number): SectionItem {
  const item: SectionItem = { title: truncate(trimEnd(title, TITLE_TRAILER), 80), text: nodes.map(plainText).join('\n').trim(), range };
  const m = EXPECTED_LINE.exec(index.text.slice(start, end));
  if (m) item.expected = trimEnd(m[1] ?? '', EMPHASIS_TRAILER).trim();
  return item;
}

const TITLE_TRAILER = /[\s:.]/;
const EMPHASIS_TRAILER = /[*_]/;

/**
 * `text` without the characters matching `trailer` at its end. A loop, not `replace(/[...]+$/)`: that regex retries
 * from every character of a long run which is not at the end, quadratic on a 100 KB line (test/unit/regex-redos).
 */
function trimEnd(text: string, trailer: RegExp): string {
  let end = text.length;
  while (end > 0 && trailer.test(text[end - 1])) end--;
  return text.slice(0, end);
}

/**
 * The nodes from `from` on that lie inside (after, end] : what `nodes.filter(start > after && end <= end)` gives, scanning
 * only until the first node that starts at or past `end` (nodes are in document order).
 */
function childrenWithin<T extends Nodes>(nodes: T[], from: number, after: number, end: number): T[] {
  const out: T[] = [];
  for (let k = Math.max(0, from); k < nodes.length && startOffset(nodes[k]) < end; k++) {
    const n = nodes[k];
    if (startOffset(n) > after && endOffset(n) <= end) out.push(n);
  }
  return out;
}

/** Where the top-level section started by children[i] ends: the next heading of the same or a higher level. */
function sectionEnd(children: RootContent[], i: number, depth: number, textEnd: number): number {
  for (let j = i + 1; j < children.length; j++) {
    const n = children[j];
    if (n.type === 'heading' && n.depth <= depth) return startOffset(n);
  }
  return textEnd;
}

function collectCode(node: Nodes, index: LineIndex, out: Range[], blocks: RawBlock[]): void {
  if (node.type === 'code' || node.type === 'inlineCode') {
    out.push(index.range(startOffset(node), endOffset(node)));
    const first = index.text.charCodeAt(startOffset(node));
    // Fenced blocks only (``` or ~~~): an indented block has no fence to leave open.
    if (node.type === 'code' && (first === 96 || first === 126)) blocks.push({ kind: 'code', start: startOffset(node), end: endOffset(node), lang: (node.lang ?? '').toLowerCase() });
    return;
  }
  if (node.type === 'html') blocks.push({ kind: 'html', start: startOffset(node), end: endOffset(node), lang: '' });
  if ('children' in node) for (const c of node.children as Nodes[]) collectCode(c, index, out, blocks);
}

export function nodeRange(index: LineIndex, node: Nodes | Code): Range {
  return index.range(startOffset(node), endOffset(node));
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export { slug };
