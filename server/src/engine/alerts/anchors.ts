/**
 * The `#fragment`s a runbook answers to. GitHub's rules (github-slugger: lower case, punctuation dropped, spaces to
 * dashes, `-1`, `-2` for repeated headings); Hugo's default (`autoHeadingIDType: github`) gives the same ids for the
 * headings runbooks have, and its `{#custom-id}` attributes are honoured; explicit HTML `id`/`name` anchors count too.
 * Compared without case, as GitHub's page script does.
 *
 * Headings are found by a line scan (ATX and setext headings outside fenced code, inline markup stripped the way it
 * renders), not by parsing the Markdown again: the model is parsed once per version, and a workspace of thousands of
 * runbooks resolves anchors for hundreds of links.
 */
import GithubSlugger from 'github-slugger';

const CUSTOM_ID = /\s*\{#([^}\s]+)\}\s*$/;
const HTML_ANCHOR = /<[a-z][^>]*?\s(?:id|name)\s*=\s*["']([^"']+)["']/gi;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;

/** Every anchor of the Markdown text, lower-cased. */
export function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const slugger = new GithubSlugger();
  const add = (raw: string) => {
    const custom = CUSTOM_ID.exec(raw);
    if (custom) anchors.add(custom[1].toLowerCase());
    anchors.add(slugger.slug(renderedText(custom ? raw.slice(0, custom.index) : raw)));
  };
  const lines = text.split(/\r\n|\r|\n/);
  let fence: string | undefined;
  let start = 0;
  if (lines[0] === '---') {
    // Front matter is no Markdown.
    const end = lines.indexOf('---', 1);
    if (end > 0) start = end + 1;
  }
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length && line.trim() === f[1]) fence = undefined;
      continue;
    }
    // A backtick fence's info string holds no backtick (``` x ``` on one line is inline code).
    if (f && !(f[1][0] === '`' && line.slice(line.indexOf(f[1]) + f[1].length).includes('`'))) {
      fence = f[1];
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      add(atx[2] ?? '');
      continue;
    }
    const next = lines[i + 1];
    // A setext heading: a paragraph line underlined with = or - (a lone `---` after a blank line is a rule).
    if (next !== undefined && SETEXT.test(next) && line.trim() !== '' && !/^ {0,3}([-*+]|\d+[.)])[ \t]|^ {0,3}>|^ {4}/.test(line)) {
      add(line.trim());
      i++;
    }
  }
  for (const m of text.matchAll(HTML_ANCHOR)) anchors.add(m[1].toLowerCase());
  return anchors;
}

/** A heading's source as its rendered text: links to their text, images and HTML tags dropped, emphasis marks off. */
function renderedText(source: string): string {
  return source
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(^|[^\p{L}\p{N}])_{1,2}(?=\S)(.+?)(?<=\S)_{1,2}(?=[^\p{L}\p{N}]|$)/gu, '$1$2')
    .replace(/\\(.)/g, '$1');
}
