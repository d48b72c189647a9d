/** A secret found by one detector, as offsets into the scanned text. */
export interface DetectedSecret {
  /** The kind's stable slug (kinds.ts): the finding code is `credential/<slug>`. */
  slug: string;
  /** Human name of what was found, e.g. "GitHub personal access token". */
  kind: string;
  /** Suggested environment variable to reference instead, e.g. GITHUB_TOKEN. */
  envName: string;
  /** UTF-16 offset of the secret's first character. */
  start: number;
  /** UTF-16 offset just past the secret. */
  end: number;
  /** When two detectors find overlapping secrets the higher one wins: a named token format beats a generic pattern. */
  priority: number;
}

/** Priorities, most specific first. */
export const PRIORITY = {
  named: 40,
  jwt: 30,
  url: 25,
  header: 20,
  commandLine: 15,
  assignment: 10,
} as const;

/**
 * Keeps one secret per overlapping group (highest priority, then longest), sorted by offset. Linear after the sort:
 * candidates are sorted by start, and a candidate replaces the kept one only when it overlaps it and ranks higher.
 */
export function resolveOverlaps(secrets: DetectedSecret[]): DetectedSecret[] {
  const sorted = [...secrets].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: DetectedSecret[] = [];
  for (const secret of sorted) {
    const last = kept[kept.length - 1];
    if (!last || secret.start >= last.end) {
      kept.push(secret);
      continue;
    }
    const better = secret.priority > last.priority
      || (secret.priority === last.priority && secret.end - secret.start > last.end - last.start);
    if (better) kept[kept.length - 1] = secret;
  }
  return kept;
}
