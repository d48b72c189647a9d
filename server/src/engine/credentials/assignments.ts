/**
 * Generic detector: a value assigned to a credential-named key, in any of the forms runbooks use:
 * `DB_PASSWORD=...`, `export API_TOKEN=...`, YAML `password: ...`, JSON `"client_secret": "..."`, headers
 * `X-Api-Key: ...`, connection strings `...;Password=...;`, CLI flags `--password ...` / `--token=...`.
 *
 * Written as a hand scanner rather than one regex so it stays linear on any input: a keyword is located with a
 * literal alternation, the key around it is extended once per identifier, and value scans are capped.
 */
import { PRIORITY, type DetectedSecret } from './detectedSecret';
import { looksLikeSecret } from './values';

// The last alternatives find headers whose names do not say what they carry (CREDENTIAL_HEADERS).
const KEYWORD = /pass|pwd|secret|token|key|honeycomb-team|art-api|sentry-auth|x-auth(?![A-Za-z0-9_.-])/gi;
const IDENTIFIER_CHAR = /[A-Za-z0-9_.-]/;
const MAX_IDENTIFIER = 100;
const MAX_VALUE = 1024;

/** Last words of a key that name a credential (after splitting on `_ - .` and camelCase). */
const CREDENTIAL_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'apikey', 'accesskey', 'secretkey']);
/** Suffixes that make a glued word a credential name: PGPASSWORD, AUTHTOKEN, MYSQLPWD. */
const CREDENTIAL_SUFFIXES = ['password', 'passwd', 'pwd', 'token', 'secret'];
/** Words before `key` that make it a credential: api_key, access-key, X-API-Key. */
const KEY_QUALIFIERS = new Set(['api', 'access', 'secret', 'auth', 'client', 'app', 'application', 'encryption', 'master', 'signing', 'subscription', 'account', 'license', 'routing', 'integration', 'service', 'ingest', 'write', 'private', 'admin', 'storage']);
/** Headers that carry a credential without saying so in their name. */
const CREDENTIAL_HEADERS = new Set(['x-honeycomb-team', 'x-jfrog-art-api', 'x-sentry-auth', 'x-auth']);
/** Words before `token` that name something public: pagination cursors, CSRF tokens (Rails' `authenticity_token`). */
const PUBLIC_TOKEN_QUALIFIERS = new Set(['page', 'next', 'continue', 'continuation', 'csrf', 'xsrf', 'cursor', 'sync', 'resume', 'idempotency', 'max', 'num', 'total', 'input', 'output', 'cache', 'prompt', 'completion', 'authenticity']);
/** Characters that end an unquoted value (shell and YAML/JSON delimiters, control characters such as ANSI escapes). */
const VALUE_END = /[\s"'`;&|,)\]}<>\x00-\x1f\x7f]/;
// Sticky scanners run natively instead of a character loop; each is capped at MAX_VALUE characters.
const UNQUOTED = /[^\s"'`;&|,)\]}<>\x00-\x1f\x7f]{1,1024}/y;
const QUOTED: Record<string, RegExp> = {
  '"': /([^"\r\n]{0,1024})"/y,
  "'": /([^'\r\n]{0,1024})'/y,
  '`': /([^`\r\n]{0,1024})`/y,
};

/** Finds values assigned to credential-named keys; each secret is the value only, without quotes. */
export function findCredentialAssignments(text: string): DetectedSecret[] {
  const found: DetectedSecret[] = [];
  KEYWORD.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = KEYWORD.exec(text)) !== null) {
    let keyStart = match.index;
    let keyEnd = match.index + match[0].length;
    while (keyStart > 0 && IDENTIFIER_CHAR.test(text[keyStart - 1])) keyStart--;
    while (keyEnd < text.length && IDENTIFIER_CHAR.test(text[keyEnd])) keyEnd++;
    // Each identifier is looked at once, whatever number of keywords it holds.
    KEYWORD.lastIndex = keyEnd;
    if (keyEnd - keyStart > MAX_IDENTIFIER) continue;
    const key = text.slice(keyStart, keyEnd);
    if (!isCredentialKey(key) || isBadgeQueryParameter(text, keyStart)) continue;
    const value = valueAfterKey(text, keyStart, keyEnd, key.startsWith('--'));
    if (!value) continue;
    const valueText = text.slice(value.start, value.end);
    // People choose passwords and keep them short; generated tokens and keys are long.
    const minLength = kindOfKey(key) === 'Password' ? 6 : 8;
    // A key that names a credential holds one: a UUID or a hex string under it is the token (Sentry, Cloudflare,
    // Meraki, old GitHub tokens are hex), not a commit or an id. Pagination and CSRF tokens never get here.
    const identifiers = true;
    // After `--flag ` a leading `-` is the next option; after `=` or `:` it is the value's (base64url tokens have one).
    const afterOption = value.operator === ' ';
    if (!looksLikeSecret(valueText, minLength, { identifiers, afterOption }) || namesASecret(key, valueText, value.operator)) continue;
    found.push({
      slug: slugOfKey(key), kind: kindOfKey(key), envName: envNameOfKey(key), start: value.start, end: value.end, priority: PRIORITY.assignment,
    });
    KEYWORD.lastIndex = value.end;
  }
  return found;
}

const URL_DELIMITERS = new Set([...' \t\r\n"\'(<'].map((ch) => ch.charCodeAt(0)));

/**
 * True for `?token=` in the query of an image URL (`.../badge.svg?token=...`): status badges embed a read-only token
 * made to be published in READMEs.
 */
function isBadgeQueryParameter(text: string, keyStart: number): boolean {
  if (text[keyStart - 1] !== '?' && text[keyStart - 1] !== '&') return false;
  let urlStart = keyStart - 1;
  while (urlStart > 0 && keyStart - urlStart < 512 && !URL_DELIMITERS.has(text.charCodeAt(urlStart - 1))) urlStart--;
  const url = text.slice(urlStart, text.indexOf('?', urlStart) + 1 || keyStart);
  return /(?:\.(?:svg|png|gif)\?$)|badge/i.test(url);
}

/** The key split into lower-case words: `DB_PASSWORD` -> [db, password], `clientSecret` -> [client, secret]. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[-_.]+/)
    .filter((word) => word.length > 0);
}

/** True when the key's last word names a credential (password, token, api key...), not e.g. `secret_name`. */
export function isCredentialKey(key: string): boolean {
  if (CREDENTIAL_HEADERS.has(key.toLowerCase())) return true;
  const words = keyWords(key);
  const last = words[words.length - 1];
  const previous = words[words.length - 2];
  if (last === undefined) return false;
  if (last === 'key') return previous !== undefined && KEY_QUALIFIERS.has(previous);
  if (last === 'token' && previous !== undefined && PUBLIC_TOKEN_QUALIFIERS.has(previous)) return false;
  if (CREDENTIAL_WORDS.has(last)) return true;
  return CREDENTIAL_SUFFIXES.some((suffix) => last.endsWith(suffix) && last !== suffix + 's');
}

/**
 * The offsets of the value assigned to the key, or undefined when no value follows. Accepts `=`, `:`, `:=`, `=>`
 * (not `==`), an optional quote closing a quoted key, for `--flags` a plain space, and the Markdown forms
 * `**Password:** value` and `| Password | value |`.
 */
function valueAfterKey(text: string, keyStart: number, keyEnd: number, isFlag: boolean): { start: number; end: number; operator: string } | undefined {
  let i = keyEnd;
  const keyQuote = text[keyStart - 1];
  const quotedKey = (keyQuote === '"' || keyQuote === "'") && text[i] === keyQuote;
  if (quotedKey) i++;
  if (keyQuote === '<' && text[i] === '>') return elementText(text, i + 1);
  i = skipEmphasis(text, i);
  const afterKey = i;
  i = skipBlanks(text, i);
  // A typed declaration (`var apiToken string = "..."`) names its type between the key and `=`.
  GO_TYPE.lastIndex = i;
  if (i > afterKey && GO_TYPE.test(text)) i = skipBlanks(text, GO_TYPE.lastIndex);
  let operator: string;
  const longOperator = LONG_OPERATORS.find((op) => text.startsWith(op, i));
  if (longOperator) operator = longOperator;
  // `setProperty("API_TOKEN", "...")`, `<add key="Password" value="..." />`: a quoted key, then its quoted value.
  else if (quotedKey && text[i] === ',' && /["']/.test(text[skipBlanks(text, i + 1)])) operator = ',';
  else if (quotedKey && text.startsWith('value=', i)) operator = 'value=';
  else if (text[i] === '=' && (text[i + 1] !== '=' || isExported(text, keyStart))) operator = '=';
  else if (text[i] === ':' && text[i + 1] !== ':') operator = ':';
  else if (text[i] === '|' && isTableCell(text, keyStart)) operator = '|';
  else if (isFlag && i > afterKey) operator = ' ';
  else return undefined;
  i = skipBlanks(text, skipEmphasis(text, i + operator.trim().length));
  const quote = text[i];
  // A backtick after `=` is command substitution (fetched at run time); after `:` or in a table it is inline code, and
  // after Go's `:=` a raw string.
  const isQuote = quote === '"' || quote === "'" || (quote === '`' && (operator === ':' || operator === '|' || operator === ':='));
  if (isQuote) {
    const quoted = QUOTED[quote];
    quoted.lastIndex = i + 1;
    const match = quoted.exec(text);
    return match ? { start: i + 1, end: i + 1 + match[1].length, operator } : undefined;
  }
  UNQUOTED.lastIndex = i;
  const match = UNQUOTED.exec(text);
  if (!match) return undefined;
  let end = i + match[0].length;
  // A value longer than the cap is data (a blob, a minified line), not something typed as a password.
  if (match[0].length === MAX_VALUE && end < text.length && !VALUE_END.test(text[end])) return undefined;
  // A bare value ending a sentence keeps its full stop outside, and one in bold (`**...**`) its closing stars.
  // `ops_eyJzaWdu...`: a value cut short with an ellipsis is an illustration.
  if (text.startsWith('...', end - 3)) return undefined;
  if (text[end - 1] === '.') end--;
  if (text.startsWith('**', end - 2)) end -= 2;
  if (operator === ':' && i === afterColon(text, keyStart, keyEnd) && !isQuotedKey(text, keyStart, keyEnd) && !isHeaderName(text.slice(keyStart, keyEnd))) {
    // `token:user:72939` is one namespaced name (a Redis key), not a YAML mapping, which needs a blank after `:`.
    return undefined;
  }
  return end > i ? { start: i, end, operator } : undefined;
}

/** Assignment operators of two characters or more (Go, Make, PHP, Perl), longest first. */
const LONG_OPERATORS = [':::=', '::=', ':=', '=>', '?=', '.='];
const GO_TYPE = /(?:string|String|str)[ \t]{0,4}(?==)/y;
/** Blanks and line breaks between an XML element's tag and its text. */
const ELEMENT_TEXT = /[ \t\r\n]{0,64}([^\s<>"'`]{1,1024})[ \t\r\n]{0,64}<\//y;

/** The text of `<apiToken>VALUE</apiToken>` (on one line or three), when it is one word. */
function elementText(text: string, from: number): { start: number; end: number; operator: string } | undefined {
  ELEMENT_TEXT.lastIndex = from;
  const match = ELEMENT_TEXT.exec(text);
  if (!match) return undefined;
  const start = from + match[0].indexOf(match[1]);
  return { start, end: start + match[1].length, operator: '>' };
}

/** `export KEY==...`: after `export` a second `=` starts the value (base64 and gitleaks' alphabets have it), never a comparison. */
function isExported(text: string, keyStart: number): boolean {
  return text.slice(Math.max(0, keyStart - 7), keyStart) === 'export ';
}

/** The offset just after the `:` that follows the key (skipping a closing quote and emphasis). */
function afterColon(text: string, keyStart: number, keyEnd: number): number {
  let i = keyEnd;
  if ((text[keyStart - 1] === '"' || text[keyStart - 1] === "'") && text[i] === text[keyStart - 1]) i++;
  i = skipBlanks(text, skipEmphasis(text, i));
  return text[i] === ':' ? i + 1 : -1;
}

function isQuotedKey(text: string, keyStart: number, keyEnd: number): boolean {
  const quote = text[keyStart - 1];
  return (quote === '"' || quote === "'") && text[keyEnd] === quote;
}

/** `X-Api-Key`, `DD-APPLICATION-KEY`, `PRIVATE-TOKEN`: an HTTP header's name. */
function isHeaderName(key: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+$/.test(key) && !key.startsWith('-') && /[A-Z]/.test(key[0]) || /^x-/i.test(key);
}

/** A Kubernetes, Vault or cloud resource name: lower-case words and version tags joined by `-`, `_` or `.`. */
const RESOURCE_NAME = /^[a-z0-9]+(?:[-_.][a-z0-9]+)+$/;
/** `id=npmrc,src=...`, `type=env,id=X`: an option's own key=value spec (docker --secret, --mount). */
const OPTION_SPEC = /^[a-z][a-z0-9_-]{0,30}=/;

/**
 * True when the value names a secret rather than being one: under a key ending in `secret` (`--secret`,
 * `existingSecret`, `DB_PASSWORD_SECRET`), a resource name with a word in it (`checkout-db-password-v4`) or, after
 * the flag, an option spec (`--secret id=npmrc`).
 */
function namesASecret(key: string, value: string, operator: string): boolean {
  const last = keyWords(key).at(-1) ?? '';
  if (!last.endsWith('secret')) return false;
  // Only a `--secret` flag takes a spec; after `--password ` a value such as `er=KKG9e...` is the password itself.
  if (operator === ' ' && OPTION_SPEC.test(value)) return true;
  // A name has word parts; a random part (10+ characters with 2+ digits) or a UUID in it makes it a generated value.
  const parts = value.split(/[-_.]/);
  if (UUID_INSIDE.test(value) || parts.some((part) => part.length >= 10 && (part.match(/[0-9]/g)?.length ?? 0) >= 2)) return false;
  return RESOURCE_NAME.test(value) && parts.some((part) => /^[a-z]{3,}$/.test(part));
}

const UUID_INSIDE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

function skipBlanks(text: string, i: number): number {
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}

/** Skips up to 3 Markdown emphasis characters (`**Password**:`). */
function skipEmphasis(text: string, i: number): number {
  const limit = i + 3;
  while (i < limit && text[i] === '*') i++;
  return i;
}

/** True when the key is the content of a Markdown table cell: `| Password |`. */
function isTableCell(text: string, keyStart: number): boolean {
  let i = keyStart - 1;
  while (i >= 0 && keyStart - i < 8 && (text[i] === ' ' || text[i] === '\t' || text[i] === '*')) i--;
  return text[i] === '|';
}

/** The kind's slug: a vendor named in the key, else what its last word says. */
function slugOfKey(key: string): string {
  const lower = key.toLowerCase();
  // secretlint's AWS rule misses a key ending in `/` before a space; the key's name still says what it is.
  if (/aws/.test(lower) && /secret/.test(lower)) return 'aws-secret-key';
  if (/heroku/.test(lower)) return 'heroku-api-key';
  if (/consul/.test(lower)) return 'consul-token';
  if (/datadog|(?:^|[^a-z])dd(?:[^a-z]|$)/.test(lower)) return /app/.test(lower) ? 'datadog-app-key' : 'datadog-api-key';
  switch (kindOfKey(key)) {
    case 'Token': return 'generic-token';
    case 'Secret': return 'generic-secret';
    case 'API key': case 'Secret key': return 'generic-api-key';
    default: return 'generic-password';
  }
}

function kindOfKey(key: string): string {
  if (CREDENTIAL_HEADERS.has(key.toLowerCase())) return 'API key';
  const words = keyWords(key);
  const last = words[words.length - 1] ?? '';
  if (last === 'key' || last === 'apikey' || last === 'accesskey' || last === 'secretkey') return words.includes('api') || last === 'apikey' ? 'API key' : 'Secret key';
  if (last.endsWith('token')) return 'Token';
  if (last.endsWith('secret')) return 'Secret';
  if (last === 'passphrase') return 'Passphrase';
  return 'Password';
}

/** `db_password` -> DB_PASSWORD, `--password` -> PASSWORD, `apiKey` -> API_KEY. */
export function envNameOfKey(key: string): string {
  const name = keyWords(key).join('_').toUpperCase().replace(/[^A-Z0-9_]/g, '');
  if (name.length === 0) return 'SECRET';
  return /^[0-9]/.test(name) ? `_${name}` : name;
}
