/**
 * Detectors for what secretlint misses and runbooks are full of: Authorization headers, JWTs, passwords in URLs
 * (command lines are in commandLines.ts).
 *
 * Every regex starts with a negative lookbehind of the class it then repeats, so a match can only start at the
 * beginning of a run, and every repetition is bounded and followed by a character outside its class: each character
 * is scanned a bounded number of times, whatever the input (the 100 KB near-match tests check it).
 */
import { PRIORITY, type DetectedSecret } from './detectedSecret';
import { isPlaceholder, looksLikeSecret } from './values';

const AUTHORIZATION = /(?<![A-Za-z0-9_-])(?:proxy-)?authorization["']?[ \t]{0,8}[:=][ \t]{0,8}["']?(bearer|basic|token|digest)[ \t]{1,8}([A-Za-z0-9._~+/=-]{1,4096})/gi;

/** `Authorization: Bearer <token>` / `Basic <base64>` / `token <token>`: the credential after the scheme. */
export function findAuthorizationHeaders(text: string): DetectedSecret[] {
  const found: DetectedSecret[] = [];
  for (const match of text.matchAll(AUTHORIZATION)) {
    const scheme = match[1].toLowerCase();
    const value = match[2];
    if (!looksLikeSecret(value) && !(scheme === 'basic' && isBasicCredential(value))) continue;
    const end = (match.index ?? 0) + match[0].length;
    found.push({
      kind: scheme === 'basic' ? 'Basic authentication credential' : 'Bearer token in an Authorization header',
      envName: scheme === 'basic' ? 'BASIC_AUTH' : 'API_TOKEN',
      start: end - value.length,
      end,
      priority: PRIORITY.header,
    });
  }
  return found;
}

/** True when a Basic value decodes to `user:password` with a password that is not a placeholder. */
function isBasicCredential(value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length < 8) return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 && !isPlaceholder(decoded.slice(colon + 1)) && decoded.length - colon > 4;
}

// header.payload.signature, each base64url; header and payload are JSON objects, so they start with `eyJ` (`{"`).
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{16,4096}(?![A-Za-z0-9_-])/g;

/** Signed JSON Web Tokens (the signature part is required: an unsigned header.payload is only data). */
export function findJsonWebTokens(text: string): DetectedSecret[] {
  const found: DetectedSecret[] = [];
  for (const match of text.matchAll(JWT)) {
    const start = match.index ?? 0;
    found.push({ kind: 'JSON Web Token', envName: 'JWT', start, end: start + match[0].length, priority: PRIORITY.jwt });
  }
  return found;
}

// scheme://[user]:password@host. The user part cannot hold `:`, so the first `:` after `//` starts the password.
const URL_USERINFO = /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{1,30}):\/\/([^\s:/@'"`<>]{0,128}):([^\s/@'"`<>]{1,256})@(?=[A-Za-z0-9[])/g;

/** Passwords in the user-info part of URLs and connection strings: `postgres://app:pw@db`, `redis://:pw@cache`. */
export function findUrlPasswords(text: string): DetectedSecret[] {
  const found: DetectedSecret[] = [];
  for (const match of text.matchAll(URL_USERINFO)) {
    const password = match[3];
    if (!looksLikeSecret(password, 6)) continue;
    const end = (match.index ?? 0) + match[0].length - 1;
    const scheme = match[1].toLowerCase();
    found.push({
      kind: urlKind(scheme),
      envName: urlEnvName(scheme),
      start: end - password.length,
      end,
      priority: PRIORITY.url,
    });
  }
  return found;
}

const DOCUMENTATION_HOST = /^(?:[A-Za-z0-9-]{1,63}\.){0,8}(?:example\.(?:com|org|net)|example|invalid|test)(?![A-Za-z0-9-])/i;

/**
 * True when the secret is the password of a URL whose host is reserved for documentation (RFC 2606: example.com,
 * *.example, *.invalid, *.test): an illustration by definition.
 */
export function isDocumentationUrlPassword(text: string, secret: DetectedSecret): boolean {
  return text[secret.end] === '@' && DOCUMENTATION_HOST.test(text.slice(secret.end + 1, secret.end + 300));
}

/** Named like secretlint's connection-string findings, so either detector reports the same kind. */
function urlKind(scheme: string): string {
  if (scheme.startsWith('postgres')) return 'Password in a PostgreSQL connection string';
  if (scheme.includes('mysql')) return 'Password in a MySQL connection string';
  if (scheme.startsWith('mongodb')) return 'Password in a MongoDB connection string';
  return 'Password in a URL';
}

function urlEnvName(scheme: string): string {
  if (scheme.startsWith('postgres')) return 'PGPASSWORD';
  if (scheme.includes('mysql')) return 'MYSQL_PWD';
  if (scheme.startsWith('mongodb')) return 'MONGODB_PASSWORD';
  if (scheme.startsWith('http') || scheme.startsWith('ftp')) return 'BASIC_AUTH_PASSWORD';
  return `${scheme.replace(/[^a-z0-9]/g, '_').toUpperCase()}_PASSWORD`;
}
