/**
 * Detectors for what secretlint misses and runbooks are full of: Authorization headers, session cookies, JWTs,
 * passwords in URLs and in SQL (command lines are in commandLines.ts, token formats in namedTokens.ts).
 *
 * Every regex starts with a negative lookbehind of the class it then repeats, so a match can only start at the
 * beginning of a run, and every repetition is bounded and followed by a character outside its class: each character
 * is scanned a bounded number of times, whatever the input (the 100 KB near-match tests check it).
 */
import { PRIORITY, type DetectedSecret } from './detectedSecret';
import { credentialKind } from './kinds';
import { isPlaceholder, looksLikeSecret, type ValueContext } from './values';

const AUTHORIZATION = /(?<![A-Za-z0-9_-])(?:proxy-)?authorization["']?[ \t]{0,8}[:=][ \t]{0,8}["']?(?:(bearer|basic|token|digest|apikey|api-key|api-token|ssws|geniekey|splunk|sso-key)[ \t]{1,8})?(?:token=)?([A-Za-z0-9._~+/=-]{1,4096})/gi;

/** A credential in a header: an id-shaped value is the credential, and no path stands there. */
const HEADER_VALUE: ValueContext = { identifiers: true, noPaths: true };

/** Authorization schemes that name their vendor, and so the kind of token. */
const SCHEME_SLUGS: Record<string, string> = { basic: 'basic-auth', splunk: 'splunk-hec-token', geniekey: 'opsgenie-api-key', ssws: 'okta-token' };

/**
 * `Authorization: Bearer <token>` / `Basic <base64>` / `token <token>` / `ApiKey`, `Api-Token`, `SSWS`, `GenieKey`,
 * `Splunk <token>`, or a key with no scheme: the credential after the scheme. In a header a UUID or a hex string is a token (Heroku, Splunk
 * HEC, Opsgenie keys are UUIDs), not an identifier.
 */
export function findAuthorizationHeaders(text: string): DetectedSecret[] {
  const found: DetectedSecret[] = [];
  for (const match of text.matchAll(AUTHORIZATION)) {
    const scheme = (match[1] ?? '').toLowerCase();
    const value = match[2];
    // Without a scheme (`Authorization: <api key>`, as some APIs take it) the value must be long enough to be a key.
    const minLength = scheme ? 8 : 16;
    if (!looksLikeSecret(value, minLength, HEADER_VALUE) && !(scheme === 'basic' && isBasicCredential(value))) continue;
    const end = (match.index ?? 0) + match[0].length;
    const kind = credentialKind(SCHEME_SLUGS[scheme] ?? 'bearer-token');
    found.push({
      slug: kind.slug,
      kind: scheme === 'basic' ? 'Basic authentication credential' : kind.slug === 'bearer-token' ? 'Bearer token in an Authorization header' : kind.name,
      envName: scheme === 'basic' ? 'BASIC_AUTH' : kind.slug === 'bearer-token' ? 'API_TOKEN' : kind.envName,
      start: end - value.length,
      end,
      priority: PRIORITY.header,
    });
  }
  return found;
}

// `Cookie: a=b; c=d`, `curl -b "a=b"` / `--cookie`: the value of each cookie that names a session or a token.
const COOKIE_HEADER = /(?<![A-Za-z0-9_-])(?:cookie["']?[ \t]{0,8}:[ \t]{0,8}|(?:-b|--cookie)[ \t]{1,8}["']?)([^\r\n"']{1,4096})/gi;
const COOKIE_PAIR = /([A-Za-z0-9_.-]{1,64})=([^;\s"']{1,4096})/g;
const SESSION_COOKIE = /sess|^sid$|_sid$|token|auth|jwt|remember|login/i;

/** Session and auth cookies in a Cookie header or a curl cookie option. */
export function findSessionCookies(text: string): DetectedSecret[] {
  const found: DetectedSecret[] = [];
  const kind = credentialKind('session-cookie');
  for (const header of text.matchAll(COOKIE_HEADER)) {
    const offset = (header.index ?? 0) + header[0].length - header[1].length;
    for (const pair of header[1].matchAll(COOKIE_PAIR)) {
      const [, name, value] = pair;
      if (!SESSION_COOKIE.test(name) || /csrf|xsrf/i.test(name) || !looksLikeSecret(value, 16, HEADER_VALUE)) continue;
      const start = offset + (pair.index ?? 0) + name.length + 1;
      found.push({ slug: kind.slug, kind: kind.name, envName: kind.envName, start, end: start + value.length, priority: PRIORITY.header });
    }
  }
  return found;
}

// SQL that sets a password: `IDENTIFIED BY '...'`, `WITH [ENCRYPTED] PASSWORD '...'`, `PASSWORD = '...'`.
const SQL_PASSWORD = /(?<![A-Za-z0-9_])(?:IDENTIFIED[ \t]{1,8}BY|WITH[ \t]{1,8}(?:ENCRYPTED[ \t]{1,8})?PASSWORD|PASSWORD)[ \t]{0,8}=?[ \t]{0,8}'([^'\r\n]{1,256})'/dgi;

/** Passwords set by SQL statements (psql -c, mysql -e, migration snippets). */
export function findSqlPasswords(text: string): DetectedSecret[] {
  const kind = credentialKind('password-in-sql');
  const found: DetectedSecret[] = [];
  for (const match of text.matchAll(SQL_PASSWORD)) {
    if (!looksLikeSecret(match[1], 6)) continue;
    const [start, end] = match.indices?.[1] ?? [0, 0];
    found.push({ slug: kind.slug, kind: kind.name, envName: kind.envName, start, end, priority: PRIORITY.commandLine });
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
    found.push({ slug: 'jwt', kind: 'JSON Web Token', envName: 'JWT', start, end: start + match[0].length, priority: PRIORITY.jwt });
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
      slug: 'password-in-url',
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
