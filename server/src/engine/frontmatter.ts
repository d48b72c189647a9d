import { parseDocument, isMap, isScalar, isSeq, type Node } from 'yaml';
import { YAML_LOG_LEVEL } from './yamlLogLevel';
import type { LineIndex } from './text';
import type { Finding, Range } from './types';

/** The front matter block as found in the text, with the YAML parsed and every key's value range kept. */
export interface FrontMatter {
  /** From the opening `---` to the end of the closing fence. */
  range: Range;
  /** Offset of the first character of the YAML content. */
  contentStart: number;
  /** Offset just after the YAML content (where the closing fence's line starts). */
  contentEnd: number;
  /** The parsed mapping, or undefined when the YAML is invalid or not a mapping. */
  data?: Record<string, unknown>;
  /** JSON pointer (relative to the front matter, e.g. `/alerts/0`) -> range of that value. */
  valueRanges: Map<string, Range>;
  /** JSON pointer of a top-level key -> range of the key itself. */
  keyRanges: Map<string, Range>;
  /** A `frontmatter` finding when the YAML does not parse or is not a mapping. */
  error?: Finding;
}

/** Parses the YAML between `start` and `end` (document offsets of the front matter node) with exact ranges. */
export function parseFrontMatter(index: LineIndex, start: number, end: number): FrontMatter {
  const text = index.text;
  const firstNl = text.indexOf('\n', start);
  const contentStart = firstNl < 0 || firstNl >= end ? end : firstNl + 1;
  // The closing fence is the last line of the node.
  const lastNl = text.lastIndexOf('\n', end - 1);
  const contentEnd = lastNl >= contentStart ? lastNl + 1 : contentStart;
  const yamlText = text.slice(contentStart, contentEnd);
  const fm: FrontMatter = {
    range: index.range(start, end),
    contentStart,
    contentEnd,
    valueRanges: new Map(),
    keyRanges: new Map(),
  };
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true, logLevel: YAML_LOG_LEVEL });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    // An error at the very end of the YAML (an unclosed bracket, say) is shown on the last line of YAML.
    const from = Math.min(err.pos[0], Math.max(0, yamlText.trimEnd().length - 1));
    const to = Math.max(Math.min(err.pos[1], yamlText.trimEnd().length), from + 1);
    const range = index.range(contentStart + from, contentStart + to);
    const reason = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    fm.error = {
      rule: 'frontmatter',
      code: 'frontmatter/invalid-yaml',
      severity: 'error',
      range,
      message: `Front matter is not valid YAML: ${reason}. The section checks still ran; fix the YAML to check the front matter.`,
    };
    return fm;
  }
  const contents = doc.contents;
  if (contents === null) {
    fm.data = {};
    return fm;
  }
  if (!isMap(contents)) {
    fm.error = {
      rule: 'frontmatter',
      code: 'frontmatter/invalid-yaml',
      severity: 'error',
      range: rangeOf(index, contentStart, contents) ?? fm.range,
      message: 'Front matter must be a mapping of keys to values (key: value lines).',
    };
    return fm;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // YAML that parses but cannot be resolved (`title: *a` with no `&a` anchor, an alias bomb): invalid like a syntax error.
    fm.error = {
      rule: 'frontmatter',
      code: 'frontmatter/invalid-yaml',
      severity: 'error',
      range: fm.range,
      message: `Front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}. The section checks still ran; fix the YAML to check the front matter.`,
    };
    return fm;
  }
  fm.data = isRecord(data) ? data : {};
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined) continue;
    const pointer = `/${escapePointer(key)}`;
    const keyRange = rangeOf(index, contentStart, pair.key as Node);
    if (keyRange) fm.keyRanges.set(pointer, keyRange);
    collectRanges(index, contentStart, pair.value as Node | null, pointer, fm.valueRanges, keyRange);
  }
  return fm;
}

function collectRanges(
  index: LineIndex, base: number, node: Node | null, pointer: string, out: Map<string, Range>, fallback?: Range,
): void {
  const range = node ? rangeOf(index, base, node) : undefined;
  const own = range ?? fallback;
  if (own) out.set(pointer, own);
  if (node && isSeq(node)) {
    node.items.forEach((item, i) => collectRanges(index, base, item as Node, `${pointer}/${i}`, out, own));
  } else if (node && isMap(node)) {
    for (const pair of node.items) {
      if (isScalar(pair.key)) {
        collectRanges(index, base, pair.value as Node, `${pointer}/${escapePointer(String(pair.key.value))}`, out, own);
      }
    }
  }
}

function rangeOf(index: LineIndex, base: number, node: Node | null | undefined): Range | undefined {
  if (!node?.range) return undefined;
  const [start, valueEnd] = node.range;
  return index.range(base + start, base + Math.max(valueEnd, start));
}

/** Escapes one JSON-pointer token. */
export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
