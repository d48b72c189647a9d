/**
 * The `#fragment`s a runbook answers to. GitHub's rules (github-slugger: lower case, punctuation dropped, spaces to
 * dashes, `-1`, `-2` for repeated headings); Hugo's default (`autoHeadingIDType: github`) gives the same ids for the
 * headings runbooks have, and its `{#custom-id}` attributes are honoured; explicit HTML `id`/`name` anchors count too.
 * Compared without case, as GitHub's page script does.
 */
import GithubSlugger from 'github-slugger';
import type { Nodes } from 'mdast';
import { parseMarkdown } from '../markdown';

const CUSTOM_ID = /\s*\{#([^}\s]+)\}\s*$/;
const HTML_ANCHOR = /<[a-z][^>]*?\s(?:id|name)\s*=\s*["']([^"']+)["']/gi;

/** Every anchor of the Markdown text, lower-cased. */
export function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const slugger = new GithubSlugger();
  const visit = (node: Nodes): void => {
    if (node.type === 'heading') {
      const raw = headingText(node);
      const custom = CUSTOM_ID.exec(raw);
      if (custom) anchors.add(custom[1].toLowerCase());
      anchors.add(slugger.slug(custom ? raw.slice(0, custom.index) : raw));
      return;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  try {
    visit(parseMarkdown(text, { cacheChunks: false }));
  } catch {
    // Adversarial nesting can overflow the parser: the HTML anchors below still count.
  }
  for (const m of text.matchAll(HTML_ANCHOR)) anchors.add(m[1].toLowerCase());
  return anchors;
}

/** A heading's text as GitHub slugs it: inline markup and HTML tags left out, code and link text kept. */
function headingText(node: Nodes): string {
  if (node.type === 'html') return '';
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(headingText).join('');
  return '';
}
