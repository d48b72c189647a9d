import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root, Nodes } from 'mdast';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

/** Parses Markdown (CommonMark + GFM + YAML front matter) to mdast. */
export function parseMarkdown(text: string): Root {
  return processor.parse(text);
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
