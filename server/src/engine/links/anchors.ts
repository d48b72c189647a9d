/**
 * The `#anchors` a document's headings answer to. Different hosts slug headings differently, so an anchor is good when
 * any of them would produce it: GitHub (github-slugger; Hugo's default `github` heading ids are the same), GitLab
 * (runs of hyphens collapsed), an explicit `{#id}`, and HTML `id`/`name` attributes.
 */
import GithubSlugger from 'github-slugger';
import type { HeadingRef } from '../model';

/** Every anchor the headings and HTML anchors of a document answer to. */
export function documentAnchors(text: string, headings: readonly HeadingRef[]): Set<string> {
  const anchors = new Set<string>();
  const github = new GithubSlugger();
  const gitlabSeen = new Map<string, number>();
  for (const h of headings) {
    if (h.id) anchors.add(h.id);
    anchors.add(github.slug(h.text));
    const base = gitlabSlug(h.text);
    const n = gitlabSeen.get(base) ?? 0;
    gitlabSeen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  if (text.includes('<')) {
    for (const m of text.matchAll(/<[A-Za-z][^>\n]{0,200}?\s(?:id|name)=["']([^"'\n]{1,100})["']/g)) anchors.add(m[1]);
  }
  return anchors;
}

/** GitLab's heading anchor: lower case, punctuation dropped, spaces to hyphens, runs of hyphens to one. */
function gitlabSlug(text: string): string {
  return text.toLowerCase().trim().replace(/[^\p{L}\p{N}_\s-]/gu, '').replace(/\s/g, '-').replace(/-{2,}/g, '-');
}

/** The GitHub slug of a heading text (what a quick fix writes). */
export function headingSlug(text: string): string {
  return new GithubSlugger().slug(text);
}

/** The heading whose slug is closest to `anchor`, when one is close enough to be what the link meant. */
export function closestHeading(anchor: string, headings: readonly HeadingRef[]): HeadingRef | undefined {
  const wanted = anchor.toLowerCase();
  // `further-steps-1` is the second "Further Steps" (GitHub numbers repeats): the first one is not what the link
  // meant, and pointing there would send the reader to another place. A numbered anchor gets no hint.
  const numbered = /^(.+)-\d+$/.exec(wanted)?.[1];
  if (numbered && headings.some((h) => headingSlug(h.text) === numbered)) return undefined;
  let best: { heading: HeadingRef; distance: number } | undefined;
  for (const h of headings) {
    const slug = headingSlug(h.text);
    const distance = slug.includes(wanted) || wanted.includes(slug) || sameWords(slug, wanted) ? Math.abs(slug.length - wanted.length) / 10 : editDistance(slug, wanted);
    if (!best || distance < best.distance) best = { heading: h, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(wanted.length * 0.3)) ? best.heading : undefined;
}

/** Every word of the shorter slug is a word of the longer one (`restart-api` in `restart-the-api`). */
function sameWords(a: string, b: string): boolean {
  const words = (s: string) => s.split(/[-_]+/).filter((w) => w !== '');
  const [short, long] = a.length <= b.length ? [words(a), new Set(words(b))] : [words(b), new Set(words(a))];
  return short.length > 0 && short.every((w) => long.has(w));
}

/** Levenshtein distance (short strings: anchors). */
function editDistance(a: string, b: string): number {
  if (a.length > 200 || b.length > 200) return Math.max(a.length, b.length);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}
