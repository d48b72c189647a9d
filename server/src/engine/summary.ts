/**
 * What the workspace index needs of a runbook it has not opened (title, review dates, whether the YAML is broken),
 * read without parsing its Markdown: the front matter block at the start and the first `# ` heading outside code.
 * Linear in the text, so no file in the workspace can hold up the index.
 */
import { parseFrontMatter } from './frontmatter';
import { LineIndex } from './text';

export interface RunbookSummary {
  /** Front matter `title`, else the first H1's text. */
  title?: string;
  data: Record<string, unknown>;
  frontMatterBroken: boolean;
}

const FRONT_MATTER_OPEN = /^---[ \t]*\r?\n/;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;

/** The summary of a runbook's text. */
export function summarizeRunbook(text: string): RunbookSummary {
  let data: Record<string, unknown> = {};
  let broken = false;
  let bodyStart = 0;
  if (FRONT_MATTER_OPEN.test(text)) {
    const close = /(\r?\n---[ \t]*)(?:\r?\n|$)/.exec(text.slice(3));
    if (close) {
      // As the parser's front matter node: from the opening fence to the end of the closing one (its line break not included).
      const nodeEnd = 3 + close.index + close[1].length;
      const end = 3 + close.index + close[0].length;
      const fm = parseFrontMatter(new LineIndex(text.slice(0, end)), 0, nodeEnd);
      data = fm.data ?? {};
      broken = fm.error !== undefined;
      bodyStart = end;
    }
  }
  const title = typeof data.title === 'string' ? data.title : firstH1(text, bodyStart);
  return { ...(title ? { title } : {}), data, frontMatterBroken: broken };
}

function firstH1(text: string, from: number): string | undefined {
  let fence: string | undefined;
  for (let offset = from; offset < text.length;) {
    const nl = text.indexOf('\n', offset);
    const line = text.slice(offset, nl < 0 ? text.length : nl).replace(/\r$/, '');
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = undefined;
    } else if (f) {
      fence = f[1];
    } else if (/^ {0,3}# /.test(line)) {
      return line.replace(/^ {0,3}# /, '').replace(/[ \t]+#+[ \t]*$/, '').trim() || undefined;
    }
    if (nl < 0) break;
    offset = nl + 1;
  }
  return undefined;
}
