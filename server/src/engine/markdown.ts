import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root, Nodes, RootContent } from 'mdast';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

type SyntaxExtension = { text?: Record<string, unknown> } & Record<string, unknown>;

/** The extension without GFM's email autolink literal construct (micromark tries it at the start of every word). */
function withoutEmailAutolink(extension: SyntaxExtension): SyntaxExtension {
  if (!extension.text) return extension;
  const text: Record<string, unknown> = {};
  for (const [code, value] of Object.entries(extension.text)) {
    const constructs = (Array.isArray(value) ? value : [value]).filter((c: { name?: string }) => c.name !== 'emailAutolink');
    if (constructs.length > 0) text[code] = constructs;
  }
  return { ...extension, text };
}

/**
 * The same parser minus the email autolink construct, for text without an `@`: an email autolink needs one, so the
 * tree is identical (checked on every corpus file and by the fuzz tests), and the parse takes about a fifth less CPU.
 */
const processorWithoutAt = unified()
  .use(remarkParse)
  .data('micromarkExtensions', (processor.data('micromarkExtensions') ?? []).map((e) => withoutEmailAutolink(e as unknown as SyntaxExtension) as unknown as typeof e))
  .data('fromMarkdownExtensions', processor.data('fromMarkdownExtensions'))
  .freeze();

/** Parses with the cheapest parser that gives the full parser's tree for this text. */
function parseText(text: string): Root {
  return (text.includes('@') ? processor : processorWithoutAt).parse(text);
}

/** How to parse: `cacheChunks: false` for text parsed once (the default caches chunks for re-parses after an edit). */
export interface MarkdownParseOptions {
  cacheChunks?: boolean;
}

/** Parsed chunks by their text, positions relative to the chunk: an edit re-parses only the section it touched. */
const chunkCache = new Map<string, RootContent[] | null>(); // null: the heading after the chunk is not a cut
const CHUNK_CACHE_SIZE = 4000;
const MAX_REFUSED_CUTS = 4;

/**
 * Parses Markdown (CommonMark + GFM + YAML front matter) to mdast.
 *
 * The text is cut at ATX heading lines that stand outside fenced code and HTML comments: a heading there always ends
 * whatever block came before, so parsing each chunk alone gives the same tree (a document with link reference
 * definitions, which reach across chunks, is parsed whole). Chunks are cached by text, which keeps re-parsing after an edit proportional to
 * the edited section rather than to the document, and keeps huge files linear.
 */
export function parseMarkdown(text: string, options: MarkdownParseOptions = {}): Root {
  // A one-shot parse (CLI, workspace index) gains nothing from the cache and pays for copying every node out of it and
  // for keeping thousands of chunk trees alive: about a fifth more CPU per file (bench/RESULTS.md).
  if (options.cacheChunks === false || text.charCodeAt(0) === 0xfeff) return parseText(text); // micromark drops a byte-order mark from its offsets
  // Link reference definitions reach across the whole document: such documents are parsed in one piece.
  const starts = LINK_DEFINITION.test(text) ? [{ offset: 0, line: 0 }] : chunkStarts(text);
  if (starts.length === 1) return parseText(text);
  const children: RootContent[] = [];
  for (let i = 0; i < starts.length;) {
    const start = starts[i];
    // A chunk is parsed together with the heading line that follows it. When that line comes out as a top-level
    // heading, the parser had closed every block before it (a fence, a list, an HTML block), so the chunk's nodes are
    // the whole parse's; when it does not (say the scan took an indented line for a fence), the cut is dropped and the
    // chunk runs on to the next heading. The scan only proposes cuts: micromark decides.
    // After a few refused cuts the scan is out of step with the parser here (say, inside a list with indented
    // fences): the rest of the document becomes one chunk, so the refusals stay linear in the document's size.
    let j = i + 1;
    let nodes: RootContent[] | undefined;
    for (let refused = 0; ; refused++) {
      if (refused === MAX_REFUSED_CUTS) j = starts.length;
      const end = j < starts.length ? starts[j].offset : text.length;
      const chunk = text.slice(start.offset, end);
      const next = j < starts.length ? text.slice(end, lineEnd(text, end)) : '';
      const key = `${chunk.length}:${chunk}${next}`;
      const cached = chunkCache.get(key);
      if (cached !== undefined) {
        chunkCache.delete(key); // re-insert: most recently used last
        nodes = cached ?? undefined;
      } else {
        const parsed = parseText(chunk + next).children;
        const last = parsed[parsed.length - 1];
        const cut = !next || (last?.type === 'heading' && last.position?.start.offset === chunk.length);
        if (next && cut) parsed.pop();
        nodes = cut ? parsed : undefined;
      }
      chunkCache.set(key, nodes ?? null);
      if (nodes) break;
      j++;
    }
    for (const n of nodes) children.push(shifted(n, start.offset, start.line));
    i = j;
  }
  while (chunkCache.size > CHUNK_CACHE_SIZE) chunkCache.delete(chunkCache.keys().next().value as string);
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

const LINK_DEFINITION = /^[ \t]{0,3}\[[^\]\n]+\]:/m;
const HEADING = /^#{1,6}(?:[ \t]|$)/;
const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const HTML_RAW_OPEN = /^[ \t]{0,3}<(pre|script|style|textarea)(?:[\s>]|$)/i;

/** Offsets where a chunk may start: the document start and every ATX heading line outside code, comments and raw HTML. */
function chunkStarts(text: string): ChunkStart[] {
  const starts: ChunkStart[] = [{ offset: 0, line: 0 }];
  let fence: string | undefined;
  let rawHtml: string | undefined;
  let inComment = false;
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
    }
    offset = next;
    line++;
  }
  return starts;
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
  return processor.parse(text);
}
