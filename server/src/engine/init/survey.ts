/**
 * `runbooks init`: looks at an existing collection and proposes a first config. Which files are runbooks and which
 * are index or listing pages, which headings most likely mean each section of the schema (by the schema's own aliases
 * and `related` words), and how often each section and check would fire. Pure: the caller reads the files.
 */
import type { Heading, Nodes } from 'mdast';
import { parseMarkdown, plainText } from '../markdown';
import { RUNNABLE_LANGS } from '../runnable';
import { normalizeHeading, sectionKeysOf, type RunbookSchema } from '../schema';

export interface SurveyFile {
  /** Path relative to the collection's folder, `/`-separated. */
  path: string;
  text: string;
}

/** What one page looks like to init. */
export interface PageShape {
  path: string;
  /** `index`: a listing page (`_index.md`, a README that mostly links), `template`, or `document` (a candidate runbook). */
  kind: 'index' | 'template' | 'document';
  why: string;
  /** Top-level section headings (H2, or H1 after the first), normalized. */
  headings: string[];
  hasFrontMatter: boolean;
  /**
   * The front matter holds a key of the runbook schema's front matter other than `title` (owner, service, alerts,
   * review dates): a site generator's own `title:`/`weight:` is front matter, but not the team adopting the runbook's.
   */
  adoptsFrontMatter: boolean;
  /** The page states an outcome the way the schema asks ("Expected: ..."), anywhere. */
  writesExpected: boolean;
  /** Runnable fenced blocks (bash, sh, shell, zsh, console). */
  steps: number;
}

export interface AliasProposal {
  section: string;
  heading: string;
  /** How many candidate runbooks have this heading. */
  count: number;
}

export interface Survey {
  pages: PageShape[];
  /** Headings the schema does not know yet, mapped to the section they most likely mean, most frequent first. */
  aliases: AliasProposal[];
  /**
   * Headings in most documents that mean no section of the schema: declared as the team's own sections (key, title),
   * so each is a section, checked for being empty like any other.
   */
  teamSections: TeamSectionProposal[];
  /** Headings seen in several documents that init could not map, with counts (shown as comments). */
  unmapped: { heading: string; count: number }[];
}

export interface TeamSectionProposal {
  /** The config key: the heading's words, lower case, joined by `-`. */
  key: string;
  heading: string;
  count: number;
}

const INDEX_NAMES = new Set(['_index.md', 'index.md', 'readme.md', 'summary.md', 'contributing.md', 'changelog.md', 'code_of_conduct.md', 'license.md', 'security.md', 'owners.md']);

/** Surveys a collection. */
export function surveyCollection(files: readonly SurveyFile[], schema: RunbookSchema): Survey {
  const keys = frontMatterKeys(schema);
  const pages = files.map((f) => shapeOf(f, keys));
  const documents = pages.filter((p) => p.kind === 'document');
  const counts = new Map<string, { heading: string; count: number }>();
  for (const page of documents) {
    for (const heading of new Set(page.headings)) {
      const key = normalizeHeading(heading);
      const entry = counts.get(key) ?? { heading, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
  }
  const aliases: AliasProposal[] = [];
  const teamSections: TeamSectionProposal[] = [];
  const unmapped: { heading: string; count: number }[] = [];
  const minCount = Math.max(2, Math.ceil(documents.length * 0.02));
  const sectionKeys = new Set(schema.sections.map((s) => s.key));
  for (const [key, { heading, count }] of [...counts].sort((a, b) => b[1].count - a[1].count)) {
    if (sectionKeysOf(key, schema).length > 0 || count < minCount) continue;
    const section = likelySection(key, schema);
    if (section) aliases.push({ section, heading, count });
    else if (count * 2 > documents.length) teamSections.push({ key: sectionKey(key, sectionKeys), heading, count });
    else unmapped.push({ heading, count });
  }
  return { pages, aliases, teamSections, unmapped: unmapped.slice(0, 15) };
}

/** A config key for a team section named by a (normalized) heading, unlike every key in `taken` (which it joins). */
function sectionKey(normalized: string, taken: Set<string>): string {
  const base = normalized.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'section';
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}-${i}`;
  taken.add(key);
  return key;
}

/**
 * The section whose `related` words (2 points each) and alias words (1 point) the heading shares most; undefined on a
 * tie or none. Related words are the schema's own hints, so they outweigh a word that merely appears in an alias
 * ("possible" in "Possible causes").
 */
export function likelySection(normalized: string, schema: RunbookSchema): string | undefined {
  const words = new Set(normalized.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  const tokens = (list: string[]) => new Set(list.flatMap((w) => w.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length > 2));
  let best: string | undefined;
  let bestScore = 0;
  let tie = false;
  for (const section of schema.sections) {
    const related = tokens(section.related);
    const aliases = tokens([...section.aliases, section.title]);
    let score = 0;
    for (const w of words) score += related.has(w) ? 2 : aliases.has(w) ? 1 : 0;
    if (score > bestScore) {
      best = section.key;
      bestScore = score;
      tie = false;
    } else if (score === bestScore && score > 0) {
      tie = true;
    }
  }
  return bestScore > 0 && !tie ? best : undefined;
}

/** The runbook schema's front matter keys that say a team adopted it: every one but `title`, which sites have anyway. */
function frontMatterKeys(schema: RunbookSchema): Set<string> {
  const properties = schema.document.properties as { frontMatter?: { properties?: Record<string, unknown> } } | undefined;
  return new Set(Object.keys(properties?.frontMatter?.properties ?? {}).filter((k) => k !== 'title'));
}

/** "Expected:" (or "Expected outcome:", bold or not) at the start of a line or list item, as the runbooks write it. */
const EXPECTED_LINE = /^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*|__)?expected(?: outcome| result)?(?:\*\*|__)?\s*:/im;

function shapeOf(file: SurveyFile, adoptionKeys: ReadonlySet<string>): PageShape {
  const name = file.path.split('/').pop()?.toLowerCase() ?? '';
  const hasFrontMatter = file.text.startsWith('---');
  const front = hasFrontMatter ? /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/.exec(file.text)?.[1] ?? '' : '';
  const adoptsFrontMatter = front.split(/\r?\n/).some((line) => adoptionKeys.has(/^([A-Za-z_][\w-]*)\s*:/.exec(line)?.[1] ?? ''));
  const writesExpected = EXPECTED_LINE.test(file.text);
  let tree;
  try {
    tree = parseMarkdown(file.text, { cacheChunks: false });
  } catch {
    return { path: file.path, kind: 'document', why: 'could not be parsed', headings: [], hasFrontMatter, adoptsFrontMatter, writesExpected, steps: 0 };
  }
  const headingNodes = tree.children.filter((n): n is Heading => n.type === 'heading');
  const firstH1 = headingNodes.findIndex((h) => h.depth === 1);
  const headings = headingNodes.filter((h, i) => h.depth === 2 || (h.depth === 1 && i !== firstH1)).map((h) => plainText(h).trim());
  const steps = countSteps(tree.children as Nodes[]);
  const shape = (kind: PageShape['kind'], why: string): PageShape => ({ path: file.path, kind, why, headings, hasFrontMatter, adoptsFrontMatter, writesExpected, steps });
  if (/template/.test(name) || name === 'example.md') return shape('template', 'its name says it is a template or an example');
  const linkShare = shareOfLinkText(tree.children as Nodes[]);
  const hasCode = tree.children.some((n) => n.type === 'code');
  if (name === '_index.md') return shape('index', 'a Hugo section page (_index.md)');
  if (INDEX_NAMES.has(name) && (linkShare > 0.3 || !hasCode)) return shape('index', `a ${name} that ${linkShare > 0.3 ? 'mostly links to other pages' : 'has no code'}`);
  if (linkShare > 0.6 && !hasCode) return shape('index', `${Math.round(linkShare * 100)}% of its text is links`);
  return shape('document', '');
}

function countSteps(nodes: Nodes[]): number {
  let n = 0;
  const walk = (node: Nodes): void => {
    if (node.type === 'code' && RUNNABLE_LANGS.has((node.lang ?? '').toLowerCase())) n++;
    if ('children' in node) for (const c of node.children as Nodes[]) walk(c);
  };
  nodes.forEach(walk);
  return n;
}

/** The share of a page's text that is link text. */
function shareOfLinkText(nodes: Nodes[]): number {
  let all = 0;
  let links = 0;
  const walk = (node: Nodes, inLink: boolean): void => {
    if (node.type === 'code' || node.type === 'yaml' || node.type === 'html') return;
    const link = inLink || node.type === 'link' || node.type === 'linkReference';
    if ('value' in node && typeof node.value === 'string') {
      all += node.value.length;
      if (link) links += node.value.length;
    }
    if ('children' in node) for (const c of node.children as Nodes[]) walk(c, link);
  };
  for (const n of nodes) walk(n, false);
  return all === 0 ? 0 : links / all;
}
