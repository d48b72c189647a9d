import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root, Nodes, RootContent } from 'mdast';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

type SyntaxExtension = Record<string, Record<string, unknown> | undefined>;
type FromMarkdownExtension = { transforms?: unknown[] } & Record<string, unknown>;

/**
 * GFM constructs that cannot occur in a text without a given character sequence: the parser for such a text is built
 * without them, and micromark no longer tries them (the table at every line, the email autolink at every word). The
 * tree is the full parser's (checked on every corpus file and by the fuzz tests), the parse takes about a third less CPU.
 */
const OPTIONAL_CONSTRUCTS: { names: string[]; occursIn: (text: string) => boolean }[] = [
  // micromark takes a delimiter row for a table's when it has a pipe or an alignment colon, and a colon there always
  // touches a dash (`:-`, `-:`): a one-column table `a` over `-:` has no pipe.
  { names: ['table'], occursIn: (text) => text.includes('|') || text.includes(':-') || text.includes('-:') },
  { names: ['strikethrough'], occursIn: (text) => text.includes('~') },
  { names: ['gfmFootnoteDefinition', 'gfmFootnoteCall', 'gfmPotentialFootnoteCall'], occursIn: (text) => text.includes('[^') },
  // `[ ]`, `[x]`, `[X]`, also with a tab or a line ending between the brackets, as micromark reads it.
  { names: ['tasklistCheck'], occursIn: (text) => TASK_CHECK.test(text) },
  { names: ['wwwAutolink'], occursIn: (text) => WWW.test(text) },
  { names: ['protocolAutolink'], occursIn: (text) => text.includes('://') },
  { names: ['emailAutolink'], occursIn: (text) => text.includes('@') },
];
const TASK_CHECK = /\[(?:[ \t\n\rxX]|\r\n)\]/;
const WWW = /www\./i;

/** The extension without the named constructs (the rest of it, attention markers included, unchanged). */
function withoutConstructs(extension: SyntaxExtension, names: Set<string>): SyntaxExtension {
  const out: SyntaxExtension = {};
  for (const [field, map] of Object.entries(extension)) {
    if (!map) continue;
    const kept: Record<string, unknown> = {};
    for (const [code, value] of Object.entries(map)) {
      const constructs = (Array.isArray(value) ? value : [value]).filter((c: unknown) => !(typeof c === 'object' && c !== null && names.has((c as { name?: string }).name ?? '')));
      if (constructs.length > 0) kept[code] = constructs;
    }
    out[field] = kept;
  }
  return out;
}

/**
 * mdast-util-gfm-autolink-literal's transform looks for `http(s)://`, `www.` and `@` in every text node after the
 * parse. A text node's value is the source with escapes and character references decoded: without `&` (no reference)
 * and with none of those in the source once every backslash is dropped, no text node can hold one, and the transform
 * would change nothing.
 */
function autolinkTransformNeeded(text: string): boolean {
  if (text.includes('&')) return true;
  const unescaped = text.includes('\\') ? text.replace(/\\/g, '') : text;
  return unescaped.includes('@') || unescaped.includes('://') || WWW.test(unescaped);
}

/** Parsers by the constructs left out (a bit per OPTIONAL_CONSTRUCTS entry, the last bit: the transform left out). */
const prunedProcessors = new Map<number, typeof processor>();

function prunedProcessor(mask: number): typeof processor {
  let pruned = prunedProcessors.get(mask);
  if (pruned) return pruned;
  const names = new Set(OPTIONAL_CONSTRUCTS.flatMap((c, i) => (mask & (1 << i) ? c.names : [])));
  const withoutTransform = (mask & (1 << OPTIONAL_CONSTRUCTS.length)) !== 0;
  const micromarkExtensions = (processor.data('micromarkExtensions') ?? []).map((e) => withoutConstructs(e as unknown as SyntaxExtension, names) as unknown as typeof e);
  const fromMarkdownExtensions = (processor.data('fromMarkdownExtensions') ?? []).map((e) => pruneTransforms(e, withoutTransform));
  pruned = unified().use(remarkParse).data('micromarkExtensions', micromarkExtensions).data('fromMarkdownExtensions', fromMarkdownExtensions).freeze();
  prunedProcessors.set(mask, pruned);
  return pruned;
}

/**
 * The from-markdown extension (or list of them) with its tree transforms (GFM's autolink one is the only) left out
 * when `drop`, else run only on a tree where a text node holds what the transform looks for.
 */
function pruneTransforms<T>(extension: T, drop: boolean): T {
  if (Array.isArray(extension)) return extension.map((e: unknown) => pruneTransforms(e, drop)) as T;
  const { transforms, ...rest } = extension as FromMarkdownExtension;
  if (!transforms || drop) return rest as T;
  const guarded = (transforms as ((tree: Root) => void)[]).map((transform) => (tree: Root) => {
    if (textNodeHoldsAutolinkTrigger(tree)) transform(tree);
  });
  return { ...rest, transforms: guarded } as T;
}

/**
 * Whether a text node holds `://`, `www.` or `@`: every pattern of the autolink transform needs one in the node it
 * rewrites, so without any it changes nothing, and its walk of the tree is skipped.
 */
function textNodeHoldsAutolinkTrigger(node: Nodes): boolean {
  if (node.type === 'text') return node.value.includes('@') || node.value.includes('://') || WWW.test(node.value);
  if ('children' in node) {
    for (const child of node.children as Nodes[]) if (textNodeHoldsAutolinkTrigger(child)) return true;
  }
  return false;
}

/** Parses with the cheapest parser that gives the full parser's tree for this text. */
function parseText(text: string): Root {
  let mask = 0;
  for (let i = 0; i < OPTIONAL_CONSTRUCTS.length; i++) if (!OPTIONAL_CONSTRUCTS[i].occursIn(text)) mask |= 1 << i;
  if (!autolinkTransformNeeded(text)) mask |= 1 << OPTIONAL_CONSTRUCTS.length;
  return prunedProcessor(mask).parse(text);
}

/** How to parse: `cacheChunks: false` for text parsed once (the default caches chunks for re-parses after an edit). */
export interface MarkdownParseOptions {
  cacheChunks?: boolean;
  /** Where parsed chunks are kept for the next parse (a session's); without one, a parse keeps nothing. */
  chunkCache?: ChunkCache;
  /** Bytes past the previous cut before a list item is proposed as a cut (default 1024; tests use small values). */
  itemCutBytes?: number;
}

/** A chunk's nodes (positions relative to the chunk); `listContinues`: its last list goes on in the next chunk. */
export interface ParsedChunk {
  nodes: RootContent[];
  listContinues: boolean;
}

const CHUNK_CACHE_SIZE = 4000;
/** The cache is bounded by the text it holds too: a tree is tens of times its text, and a 1 MB runbook edited 300 times must not hold 300 copies. */
const CHUNK_CACHE_CHARS = 4_000_000;

/**
 * Parsed chunks by their text and the line after them (null: that line is not a cut); an edit re-parses one chunk.
 * Owned by an engine session (passed in as `chunkCache`), never by this module.
 */
export class ChunkCache {
  readonly entries = new Map<string, ParsedChunk | null>();
  chars = 0;

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }
}
const MAX_REFUSED_CUTS = 4;
/** Below this size a one-shot parse is done whole: chunking pays only where micromark's cost grows faster than the text. */
const ONE_SHOT_CHUNK_MIN = 32_768;

/**
 * Parses Markdown (CommonMark + GFM + YAML front matter) to mdast.
 *
 * The text is cut before ATX headings and, in long lists, before items: where micromark confirms the line starts a
 * top-level block, parsing each chunk alone gives the whole parse's nodes (a list cut between two items is joined
 * back into one list node; a document with link reference definitions, which reach across chunks, is parsed whole).
 * Chunks are cached by text, which keeps re-parsing after an edit proportional to the edited chunk rather than to the
 * document. The fuzz tests hold the result to the whole parse, node for node.
 */
export function parseMarkdown(source: string, options: MarkdownParseOptions = {}): Root {
  // What micromark spends superlinear time on and the model does not need is defused first, offsets unchanged.
  const text = defuse(source);
  // A one-shot parse (CLI, workspace index) gains nothing from the cache and pays for copying every node out of it and
  // for keeping thousands of chunk trees alive: about a fifth more CPU per file (bench/RESULTS.md). A long one is still
  // chunked: a 5,000-item list parsed in one piece takes seconds.
  const useCache = options.cacheChunks !== false;
  if (!useCache && text.length < ONE_SHOT_CHUNK_MIN) return parseText(text);
  // Without a session's cache a parse that asks for chunking still chunks (same tree), into a cache it then drops.
  const cache = useCache ? options.chunkCache ?? new ChunkCache() : undefined;
  const chunkCache = cache?.entries;
  // micromark drops a byte-order mark from its offsets, and counts a lone CR as a line end where the scan does not.
  if (text.charCodeAt(0) === 0xfeff || LONE_CR.test(text)) return parseText(text);
  // Link reference definitions reach across the whole document: such documents are parsed in one piece.
  const starts: ChunkStart[] = LINK_DEFINITION.test(text) ? [{ offset: 0, line: 0 }] : chunkStarts(text, options.itemCutBytes ?? ITEM_CUT_MIN_BYTES);
  if (starts.length === 1) return parseText(text);
  const children: RootContent[] = [];
  let listContinues = false;
  for (let i = 0; i < starts.length;) {
    const start = starts[i];
    // A chunk is parsed together with the line that follows it. When that line comes out as a top-level heading (or a
    // list item: a new list, or the next item of the chunk's last list), the parser had closed every other block
    // before it, so the chunk's nodes are the whole parse's; when it does not (say the scan took an indented line for
    // a fence), the cut is dropped and the chunk runs on to the next one. The scan only proposes cuts: micromark
    // decides. After a few refused cuts the scan is out of step with the parser here: the rest of the document
    // becomes one chunk, so refusals stay linear in the document's size.
    let j = i + 1;
    let parsed: ParsedChunk | undefined;
    for (let refused = 0; ; refused++) {
      if (refused === MAX_REFUSED_CUTS) j = starts.length;
      const end = j < starts.length ? starts[j].offset : text.length;
      const chunk = text.slice(start.offset, end);
      const next = j < starts.length ? text.slice(end, lineEnd(text, end)) : '';
      const key = `${chunk.length}:${chunk}${next}`;
      const cached = chunkCache?.get(key);
      if (cached !== undefined) {
        chunkCache?.delete(key); // re-insert: most recently used last
        parsed = cached ?? undefined;
      } else {
        parsed = next ? parseChunkBefore(chunk, next) : { nodes: parseText(chunk).children, listContinues: false };
        if (cache) cache.chars += key.length;
      }
      chunkCache?.set(key, parsed ?? null);
      if (parsed) break;
      j++;
    }
    const nodes = parsed.nodes.map((n) => shifted(n, start.offset, start.line));
    if (listContinues) {
      // This chunk starts with the next item of the previous chunk's last list: one list, as in the whole parse.
      const previous = children.pop();
      const first = nodes.shift();
      if (previous?.type !== 'list' || first?.type !== 'list') return parseText(text);
      children.push({
        ...previous,
        spread: previous.spread || first.spread,
        children: [...previous.children, ...first.children],
        position: previous.position && first.position ? { start: previous.position.start, end: first.position.end } : previous.position,
      });
    }
    for (const n of nodes) children.push(n);
    listContinues = parsed.listContinues;
    i = j;
  }
  while (cache && (cache.entries.size > CHUNK_CACHE_SIZE || cache.chars > CHUNK_CACHE_CHARS)) {
    const oldest = cache.entries.keys().next().value as string | undefined;
    if (oldest === undefined) break;
    cache.entries.delete(oldest);
    cache.chars -= oldest.length;
  }
  const lines = starts[starts.length - 1].line + countLines(text, starts[starts.length - 1].offset);
  return {
    type: 'root',
    children,
    position: { start: { line: 1, column: 1, offset: 0 }, end: { line: lines, column: 1, offset: text.length } },
  };
}

interface ChunkStart {
  offset: number;
  /** Zero-based line of the chunk's first character. */
  line: number;
}

const LONE_CR = /\r(?!\n)/;
const LINK_DEFINITION = /^[ \t]{0,3}\[[^\]\n]+\]:/m;
const HEADING = /^#{1,6}(?:[ \t]|$)/;
const LIST_ITEM = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
/** A list item line is proposed as a cut only this far (bytes) past the previous cut: long lists, few chunks. */
const ITEM_CUT_MIN_BYTES = 1024;
const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const HTML_RAW_OPEN = /^[ \t]{0,3}<(pre|script|style|textarea)(?:[\s>]|$)/i;

/**
 * Offsets where a chunk may start: the document start, every ATX heading line outside code, comments and raw HTML,
 * and in long stretches without headings, column-0 list item lines after a blank line. These are proposals only.
 */
function chunkStarts(text: string, itemCutBytes: number): ChunkStart[] {
  const starts: ChunkStart[] = [{ offset: 0, line: 0 }];
  let fence: string | undefined;
  let rawHtml: string | undefined;
  let inComment = false;
  let afterBlank = false;
  let afterItem = false;
  let offset = 0;
  let line = 0;
  // Front matter is only recognised at the very start: never cut inside it.
  // As micromark-extension-frontmatter reads it: a `---` line opens it and only a `---` line closes it (not `...`).
  if (/^---[ \t]*\r?\n/.test(text)) {
    const close = /\r?\n---[ \t]*(?:\r?\n|$)/.exec(text.slice(3));
    if (!close) return starts;
    const end = 3 + close.index + close[0].length;
    line = countLines(text.slice(0, end), 0) - 1;
    offset = end;
  }
  while (offset < text.length) {
    const nl = text.indexOf('\n', offset);
    const next = nl < 0 ? text.length : nl + 1;
    const content = text.slice(offset, nl < 0 ? text.length : nl);
    if (fence) {
      const m = FENCE.exec(content);
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && content.slice(m[0].length).trim() === '') fence = undefined;
    } else if (inComment) {
      if (content.includes('-->')) inComment = false;
    } else if (rawHtml) {
      if (content.toLowerCase().includes(`</${rawHtml}>`)) rawHtml = undefined;
    } else {
      const f = FENCE.exec(content);
      const h = HTML_RAW_OPEN.exec(content);
      if (f) fence = f[1];
      else if (h && !content.toLowerCase().includes(`</${h[1].toLowerCase()}>`)) rawHtml = h[1].toLowerCase();
      else if (content.lastIndexOf('<!--') > content.lastIndexOf('-->')) inComment = true;
      else if (line > 0 && HEADING.test(content)) starts.push({ offset, line });
      else if ((afterBlank || afterItem) && offset - starts[starts.length - 1].offset >= itemCutBytes && LIST_ITEM.test(content)) {
        // After a blank line, or (in a tight list) right after another column-0 item line: micromark confirms it.
        starts.push({ offset, line });
      }
    }
    afterBlank = content.trim() === '';
    afterItem = !fence && !inComment && !rawHtml && LIST_ITEM.test(content);
    offset = next;
    line++;
  }
  return starts;
}

/**
 * Parses a chunk with the line after it and checks that line starts a top-level block there: a heading, a new list,
 * or the next item of the chunk's last list. Undefined when it does not (the cut is refused).
 */
function parseChunkBefore(chunk: string, next: string): ParsedChunk | undefined {
  const nodes = parseText(chunk + next).children;
  const last = nodes[nodes.length - 1];
  if (!last?.position) return undefined;
  if (last.position.start.offset === chunk.length && (last.type === 'heading' || last.type === 'list')) {
    return { nodes: nodes.slice(0, -1), listContinues: false };
  }
  const item = last.type === 'list' && last.children.length > 1 ? last.children[last.children.length - 1] : undefined;
  if (last.type === 'list' && item?.position?.start.offset === chunk.length) {
    return { nodes: [...nodes.slice(0, -1), { ...last, children: last.children.slice(0, -1) }], listContinues: true };
  }
  return undefined;
}

/** The offset just past the line that starts at `from` (its newline included). */
function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl + 1;
}

function countLines(text: string, from: number): number {
  let n = 1;
  for (let i = text.indexOf('\n', from); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** A copy of a cached node with its positions moved to where its chunk sits in the document. */
function shifted<T extends Nodes>(node: T, offset: number, line: number): T {
  const copy = { ...node };
  if (node.position) {
    copy.position = {
      start: { line: node.position.start.line + line, column: node.position.start.column, offset: (node.position.start.offset ?? 0) + offset },
      end: { line: node.position.end.line + line, column: node.position.end.column, offset: (node.position.end.offset ?? 0) + offset },
    };
  }
  if ('children' in node) {
    (copy as { children: Nodes[] }).children = (node.children as Nodes[]).map((c) => shifted(c, offset, line));
  }
  return copy;
}

/** The plain text of a node: text, inline code and code values joined; HTML comments left out. */
export function plainText(node: Nodes): string {
  if (node.type === 'html') return node.value.trim().startsWith('<!--') ? '' : node.value;
  if (node.type === 'yaml') return '';
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) {
    const sep = node.type === 'root' || node.type === 'list' || node.type === 'listItem' ? '\n' : '';
    return (node.children as Nodes[]).map(plainText).join(sep);
  }
  return '';
}

/** A GitHub-style slug of a heading: lower case, punctuation dropped, spaces to dashes. */
export function slug(text: string): string {
  return text.toLowerCase().trim().replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s+/g, '-') || 'section';
}

export function startOffset(node: Nodes): number {
  return node.position?.start.offset ?? 0;
}

export function endOffset(node: Nodes): number {
  return node.position?.end.offset ?? 0;
}

/** The same parse without chunking: the reference the chunked parse is tested against. */
export function parseMarkdownWhole(text: string): Root {
  return processor.parse(defuse(text));
}

/** A paragraph with more emphasis delimiters than this is parsed without emphasis (micromark's cost grows with their square). */
const MAX_DELIMITERS_PER_BLOCK = 1500;
/** Container markers (`- `, `> `) past this depth on one line are read as text (micromark's cost grows with the depth's square). */
const MAX_CONTAINER_DEPTH = 48;

/**
 * The text with what micromark spends superlinear time on, and a runbook never means, made inert: `*` and `_` in a
 * block (outside fenced code) with more than MAX_DELIMITERS_PER_BLOCK of them, and list or quote markers nested deeper
 * than MAX_CONTAINER_DEPTH on one line. Each such character is replaced by one of the same UTF-16 length, so every
 * offset and range stays exact; the credential scan and the finding ranges read the original text.
 */
export function defuse(text: string): string {
  if (text.length < MAX_DELIMITERS_PER_BLOCK && !DEEP_HINT.test(text.slice(0, 4096))) return text;
  const spans: { from: number; to: number; inert: (c: string) => string }[] = [];
  let fence: string | undefined;
  let blockStart = 0;
  let delimiters = 0;
  const endBlock = (end: number): void => {
    if (delimiters > MAX_DELIMITERS_PER_BLOCK) spans.push({ from: blockStart, to: end, inert: inertEmphasis });
    delimiters = 0;
  };
  for (let offset = 0; offset <= text.length;) {
    const nl = text.indexOf('\n', offset);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(offset, end);
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length && line.slice(f[0].length).trim() === '') fence = undefined;
      blockStart = end + 1;
    } else if (f) {
      endBlock(offset);
      fence = f[1];
      blockStart = end + 1;
    } else if (line.trim() === '') {
      endBlock(offset);
      blockStart = end + 1;
    } else {
      for (let i = 0; i < line.length; i++) if (line[i] === '*' || line[i] === '_') delimiters++;
      const deep = tooDeep(line);
      if (deep) spans.push({ from: offset + deep.from, to: offset + deep.to, inert: inertMarker });
    }
    if (nl < 0) break;
    offset = end + 1;
  }
  if (!fence) endBlock(text.length);
  if (spans.length === 0) return text;
  spans.sort((x, y) => x.from - y.from);
  let out = '';
  let at = 0;
  for (const span of spans) {
    if (span.to <= at) continue;
    const from = Math.max(at, span.from);
    out += text.slice(at, from) + text.slice(from, span.to).replace(/[-*+>_]/g, span.inert);
    at = span.to;
  }
  return out + text.slice(at);
}

const DEEP_HINT = /(?:[-*+>][ \t]+){8}/;
const INERT: Record<string, string> = { '*': '\u2217', _: '\u2017', '-': '\u2010', '+': '\uff0b', '>': '\u203a' };
const inertEmphasis = (c: string): string => (c === '*' || c === '_' ? INERT[c] : c);
const inertMarker = (c: string): string => INERT[c] ?? c;

/** For a line whose leading `- ` / `* ` / `+ ` / `> ` markers nest deeper than the limit: where the markers past it are. */
function tooDeep(line: string): { from: number; to: number } | undefined {
  let depth = 0;
  let i = 0;
  while (line[i] === ' ' || line[i] === '\t') i++;
  while (i < line.length) {
    const c = line[i];
    if ((c === '-' || c === '*' || c === '+' || c === '>') && (line[i + 1] === ' ' || line[i + 1] === '\t' || c === '>')) {
      depth++;
      if (depth > MAX_CONTAINER_DEPTH) {
        let j = i;
        while (j < line.length && '-*+> \t'.includes(line[j])) j++;
        return { from: i, to: j };
      }
      i++;
      while (line[i] === ' ' || line[i] === '\t') i++;
      continue;
    }
    break;
  }
  return undefined;
}
