/** The links, images, link definitions, Hugo `ref`/`relref` shortcodes and headings of a parsed document. */
import type { Nodes, Root } from 'mdast';
import { endOffset, plainText, startOffset } from '../markdown';
import type { HeadingRef, LinkRef } from '../model';
import type { LineIndex } from '../text';

const HUGO_REF = /\{\{[<%]\s*(?:rel)?ref\s+"([^"\n]{1,300})"\s*[>%]\}\}/g;
const EXPLICIT_ID = /[ \t]*\{#([A-Za-z0-9_:.-]+)\}[ \t]*$/;

/** Fills `links` and `headings` from the tree (code is skipped: a link in a code block is text). */
export function collectLinks(tree: Root, index: LineIndex, links: LinkRef[], headings: HeadingRef[]): void {
  walk(tree, index, links, headings);
  if (!index.text.includes('ref')) return;
  for (const m of index.text.matchAll(HUGO_REF)) {
    const start = (m.index ?? 0) + m[0].indexOf('"') + 1;
    links.push({ kind: 'hugo-ref', url: m[1], range: index.range(start, start + m[1].length) });
  }
  links.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function walk(node: Nodes, index: LineIndex, links: LinkRef[], headings: HeadingRef[]): void {
  switch (node.type) {
    case 'code': case 'inlineCode': case 'yaml': return;
    case 'heading': {
      const raw = plainText(node).trim();
      const id = EXPLICIT_ID.exec(raw);
      headings.push({ text: id ? raw.slice(0, id.index) : raw, depth: node.depth, line: index.position(startOffset(node)).line, ...(id ? { id: id[1] } : {}) });
      break;
    }
    case 'link': case 'image': case 'definition':
      links.push({ kind: node.type, url: node.url, range: destinationRange(index, node) });
      break;
    default:
  }
  if ('children' in node) for (const c of node.children as Nodes[]) walk(c, index, links, headings);
}

/** The range of the destination as written (`(./x.md#y)` without the parentheses), else of the whole node. */
function destinationRange(index: LineIndex, node: Nodes): LinkRef['range'] {
  const start = startOffset(node);
  const end = endOffset(node);
  const raw = index.text.slice(start, end);
  if (node.type === 'definition') {
    const m = /\]:[ \t]*\n?[ \t]*<?([^\s>]+)/.exec(raw);
    if (m) {
      const at = start + (m.index ?? 0) + m[0].length - m[1].length;
      return index.range(at, at + m[1].length);
    }
  } else {
    const open = raw.lastIndexOf('](');
    if (open >= 0) {
      const m = /^[ \t]*<?([^\s)>]+)/.exec(raw.slice(open + 2));
      if (m) {
        const at = start + open + 2 + m[0].length - m[1].length;
        return index.range(at, at + m[1].length);
      }
    }
  }
  return index.range(start, end);
}
