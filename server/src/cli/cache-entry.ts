/**
 * The shape of one `lint --cache` entry and the checks a read entry must pass before it is used: the cache file is
 * outside data (any tool, any version, a hand edit), so every entry is checked field by field when it is looked up.
 */
import type { Finding } from '../engine/types';
import type { PortableFacts } from '../engine/alerts/runbook-facts';

export type PathKind = 'file' | 'dir' | 'none';

/** What one lint of a file read besides its profile, recorded where the file was linted (a worker, maybe). */
export interface FileInputs {
  /** Content hash of the bytes that were linted. */
  content: string;
  /** Every path the links check asked about (absolute), with what was there. */
  kinds: [string, PathKind][];
  /** Every Markdown file whose headings an anchor was checked against (absolute), with its content hash (null: unreadable). */
  anchors: [string, string | null][];
}

/** One file's cached result: paths relative to the folder lint runs in, '/'-separated. */
export interface Entry {
  key: string;
  kinds: [string, PathKind][];
  anchors: [string, string | null][];
  findings: Finding[];
  fingerprints: string[];
  /** The runbook's alert-coverage facts, when the run that stored it asked for them (`runbooks coverage`). */
  facts?: PortableFacts;
}

/**
 * What a file's stat said when its bytes were hashed (size, modification time, change time, inode) and the hash:
 * the same stat later means the same bytes, so the file is not read again. Only a sealed cache's stats are believed.
 */
export type StatRecord = [size: number, mtimeMs: number, ctimeMs: number, ino: number, hash: string];

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);
const KINDS = new Set(['file', 'dir', 'none']);

export function isEntry(x: unknown): x is Entry {
  return isRecord(x) && typeof x.key === 'string'
    && Array.isArray(x.kinds) && x.kinds.every((k) => Array.isArray(k) && k.length === 2 && typeof k[0] === 'string' && KINDS.has(k[1] as string))
    && Array.isArray(x.anchors) && x.anchors.every((a) => Array.isArray(a) && a.length === 2 && typeof a[0] === 'string' && (a[1] === null || typeof a[1] === 'string'))
    && Array.isArray(x.findings) && x.findings.every(isFinding)
    && Array.isArray(x.fingerprints) && x.fingerprints.length === x.findings.length && x.fingerprints.every((f) => typeof f === 'string')
    && (x.facts === undefined || isFacts(x.facts));
}

export function isStatRecord(x: unknown): x is StatRecord {
  return Array.isArray(x) && x.length === 5 && x.slice(0, 4).every((n) => typeof n === 'number' && Number.isFinite(n)) && typeof x[4] === 'string';
}

function isFacts(x: unknown): x is PortableFacts {
  return isRecord(x) && (x.title === undefined || typeof x.title === 'string') && isRange(x.titleRange)
    && Array.isArray(x.claims) && x.claims.every((c) => isRecord(c) && typeof c.name === 'string' && isRange(c.range))
    && (x.claimsRange === undefined || isRange(x.claimsRange))
    && (x.frontMatterContentStart === undefined || isPosition(x.frontMatterContentStart))
    && (x.frontMatterLocked === undefined || typeof x.frontMatterLocked === 'boolean')
    && typeof x.eol === 'string' && Array.isArray(x.anchors) && x.anchors.every((a) => typeof a === 'string');
}

function isFinding(x: unknown): x is Finding {
  return isRecord(x) && typeof x.rule === 'string' && typeof x.code === 'string' && typeof x.message === 'string'
    && SEVERITIES.has(x.severity as string) && isRange(x.range)
    && (x.section === undefined || typeof x.section === 'string')
    && (x.fix === undefined || isFix(x.fix));
}

function isFix(x: unknown): boolean {
  return isRecord(x) && typeof x.title === 'string' && isEdits(x.edits)
    && (x.safe === undefined || typeof x.safe === 'boolean') && (x.snippets === undefined || isEdits(x.snippets));
}

function isEdits(x: unknown): boolean {
  return Array.isArray(x) && x.every((e) => isRecord(e) && typeof e.newText === 'string' && isRange(e.range));
}

function isRange(x: unknown): boolean {
  return isRecord(x) && isPosition(x.start) && isPosition(x.end);
}

function isPosition(x: unknown): boolean {
  return isRecord(x) && Number.isSafeInteger(x.line) && (x.line as number) >= 0 && Number.isSafeInteger(x.character) && (x.character as number) >= 0;
}
