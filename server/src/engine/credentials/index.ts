/**
 * The `credential` rule and the redaction the timeline applies to everything it writes: one set of detectors,
 * secretlint's recommended preset for named token formats plus our own for what runbooks add (assignments, headers,
 * JWTs, URL and command-line passwords).
 */
import type { Finding, Range } from '../types';
import { findCredentialAssignments } from './assignments';
import { resolveOverlaps, type DetectedSecret } from './detectedSecret';
import { findCommandLinePasswords } from './commandLines';
import { findNamedTokens } from './namedTokens';
import { findAuthorizationHeaders, findJsonWebTokens, findSessionCookies, findSqlPasswords, findUrlPasswords, isDocumentationUrlPassword } from './patterns';
import { findKubernetesSecretData } from './kubernetesSecrets';
import { findPrivateKeys } from './privateKeys';
import { scanWithSecretlint } from './secretlintScan';
import { LineStarts } from './textPositions';
import { isPlaceholderToken } from './values';

/** One secret written into a text. */
export interface CredentialHit {
  /** The kind's stable slug (kinds.ts). */
  slug: string;
  /** Human name, e.g. "GitHub personal access token". */
  kind: string;
  /** Exactly the secret. */
  range: Range;
  /** Suggested environment variable, e.g. GITHUB_TOKEN. */
  envName: string;
  /** At most the first 4 characters of the secret followed by "…" (fewer for short secrets). */
  preview: string;
}

/** What redactSecrets puts in place of every secret. */
export const REDACTED_MARKER = '[REDACTED]';

export const CREDENTIAL_RULE = 'credential';

export { CREDENTIAL_KINDS, CREDENTIAL_GROUPS, credentialKind, type CredentialKind, type CredentialGroup } from './kinds';

/** Finds every secret in the text (prose, front matter, code blocks alike); no suppression is applied. */
export async function findCredentials(text: string): Promise<CredentialHit[]> {
  const lines = new LineStarts(text);
  return (await detectSecrets(text, lines)).map((secret) => ({
    slug: secret.slug,
    kind: secret.kind,
    range: lines.rangeOf(secret.start, secret.end),
    envName: secret.envName,
    preview: previewOf(text.slice(secret.start, secret.end)),
  }));
}

/**
 * The `credential` findings of a runbook. `codeRanges` are its fenced code blocks: a secret inside one is replaced by
 * `${NAME}` (the shell reads it from the environment), elsewhere by `<redacted>`.
 */
export async function checkCredentials(text: string, codeRanges: Range[], cache?: SegmentCache): Promise<Finding[]> {
  const lines = new LineStarts(text);
  const secrets = await detectSecretsBySegment(text, cache);
  return secrets.map((secret) => {
    const range = lines.rangeOf(secret.start, secret.end);
    const preview = previewOf(text.slice(secret.start, secret.end));
    const inCode = codeRanges.some((code) => contains(code, range));
    return {
      rule: CREDENTIAL_RULE,
      code: `${CREDENTIAL_RULE}/${secret.slug}`,
      severity: 'error',
      range,
      message: `${secret.kind} (${preview}) is written into the runbook: anyone who can read it can use it. Move it to a secret store and reference it.`,
      fix: inCode ? environmentReferenceFix(text, lines, secret) : {
        title: 'Replace with <redacted>',
        edits: [{ range, newText: '<redacted>' }],
      },
    } satisfies Finding;
  });
}

/** The text with every secret the detectors find replaced by REDACTED_MARKER. Safe on any text (terminal output too). */
export async function redactSecrets(text: string): Promise<string> {
  if (text.length === 0) return text;
  const secrets = await detectSecrets(text, new LineStarts(text));
  if (secrets.length === 0) return text;
  let result = '';
  let from = 0;
  for (const secret of secrets) {
    result += text.slice(from, secret.start) + REDACTED_MARKER;
    from = secret.end;
  }
  return result + text.slice(from);
}

/** All detectors over the text, overlaps resolved, sorted by offset. */
export async function detectSecrets(text: string, lines: LineStarts): Promise<DetectedSecret[]> {
  // Colour codes in terminal output would glue letters to a token (`\x1b[32mghp_...`) and hide it from detectors that
  // require a word boundary: blank them with spaces of the same length, so offsets stay those of the original text.
  const scanned = blankAnsiEscapes(text);
  const scannedLines = scanned === text ? lines : new LineStarts(scanned);
  const named = [...(await scanWithSecretlint(scanned)), ...findNamedTokens(scanned), ...findPrivateKeys(scanned)];
  const candidates = [
    ...named.filter((secret) => !isPlaceholderToken(scanned.slice(secret.start, secret.end), secret.slug !== 'private-key')),
    ...findJsonWebTokens(scanned),
    ...findSessionCookies(scanned),
    ...findSqlPasswords(scanned),
    ...findUrlPasswords(scanned),
    ...findAuthorizationHeaders(scanned),
    ...findCommandLinePasswords(scanned, scannedLines),
    ...findCredentialAssignments(scanned),
    ...findKubernetesSecretData(scanned),
  ];
  const real = candidates.filter((secret) => secret.end > secret.start && !isDocumentationUrlPassword(scanned, secret));
  return resolveOverlaps(real);
}

/**
 * Secrets of recently scanned segments, offsets relative to the segment: a keystroke re-scans one segment. Owned by
 * an engine session and passed in, never by this module.
 */
export class SegmentCache {
  readonly entries = new Map<string, DetectedSecret[]>();

  clear(): void {
    this.entries.clear();
  }
}
const SEGMENT_CACHE_SIZE = 2000;
const SEGMENT_MIN_CHARS = 1024;

/**
 * detectSecrets over segments of the text, each cut before a line starting with `#` (a heading or a shell comment) at
 * least 1 KB after the previous cut. Every detector matches within one line, except private keys, whose base64 body
 * has no `#`, and Kubernetes Secret manifests, whose blocks end at a line less indented (a `#` line at column 0 ends
 * one anyway), so no secret spans a cut and the result equals detectSecrets over the whole text (a fuzz test holds it).
 */
export async function detectSecretsBySegment(text: string, cache?: SegmentCache): Promise<DetectedSecret[]> {
  const segmentCache = (cache ?? new SegmentCache()).entries;
  const secrets: DetectedSecret[] = [];
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf('\n#', from + SEGMENT_MIN_CHARS);
    to = to < 0 ? text.length : to + 1;
    const segment = text.slice(from, to);
    let found = segmentCache.get(segment);
    if (found) {
      segmentCache.delete(segment); // re-insert: most recently used last
    } else {
      found = await detectSecrets(segment, new LineStarts(segment));
    }
    segmentCache.set(segment, found);
    for (const secret of found) secrets.push({ ...secret, start: secret.start + from, end: secret.end + from });
    from = to;
  }
  while (segmentCache.size > SEGMENT_CACHE_SIZE) segmentCache.delete(segmentCache.keys().next().value as string);
  return secrets;
}

// CSI sequences (colours, cursor moves) and OSC sequences (titles, hyperlinks), as terminals emit them.
const ANSI_ESCAPE = /\x1b\[[0-9;?]{0,32}[ -/]{0,4}[@-~]|\x1b\][^\x07\x1b]{0,2048}(?:\x07|\x1b\\)/g;

function blankAnsiEscapes(text: string): string {
  if (!text.includes('\x1b')) return text;
  return text.replace(ANSI_ESCAPE, (sequence) => ' '.repeat(sequence.length));
}

/** First characters of the secret: 4 at most, and at most a quarter of it so a short password is not given away. */
export function previewOf(secret: string): string {
  const shown = Math.min(4, Math.floor(secret.length / 4));
  return `${secret.slice(0, shown)}\u2026`;
}

/** `${NAME}` in place of the secret; a single-quoted secret loses its quotes, which would stop the shell expanding it. */
function environmentReferenceFix(text: string, lines: LineStarts, secret: DetectedSecret): Finding['fix'] {
  const reference = `\${${secret.envName}}`;
  const singleQuoted = text[secret.start - 1] === "'" && text[secret.end] === "'";
  const start = singleQuoted ? secret.start - 1 : secret.start;
  const end = singleQuoted ? secret.end + 1 : secret.end;
  return {
    title: `Replace with ${reference}`,
    edits: [{ range: lines.rangeOf(start, end), newText: singleQuoted ? `"${reference}"` : reference }],
  };
}

function contains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

function comparePositions(a: Range['start'], b: Range['start']): number {
  return a.line - b.line || a.character - b.character;
}
