/**
 * Rename detection: an alert whose runbook link is dead and a runbook in the link's folder that answers no alert, or
 * an alert with no runbook and a runbook whose front matter names an alert no rule defines, when the names look like
 * one thing renamed. Candidates are bucketed (by the dead link's folder, by the first word
 * of each name), so the comparison never pairs every alert with every runbook.
 */
import { distance } from 'fastest-levenshtein';
import { nameKey, pathKey } from './url';
import type { AlertCoverage, RunbookFacts } from './types';

/** A runbook that answers no alert, with the front matter names no rule defines. */
export interface RenameCandidate {
  runbook: RunbookFacts;
  undefinedClaims: string[];
}

/** An alert and the runbook it was probably renamed from (or whose alert was renamed to it). */
export interface Rename {
  coverage: AlertCoverage;
  candidate: RenameCandidate;
  /** The front matter name to replace, when the runbook names the old alert. */
  oldName?: string;
  score: number;
}

/** Names this similar (1 - edit distance / longer length, letters and digits only, no case) count as one renamed. */
export const RENAME_SIMILARITY = 0.7;

/** Pairs dead-link and missing alerts with candidates, best pairs first, each side used once. */
export function detectRenames(alerts: readonly AlertCoverage[], candidates: readonly RenameCandidate[], keysOf: (rb: RunbookFacts) => readonly string[], memo = new RenameMemo()): Rename[] {
  const byFolder = new Map<string, RenameCandidate[]>();
  const byWord = new Map<string, RenameCandidate[]>();
  for (const c of candidates) {
    for (const key of keysOf(c.runbook)) {
      const folder = key.split('/').slice(0, -1);
      // Every trailing run of the folder: a link's `{path}` may be relative to a root the runbook's key is not.
      for (let i = 0; i <= folder.length; i++) push(byFolder, folder.slice(i).join('/'), c);
    }
    // An alert without any link is paired only with a runbook that names a (now undefined) alert: a file name alone
    // is too weak a sign (sibling alerts such as ...Down and ...Flapping look alike).
    if (c.undefinedClaims.length > 0) for (const name of candidateNames(c)) push(byWord, firstWord(name), c);
  }
  const pairs: Rename[] = [];
  const pair = (coverage: AlertCoverage) => (candidate: RenameCandidate, best: { score: number; claim?: string }) => {
    pairs.push({ coverage, candidate, oldName: best.claim, score: best.score });
  };
  for (const coverage of alerts) {
    if (coverage.status === 'dead-link' && coverage.link?.path !== undefined) {
      const target = pathKey(coverage.link.path);
      const folder = target.split('/').slice(0, -1).join('/');
      const stem = target.split('/').pop() ?? '';
      matchBucket([coverage.alert.name, stem], `${folder}\0`, unique(byFolder.get(folder) ?? []), pair(coverage), memo);
    } else if (coverage.status === 'missing') {
      matchBucket([coverage.alert.name], '\0word\0', unique(byWord.get(firstWord(coverage.alert.name)) ?? []), pair(coverage), memo);
    }
  }
  pairs.sort((a, b) => b.score - a.score);
  const usedAlerts = new Set<AlertCoverage>();
  const usedRunbooks = new Set<RenameCandidate>();
  const out: Rename[] = [];
  for (const p of pairs) {
    if (usedAlerts.has(p.coverage) || usedRunbooks.has(p.candidate)) continue;
    usedAlerts.add(p.coverage);
    usedRunbooks.add(p.candidate);
    out.push(p);
  }
  return out;
}

/**
 * The editor recomputes coverage on every change to a rule file, and all but the changed alerts meet the same
 * runbooks as before. What an alert's names score against a runbook's own names (file name, title) is kept per alert
 * and bucket while the bucket holds the same runbooks (the same facts objects: a runbook's facts are a new object when
 * its text changes); what they score against a claimed name is kept per pair of names (claims come and go as rules
 * define names, but they are few distinct names).
 */
export class RenameMemo {
  readonly ownScores = new Map<string, { runbooks: RunbookFacts[]; scores: number[] }>();
  readonly claimScores = new Map<string, Map<string, number>>();
  /** Each name's words and comparison key: the same few thousand names are compared on every check. */
  readonly words = new Map<string, { stems: string[]; key: string }>();

  /** The stems and key of a name, kept (the map starts over when full). */
  wordsOf(name: string): { stems: string[]; key: string } {
    let known = this.words.get(name);
    if (!known) {
      if (this.words.size >= 4 * MEMO_ENTRIES) this.words.clear();
      this.words.set(name, (known = { stems: wordStems(name), key: nameKey(name) }));
    }
    return known;
  }
}
const MEMO_ENTRIES = 5_000;

/** Calls `found` with each candidate of the bucket that looks like a rename of the alert named `names`, and its score. */
function matchBucket(
  names: readonly string[], bucketKey: string, bucket: readonly RenameCandidate[], found: (c: RenameCandidate, best: { score: number; claim?: string }) => void,
  memo: RenameMemo,
): void {
  const { ownScores, claimScores } = memo;
  if (bucket.length === 0) return;
  const namesKey = names.join('\0');
  const key = `${bucketKey}${namesKey}`;
  let own = ownScores.get(key);
  if (!own || own.runbooks.length !== bucket.length || !own.runbooks.every((rb, i) => rb === bucket[i].runbook)) {
    own = { runbooks: bucket.map((c) => c.runbook), scores: bucket.map((c) => ownScore(names, c.runbook, memo)) };
    if (ownScores.size >= MEMO_ENTRIES) ownScores.clear();
    ownScores.set(key, own);
  }
  let claims = claimScores.get(namesKey);
  if (!claims) {
    if (claimScores.size >= MEMO_ENTRIES) claimScores.clear();
    claimScores.set(namesKey, (claims = new Map()));
  }
  for (let i = 0; i < bucket.length; i++) {
    const c = bucket[i];
    let best: { score: number; claim?: string } | undefined;
    for (const claim of c.undefinedClaims) {
      let score = claims.get(claim);
      if (score === undefined) claims.set(claim, (score = bestScore(names, [claim], memo)));
      if (score > 0 && (!best || score > best.score)) best = { score, claim };
    }
    const score = own.scores[i];
    if (score > 0 && (!best || score > best.score)) best = { score };
    if (!best) continue;
    // A runbook that names the old alert is renamed by replacing that name: point at the most similar claim.
    if (best.claim === undefined && c.undefinedClaims.length > 0) {
      best.claim = [...c.undefinedClaims].sort((p, q) => nameSimilarity(names[0], q) - nameSimilarity(names[0], p))[0];
    }
    found(c, best);
  }
}

/** The best score of the alert's names against the runbook's file name and title, 0 below RENAME_SIMILARITY. */
function ownScore(names: readonly string[], runbook: RunbookFacts, memo: RenameMemo): number {
  return bestScore(names, runbook.title ? [fileStem(runbook.path), runbook.title] : [fileStem(runbook.path)], memo);
}

function bestScore(names: readonly string[], others: readonly string[], memo: RenameMemo): number {
  let best = 0;
  for (const other of others) {
    const o = memo.wordsOf(other);
    for (const a of names) {
      const w = memo.wordsOf(a);
      best = Math.max(best, keySimilarityAtLeast(w.key, o.key, RENAME_SIMILARITY), atLeast(stemSimilarity(w.stems, o.stems), RENAME_SIMILARITY));
    }
  }
  return best;
}

function atLeast(score: number, threshold: number): number {
  return score >= threshold ? score : 0;
}

/**
 * The share of words two names have in common (over the longer's word count), words compared by their stem: a rename
 * that keeps the alert's words (`KubeJobCompletion` -> `KubeJobNotCompleted`: kube, job, complet of four) scores high
 * where the edit distance of the whole names does not, and siblings that share only a prefix (`KubePodCrashLooping`,
 * `KubePodNotReady`) do not.
 */
export function wordSimilarity(a: string, b: string): number {
  return stemSimilarity(wordStems(a), wordStems(b));
}

function stemSimilarity(x: readonly string[], y: readonly string[]): number {
  if (x.length === 0 || y.length === 0) return 0;
  const rest = [...y];
  let shared = 0;
  for (const w of x) {
    const at = rest.indexOf(w);
    if (at >= 0) {
      shared++;
      rest.splice(at, 1);
    }
  }
  return shared / Math.max(x.length, y.length);
}

/** The words of a name (camelCase, acronyms, snake_case, kebab-case, spaces), lower-cased, with common endings cut. */
function wordStems(name: string): string[] {
  const words = name.match(/\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|\p{N}+/gu) ?? [];
  return words.map((w) => {
    const lower = w.toLowerCase();
    const stem = lower.replace(/(ions|ion|ings|ing|ed|es|s)$/, '');
    return stem.length >= 3 ? stem : lower;
  });
}

/** 1 - edit distance / length of the longer, over `nameKey`s. */
export function nameSimilarity(a: string, b: string): number {
  return keySimilarity(nameKey(a), nameKey(b));
}

function keySimilarity(x: string, y: string): number {
  if (x === '' || y === '') return 0;
  return 1 - distance(x, y) / Math.max(x.length, y.length);
}

/**
 * `nameSimilarity` when it is at least `threshold`, else 0, without the edit distance when the lengths alone rule
 * it out (the distance is at least the difference of the lengths).
 */
function keySimilarityAtLeast(a: string, b: string, threshold: number): number {
  const x = a.length;
  const y = b.length;
  if (x === 0 || y === 0 || 1 - Math.abs(x - y) / Math.max(x, y) < threshold) return 0;
  const score = keySimilarity(a, b);
  return score >= threshold ? score : 0;
}

function candidateNames(c: RenameCandidate): string[] {
  return [...c.undefinedClaims, fileStem(c.runbook.path), ...(c.runbook.title ? [c.runbook.title] : [])];
}

/** The file name without folder and extension, case kept. */
export function fileStem(path: string): string {
  return (path.split('/').pop() ?? path).replace(/\.[^.]+$/, '');
}

/** The first word of a name (camelCase, snake_case, kebab-case or spaces), lower-cased. */
function firstWord(name: string): string {
  const m = /^[^\p{L}\p{N}]*([\p{Lu}]?[\p{Ll}\p{N}]+|[\p{Lu}\p{N}]+(?![\p{Ll}]))/u.exec(name);
  return (m?.[1] ?? name).toLowerCase();
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function unique<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}
