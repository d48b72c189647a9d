/**
 * PEM private keys of every type (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted, PGP), written over lines or on one line
 * with `\n` escapes (a service-account JSON file), and also the pieces a cut leaves: a key whose END line is missing
 * (output that stopped, a window that ends early) or whose BEGIN line scrolled out of an output window.
 */
import { PRIORITY, type DetectedSecret } from './detectedSecret';
import { credentialKind } from './kinds';

const MARKER = /-----(BEGIN|END) ([A-Z0-9 ]{0,40}?)PRIVATE KEY(?: BLOCK)?-----/g;
/** A key body has at least this many base64 characters: a bare header, as documentation shows, is no secret. */
const MIN_BODY = 40;
const MAX_BODY = 16_384;

/** Every private key, whole or in part. */
export function findPrivateKeys(text: string): DetectedSecret[] {
  const kind = credentialKind('private-key');
  const found: DetectedSecret[] = [];
  const push = (start: number, end: number) =>
    found.push({ slug: kind.slug, kind: kind.name, envName: kind.envName, start, end, priority: PRIORITY.named });
  let open: number | undefined;
  let coveredTo = 0;
  for (const match of text.matchAll(MARKER)) {
    const at = match.index ?? 0;
    const end = at + match[0].length;
    if (match[1] === 'BEGIN') {
      if (open !== undefined) closeOpen(text, open, at, push);
      open = at;
      continue;
    }
    if (open !== undefined && end - open <= MAX_BODY + 200 && PEM_BODY.test(text.slice(headerEndOf(text, open), at))) {
      if (base64Count(text, headerEndOf(text, open), at) >= MIN_BODY) push(open, end);
      open = undefined;
    } else {
      if (open !== undefined) closeOpen(text, open, at, push);
      // An END without its BEGIN: the body runs back from here over whole key lines.
      const start = bodyStartBefore(text, at, coveredTo);
      if (base64Count(text, start, at) >= MIN_BODY) push(start, end);
      open = undefined;
    }
    coveredTo = end;
  }
  if (open !== undefined) closeOpen(text, open, text.length, push);
  return found;
}

/** A BEGIN with no END before `limit`: the secret is the header and the key lines that follow it. */
function closeOpen(text: string, begin: number, limit: number, push: (start: number, end: number) => void): void {
  const headerEnd = headerEndOf(text, begin);
  let end = headerEnd;
  while (end < limit && end - headerEnd < MAX_BODY && INLINE_BODY.test(text[end])) end++;
  while (end < limit && end - headerEnd < MAX_BODY && (text[end] === '\n' || text[end] === '\r')) {
    const lineStart = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > limit) lineEnd = limit;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (!KEY_LINE.test(line)) break;
    end = lineStart + line.length;
  }
  if (base64Count(text, headerEnd, end) >= MIN_BODY) push(begin, end);
}

/** Where the key body that ends at `at` starts: back over its characters on the line, then over whole key lines. */
function bodyStartBefore(text: string, at: number, floor: number): number {
  let start = at;
  while (start > floor && at - start < MAX_BODY && INLINE_BODY.test(text[start - 1])) start--;
  while (start > floor && at - start < MAX_BODY && text[start - 1] === '\n') {
    const lineEnd = start - 1;
    const lineStart = Math.max(floor, text.lastIndexOf('\n', lineEnd - 1) + 1);
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (!KEY_LINE.test(line) || line === '') break;
    start = lineStart;
  }
  return start;
}

/** A line of a key body: base64, or a PEM header line of an encrypted key. */
const KEY_LINE = /^(?:[A-Za-z0-9+/=]{1,128}|(?:Proc-Type|DEK-Info|Comment):[ -~]{0,200})$/;
/** Key characters within one line, `\n` escapes included (a key inside a JSON string). */
const INLINE_BODY = /[A-Za-z0-9+/=\\]/;

/** What lies between a key's BEGIN and END lines: base64, line breaks (real or `\n`), encrypted-key headers. */
const PEM_BODY = /^[A-Za-z0-9+/=\s\\:,.-]*$/;

function headerEndOf(text: string, begin: number): number {
  return text.indexOf('-----', begin + 10) + 5;
}

function base64Count(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (/[A-Za-z0-9+/]/.test(text[i])) count++;
  return count;
}
