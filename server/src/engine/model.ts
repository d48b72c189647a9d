/** The model of a runbook that parse.ts builds and every check, lens and fix reads. Types only. */
import type { FrontMatter } from './frontmatter';
import type { RunbookSchema, SectionDefinition } from './schema';
import type { LineIndex } from './text';
import type { Range, Step } from './types';

/** One option/cause/step of a section: an H3 subsection or a top-level list item. */
export interface SectionItem {
  title: string;
  text: string;
  /** The item's "Expected: ..." line, when it has one. */
  expected?: string;
  /** The item's heading, or the first line of the list item. */
  range: Range;
}

/** A section of the runbook that matched one of the schema's sections through a heading alias. */
export interface Section {
  definition: SectionDefinition;
  heading: string;
  headingRange: Range;
  depth: number;
  /** Offsets of the whole section, heading included. */
  start: number;
  end: number;
  text: string;
  items: SectionItem[];
  /** Items plus code blocks that stand directly in the section. */
  steps: number;
}

/** A heading of the document that starts a top-level section (H1 after the title, or H2). */
export interface Division {
  heading: string;
  depth: number;
  range: Range;
  start: number;
  end: number;
  section?: Section;
}

/** A fenced code block or an HTML block as the parser delimited it, for the structure checks. */
export interface RawBlock {
  kind: 'code' | 'html';
  /** Offsets of the block in the text (a code block's opening fence to its end). */
  start: number;
  end: number;
  /** A code block's language tag, lower-cased ('' when none). */
  lang: string;
}

/** A link, image or Hugo `ref` shortcode of the text, with the range of its destination as written. */
export interface LinkRef {
  kind: 'link' | 'image' | 'definition' | 'hugo-ref';
  /** The destination as written (`../x.md#y`, `#anchor`, `https://...`). */
  url: string;
  range: Range;
}

/** A heading of any depth: its plain text, explicit `{#id}` if any, and line. */
export interface HeadingRef {
  text: string;
  depth: number;
  line: number;
  id?: string;
}

/** The model of a runbook: what the checks, code lenses and quick fixes read. Built once per document version. */
export interface Runbook {
  text: string;
  index: LineIndex;
  schema: RunbookSchema;
  frontMatter?: FrontMatter;
  title?: { text: string; range: Range };
  divisions: Division[];
  /** Known sections in document order: every heading mapped to one (a key may appear under several headings). */
  sections: Section[];
  steps: Step[];
  /** Ranges of fenced and inline code, for fixes that differ between code and prose. */
  codeRanges: Range[];
  /** Links, images, definitions and Hugo refs in document order. */
  links: LinkRef[];
  /** Every heading, in document order. */
  headings: HeadingRef[];
  /** Fenced code blocks and HTML blocks in document order (indented code is not listed). */
  blocks: RawBlock[];
  /** The text starts with a `---` line that the parser did not take as front matter (it is never closed). */
  unclosedFrontMatter: boolean;
  /** The JSON instance validated against the schema. */
  instance: Record<string, unknown>;
  /** JSON pointer into `instance` -> source range. */
  pointers: Map<string, Range>;
  /** Front matter says `kind: runbook`. */
  declaresRunbook: boolean;
  /**
   * Set when the Markdown could not be turned into a model (e.g. the parser's recursion overflowed on thousands of
   * nested block quotes): the model is then empty and only the text-based checks can run.
   */
  parseError?: Error;
}
