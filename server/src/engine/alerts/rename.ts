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
export function detectRenames(alerts: readonly AlertCoverage[], candidates: readonly RenameCandidate[], keysOf: (rb: RunbookFacts) => readonly string[]): Rename[] {
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
  for (const coverage of alerts) {
    if (coverage.status === 'dead-link' && coverage.link?.path !== undefined) {
      const target = pathKey(coverage.link.path);
      const folder = target.split('/').slice(0, -1).join('/');
      const stem = target.split('/').pop() ?? '';
      for (const c of unique(byFolder.get(folder) ?? [])) {
        const best = bestMatch([coverage.alert.name, stem], c);
        if (best) pairs.push({ coverage, candidate: c, oldName: best.claim, score: best.score });
      }
    } else if (coverage.status === 'missing') {
      for (const c of unique(byWord.get(firstWord(coverage.alert.name)) ?? [])) {
        const best = bestMatch([coverage.alert.name], c);
        if (best) pairs.push({ coverage, candidate: c, oldName: best.claim, score: best.score });
      }
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

/** 1 - edit distance / length of the longer, over `nameKey`s. */
export function nameSimilarity(a: string, b: string): number {
  const x = nameKey(a);
  const y = nameKey(b);
  if (x === '' || y === '') return 0;
  return 1 - distance(x, y) / Math.max(x.length, y.length);
}

function bestMatch(alertNames: readonly string[], c: RenameCandidate): { score: number; claim?: string } | undefined {
  let best: { score: number; claim?: string } | undefined;
  const consider = (name: string, claim?: string) => {
    for (const a of alertNames) {
      const score = nameSimilarity(a, name);
      if (score >= RENAME_SIMILARITY && (!best || score > best.score)) best = { score, claim };
    }
  };
  for (const claim of c.undefinedClaims) consider(claim, claim);
  consider(fileStem(c.runbook.path));
  if (c.runbook.title) consider(c.runbook.title);
  // A runbook that names the old alert is renamed by replacing that name: point at the most similar claim.
  if (best && best.claim === undefined && c.undefinedClaims.length > 0) {
    best.claim = [...c.undefinedClaims].sort((p, q) => nameSimilarity(alertNames[0], q) - nameSimilarity(alertNames[0], p))[0];
  }
  return best;
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
