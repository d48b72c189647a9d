/**
 * Maps from what an alert can name to the runbooks: path keys (relative to the workspace and to each runbook root),
 * trailing path segments, file names and titles, front matter claims. Built once, in time linear in the runbooks;
 * every lookup is a map get, so resolving N alerts against M runbooks costs O(N + M), never O(N x M).
 */
import { nameKey, pathKey } from './url';
import type { AlertClaim, RunbookFacts } from './types';

/** The runbooks, keyed every way an alert can name one. */
export interface RunbookIndex {
  runbooks: RunbookFacts[];
  /** Path key (see `pathKey`) relative to the workspace or a root; a README/index page also under its folder's key. */
  byKey: Map<string, RunbookFacts[]>;
  /** Every proper trailing run of segments of the workspace path key (`docs/x` for `repo/docs/x.md`). */
  bySuffix: Map<string, RunbookFacts[]>;
  /** `nameKey` of the file name and of the H1. */
  byName: Map<string, RunbookFacts[]>;
  /** Front matter `alerts:` entries, by exact alert name. */
  byClaim: Map<string, { runbook: RunbookFacts; claim: AlertClaim }[]>;
  /** Each runbook's path relative to the first root that holds it (the workspace last), case kept. */
  relativePath: Map<RunbookFacts, string>;
  /** Each runbook's path keys. */
  keys: Map<RunbookFacts, string[]>;
}

const INDEX_PAGES = new Set(['readme', 'index', '_index']);

/**
 * The last indexes built, with what they were built from: the editor recomputes coverage on every change to a rule
 * file, over the same runbook facts (an unchanged runbook keeps its facts object), so the index is reused. Owned by an
 * engine session (passed in), never by this module.
 */
export class RunbookIndexMemo {
  readonly recent: { runbooks: readonly RunbookFacts[]; roots: string; index: RunbookIndex }[] = [];
}
const RECENT = 2;

/**
 * Indexes runbooks; `roots` are workspace-relative folders that URL `{path}`s and relative links are relative to.
 * The index is read, never changed, by its users: the same runbooks (the same objects, in the same order) and roots
 * give back the same index (from `memo`, when given).
 */
export function indexRunbooks(runbooks: readonly RunbookFacts[], roots: readonly string[] = [], memo?: RunbookIndexMemo): RunbookIndex {
  const rootsKey = roots.join('\0');
  const recent = memo?.recent ?? [];
  const hit = recent.find((r) => r.roots === rootsKey && r.runbooks.length === runbooks.length && r.runbooks.every((rb, i) => rb === runbooks[i]));
  if (hit) return hit.index;
  const index = buildIndex(runbooks, roots);
  recent.unshift({ runbooks: [...runbooks], roots: rootsKey, index });
  recent.length = Math.min(recent.length, RECENT);
  return index;
}

function buildIndex(runbooks: readonly RunbookFacts[], roots: readonly string[]): RunbookIndex {
  const bases = [...new Set([...roots.map(normalizeRoot).filter((r) => r !== ''), ''])];
  const index: RunbookIndex = { runbooks: [...runbooks], byKey: new Map(), bySuffix: new Map(), byName: new Map(), byClaim: new Map(), relativePath: new Map(), keys: new Map() };
  for (const rb of runbooks) {
    const path = rb.path.replace(/\\/g, '/');
    const keys: string[] = [];
    for (const base of bases) {
      if (base !== '' && !path.toLowerCase().startsWith(`${base.toLowerCase()}/`)) continue;
      const relative = base === '' ? path : path.slice(base.length + 1);
      if (!index.relativePath.has(rb)) index.relativePath.set(rb, relative);
      const key = pathKey(relative);
      keys.push(key);
      add(index.byKey, key, rb);
      const slash = key.lastIndexOf('/');
      if (INDEX_PAGES.has(key.slice(slash + 1)) && slash > 0) add(index.byKey, key.slice(0, slash), rb);
    }
    index.keys.set(rb, keys);
    const segments = pathKey(path).split('/');
    for (let i = 1; i < segments.length; i++) add(index.bySuffix, segments.slice(i).join('/'), rb, false);
    const stem = segments[segments.length - 1];
    const names = new Set([nameKey(stem), rb.title ? nameKey(rb.title) : '']);
    for (const n of names) if (n) add(index.byName, n, rb, false);
    for (const claim of rb.claims) {
      const list = index.byClaim.get(claim.name) ?? [];
      list.push({ runbook: rb, claim });
      index.byClaim.set(claim.name, list);
    }
  }
  return index;
}

/** The runbooks a path names: an exact key first, else runbooks whose path ends with it. */
export function lookupPath(index: RunbookIndex, path: string): RunbookFacts[] {
  const key = pathKey(path);
  if (key === '') return [];
  return index.byKey.get(key) ?? index.bySuffix.get(key) ?? [];
}

/** For a URL that matches no pattern: the longest trailing run of its path segments that is a runbook's key. */
export function lookupUrlSegments(index: RunbookIndex, segments: readonly string[]): { path: string; runbooks: RunbookFacts[] } | undefined {
  for (let i = 0; i < segments.length; i++) {
    const path = segments.slice(i).join('/');
    const found = index.byKey.get(pathKey(path));
    if (found) return { path, runbooks: found };
  }
  return undefined;
}

/** Adds to a key's list; `unique` checks the (short) list first where one runbook can reach a key twice. */
function add(map: Map<string, RunbookFacts[]>, key: string, rb: RunbookFacts, unique = true): void {
  const list = map.get(key);
  if (!list) map.set(key, [rb]);
  else if (!unique || !list.includes(rb)) list.push(rb);
}

function normalizeRoot(root: string): string {
  return root.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '').replace(/^\.$/, '');
}
