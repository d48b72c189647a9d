/**
 * Baselines: today's findings recorded so a team adopting the tool sees only what is new. A finding is identified by
 * its code, the document's identity (front matter title, else H1, else file name: stable when the file moves within
 * the tree), the text of the lines it covers and its message with numbers masked (a stale runbook's "635 days ago"
 * changes daily) — never by its line number, so inserting lines above it keeps it matched.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Runbook } from './model';
import type { Finding } from './types';

/** One baseline line: fingerprint, code, where it was, and the message (for people reading the diff). */
export interface BaselineEntry {
  fingerprint: string;
  code: string;
  where: string;
  message: string;
}

const HEADER = '# runbooks baseline: findings recorded by `runbooks lint --write-baseline`; `runbooks lint --baseline FILE` reports only findings not listed here.';

/** The identity of a document for fingerprints. */
export function documentIdentity(runbook: Runbook | undefined, file: string): string {
  const title = runbook?.frontMatter?.data?.title;
  if (typeof title === 'string' && title.trim()) return title.trim();
  return runbook?.title?.text || basename(file);
}

/** A finding's fingerprint (16 hex characters). */
export function fingerprint(finding: Finding, text: string, identity: string): string {
  const lines = text.split(/\r\n|\r|\n/).slice(finding.range.start.line, finding.range.end.line + 1).join('\n').replace(/\s+/g, ' ').trim();
  const message = finding.message.replace(/\d+/g, '#');
  return createHash('sha256').update(`${finding.code}\0${identity}\0${lines}\0${message}`).digest('hex').slice(0, 16);
}

/** The baseline file's text: a header, then one sorted line per finding (a diff in review shows what changed). */
export function formatBaseline(entries: BaselineEntry[]): string {
  const rows = entries.map((e) => `${e.fingerprint}  ${e.code}  ${e.where}  ${oneLine(e.message)}`).sort();
  return `${HEADER}\n${rows.join('\n')}${rows.length ? '\n' : ''}`;
}

/** The largest baseline read: a fingerprint line is ~100 bytes, so this is a quarter of a million findings. */
export const MAX_BASELINE_BYTES = 32 * 1024 * 1024;

/** Reads a baseline file's text: fingerprint -> how many findings carry it. Lines that are not entries are skipped. */
export function parseBaseline(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^([0-9a-f]{16})\s/.exec(line);
    if (m) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  return counts;
}

/** Splits findings into those the baseline holds (each baseline entry matches at most one finding) and new ones. */
export function matchBaseline<T>(items: T[], fingerprintOf: (item: T) => string, baseline: Map<string, number>): { known: T[]; fresh: T[] } {
  const left = new Map(baseline);
  const known: T[] = [];
  const fresh: T[] = [];
  for (const item of items) {
    const fp = fingerprintOf(item);
    const n = left.get(fp) ?? 0;
    if (n > 0) {
      left.set(fp, n - 1);
      known.push(item);
    } else {
      fresh.push(item);
    }
  }
  return { known, fresh };
}

function oneLine(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
