/**
 * Judging a candidate value: is it a placeholder, a reference fetched at run time, or something random enough to be a
 * real secret? Shared by every detector so that what counts as "not a secret" is decided in one place.
 */

/** Substrings (lower-case) that mark a documentation placeholder rather than a real value. */
const PLACEHOLDER_PARTS = [
  'redacted', 'changeme', 'change_me', 'change-me', 'example', 'placeholder', 'dummy', 'your_', 'your-', 'yourpass',
  'yourtoken', 'yoursecret', 'replace_', 'replace-', 'insert_', 'insert-', 'notasecret', 'not-a-secret', 'not_a_secret',
  'foobar', 'xxx', '***', '...', '\u2026', '###', '\u2022\u2022', '<', '>', '{{', '}}', '${', '$(', '`',
];

/** Whole values (lower-case) that are words, not secrets. */
const PLACEHOLDER_WORDS = new Set([
  'password', 'passwd', 'pwd', 'pass', 'secret', 'token', 'apikey', 'api_key', 'none', 'null', 'nil', 'undefined',
  'true', 'false', 'empty', 'required', 'optional', 'string', 'hidden', 'masked', 'omitted', 'unset', 'foobared',
  // Textbook weak passwords, used in documentation as obvious stand-ins.
  'abc123', 'hunter1', 'hunter2', 'qwerty', 'letmein', 'test123', 'admin123', 'pass123', 'secret123', 'password1', 'password123',
]);

/** True when the value is a placeholder or a reference resolved at run time (`$VAR`, `<...>`, `{{x}}`, `****`, ...). */
export function isPlaceholder(value: string): boolean {
  if (value.length === 0) return true;
  const first = value[0];
  // `$VAR`, `${VAR}`, `$(cmd)`, `%VAR%`, `[REDACTED]`, `{...}`, `(expr`: references, markers or not a value at all. A
  // leading `-` is not among them: base64url tokens start with one; only after an option it is the next option.
  if ('$%[{('.includes(first)) return true;
  const lower = value.toLowerCase();
  if (PLACEHOLDER_WORDS.has(lower) || PLACEHOLDER_WORDS.has(unLeet(lower))) return true;
  for (const part of PLACEHOLDER_PARTS) if (lower.includes(part)) return true;
  return isOneRepeatedChar(value) || hasTypedRun(value);
}

/** An ascending run this long (`abcdef`, `123456`, `klmnop`) is typed by a person, not drawn by a generator. */
const ASCENDING_RUN = 6;
/** One character repeated this often in a row (`1111...`, `aaaa...`) is filler. */
const REPEATED_CHAR = 8;
/** A unit of 2 to 4 characters repeated this often in a row (`123123123123`, `1234-1234-1234-`) is filler. */
const REPEATED_UNIT = 4;

/**
 * True when the value holds what people type to fill a token's shape (`sk_abcdefghijklmnopqrstuvwxyz123`,
 * `glc_1111...`, `sntryu_aaaa...`, `GR1348941123123123...`): a long ascending run, one character or a short unit
 * repeated. A generated token has one by chance with a probability below 1e-4 (hex, 64 characters) and far below for
 * larger alphabets.
 */
export function hasTypedRun(value: string): boolean {
  let ascending = 1;
  let same = 1;
  for (let i = 1; i < value.length; i++) {
    const step = value.charCodeAt(i) - value.charCodeAt(i - 1);
    ascending = step === 1 && /[a-z0-9]/i.test(value[i]) ? ascending + 1 : 1;
    // Runs of `A` are zero bytes in base64 (Twitter bearer tokens start with 22 of them), not filler.
    same = step === 0 && value[i] !== 'A' ? same + 1 : 1;
    if (ascending >= ASCENDING_RUN || same >= REPEATED_CHAR) return true;
  }
  for (let unit = 2; unit <= 4; unit++) {
    let repeats = 0;
    for (let i = unit; i < value.length; i++) {
      // A run of one character is the single-character rule's (which lets base64's zero bytes, `AAAA`, pass).
      repeats = value[i] === value[i - unit] && value[i] !== value[i - 1] ? repeats + 1 : 0;
      if (repeats >= unit * (REPEATED_UNIT - 1)) return true;
    }
  }
  return false;
}

/** `pa$$w0rd` -> `password`: the leetspeak spellings of placeholder words are placeholders too. */
function unLeet(value: string): string {
  return value.replace(/[$5]/g, 's').replace(/0/g, 'o').replace(/[@4]/g, 'a').replace(/3/g, 'e').replace(/[1!]/g, 'i').replace(/7/g, 't');
}

function isOneRepeatedChar(value: string): boolean {
  for (let i = 1; i < value.length; i++) if (value[i] !== value[0]) return false;
  return true;
}

/** Shannon entropy of the value's characters, in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]+$/i;
const DIGEST = /^(?:sha1|sha224|sha256|sha384|sha512|md5):/i;

/** True for identifiers that are public by design: UUIDs, commit hashes (SHA-1/SHA-256 hex) and `sha256:` digests. */
export function isPublicIdentifier(value: string): boolean {
  if (UUID.test(value) || DIGEST.test(value)) return true;
  return HEX.test(value) && (value.length === 40 || value.length === 64);
}

/**
 * True when the value looks like a path or a URL: a file holding a secret, or an endpoint, not a secret itself. A
 * leading `/` makes a path unless the rest reads as base64.
 */
function isPathOrUrl(value: string): boolean {
  if (value.startsWith('/')) return !readsAsBase64(value);
  return value.startsWith('./') || value.startsWith('~/') || value.includes('://');
}

const BASE64_VALUE = /^[A-Za-z0-9+/]{16,4096}={0,2}$/;

/**
 * True for a base64 value that happens to start with `/` (one in 64 does): base64 characters only, and a `+`, `=`
 * padding or a 16+ character run mixing upper case, lower case and digits, which path segments (words, versions,
 * hex ids) do not have.
 */
function readsAsBase64(value: string): boolean {
  if (!BASE64_VALUE.test(value)) return false;
  if (value.includes('+') || value.endsWith('=')) return true;
  return value.split('/').some((part) => part.length >= 16 && /[a-z]/.test(part) && /[A-Z]/.test(part) && /[0-9]/.test(part));
}

// `Devise.friendly_token.first(16)`, `os.getenv("X")`, `params[0]`, `record?.idToken?.secret`: code computing the value.
const CODE_CALL = /^[A-Za-z_$][\w$]{0,128}(?:\??\.[A-Za-z_$][\w$]{0,128}){0,16}[([]/;
const MEMBER_ACCESS = /^[A-Za-z_$][\w$]{0,128}(?:\??\.[A-Za-z_$][\w$]{0,128}){1,16}$/;
// `RESET_PASSWORD_V2`: a constant's name, i.e. a reference to the value, not the value.
const CONSTANT_NAME = /^[A-Z][A-Z0-9]{0,64}(?:_[A-Z0-9]{1,64}){1,16}$/;

/** True when the value is code (a call, an index, a member access, a constant's name) rather than a literal. */
export function isCodeExpression(value: string): boolean {
  if (MEMBER_ACCESS.test(value)) return !value.split('.').some(isRandomSegment);
  return CODE_CALL.test(value) || CONSTANT_NAME.test(value);
}

/**
 * True for a dotted segment no programmer names a field: 10+ characters with 2+ digits, or 16+ random-looking
 * letters. Dotted tokens (`s.<vault token>`, `pk.<mapbox>`, `sat.<harness>.<...>`) have them; `config.db.password` has not.
 */
function isRandomSegment(segment: string): boolean {
  return (segment.length >= 10 && (segment.match(/[0-9]/g)?.length ?? 0) >= 2) || isRandomLetters(segment);
}

/** A letters-only run that reads as generated: 16+ letters, both cases well mixed, high entropy, not camelCase words. */
function isRandomLetters(value: string): boolean {
  if (value.length < 16 || !/^[A-Za-z]+$/.test(value)) return false;
  const upper = value.replace(/[^A-Z]/g, '').length;
  const lower = value.length - upper;
  return lower >= value.length / 4 && upper >= value.length / 4 && shannonEntropy(value) >= 3.5 && !isCamelCaseWords(value);
}

/**
 * True when a letters-only value reads as words in camelCase or PascalCase (`platformAuthDOMGetToken`): every lower-case
 * run has 2+ letters and every upper-case run is a capital or a short acronym. Generated tokens almost never do.
 */
function isCamelCaseWords(value: string): boolean {
  for (const part of value.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g) ?? []) {
    const lowerRun = part.replace(/^[A-Z]/, '');
    if (/^[A-Z]+$/.test(part) ? part.length > 5 : lowerRun.length < 2) return false;
  }
  return true;
}

/**
 * True when most of the value is one camelCase phrase of 3+ words (`clm66005:AgencyIdentificationCodeContentType`): a
 * name, where a token's letters would be random.
 */
function isMostlyWords(value: string): boolean {
  return (value.match(/[A-Za-z]{16,}/g) ?? []).some((run) => run.length * 2 >= value.length && CAMEL_PHRASE.test(run));
}

/** Three or more words of 3+ letters, the later ones capitalised: `agencyIdentificationCode`, `ContentType...`. */
const CAMEL_PHRASE = /^[A-Z]?[a-z]{2,64}(?:[A-Z][a-z]{2,64}){2,16}$/;

/** Where a value stands, which decides what else it could be than a secret. */
export interface ValueContext {
  /** A header, or a key naming a vendor whose keys look like ids: UUIDs and hex strings of 32+ digits are secrets. */
  identifiers?: boolean;
  /** A header's credential (after `Bearer`, `ApiKey`, in a cookie): no path or URL stands there, so a leading `/` is the value's. */
  noPaths?: boolean;
  /** After a command-line option and a blank (`--token VALUE`, `-p VALUE`): a leading `-` is the next option. */
  afterOption?: boolean;
}

/**
 * The entropy threshold of the generic detectors (keyword assignments, headers, URL passwords): long enough, not a
 * placeholder, not a public identifier, not a plain word, and varied enough to have been generated or chosen as a password.
 */
export function looksLikeSecret(value: string, minLength = 8, options: ValueContext = {}): boolean {
  if (value.length < minLength || value.length > 4096) return false;
  if (isPlaceholder(value) || isCodeExpression(value) || (options.afterOption && value.startsWith('-'))) return false;
  if (options.noPaths ? value.includes('://') : isPathOrUrl(value)) return false;
  // Where only a credential can stand (a header, a key named for a vendor whose keys are UUIDs or hex), an
  // identifier-shaped value is a credential; elsewhere it is a UUID, a commit or a digest. A digest never is.
  if (options.identifiers ? DIGEST.test(value) : isPublicIdentifier(value)) return false;
  if (options.identifiers && (UUID.test(value) || (HEX.test(value) && value.length >= 32))) return true;
  // Whitespace makes it prose (`secret must be a string`) or a list of words, not a credential.
  if (/\s/.test(value)) return false;
  let letters = 0;
  let digits = 0;
  let lower = 0;
  let upper = 0;
  let strongSymbols = 0;
  for (const ch of value) {
    if (ch >= 'a' && ch <= 'z') { letters++; lower++; }
    else if (ch >= 'A' && ch <= 'Z') { letters++; upper++; }
    else if (ch >= '0' && ch <= '9') digits++;
    // `-`, `_` and `.` join words (`see-below`, `my.host`); other symbols are what passwords are made of.
    else if (!'-_.'.includes(ch)) strongSymbols++;
  }
  const entropy = shannonEntropy(value);
  // Short values cannot reach a high per-character entropy: ask for most of what their length allows.
  const threshold = Math.min(2.5, Math.log2(value.length) * 0.85);
  if (entropy < threshold) return false;
  if (letters > 0 && (digits > 0 || strongSymbols > 0)) return !isMostlyWords(value);
  // Where only a credential stands, 20+ letters of one case count when nearly all distinct (4 bits per character):
  // a generated key drawn from `[a-z0-9]` can come out all letters; words repeat theirs.
  const oneCase = lower === value.length || upper === value.length;
  if (options.identifiers && oneCase && value.length >= 20 && entropy >= 4) return true;
  // A letters-only value counts only when it is long and random-looking (a generated token): both cases well mixed,
  // unlike an identifier such as `secretOrPublicKey`; so does a prefixed one (`api_org_<random letters>`).
  return isRandomLetters(value) || value.split(/[-_.]/).some(isRandomLetters);
}

/**
 * The placeholder test for a token of a known format (`ghp_...`, `AKIA...`): its shape already says it is a token, so
 * only documentation markers disqualify it (`EXAMPLE`, `xxxx`, `REDACTED`, `****`, too few distinct characters) and,
 * unless `typedRuns` is false (a private key's DER has runs of `A`), a typed run (hasTypedRun).
 */
export function isPlaceholderToken(token: string, typedRuns = true): boolean {
  const lower = token.toLowerCase();
  if (['example', 'redacted', 'placeholder', '***', '...', '\u2026', '###', '<', '>', '${', '{{'].some((part) => lower.includes(part))) return true;
  if (token.includes('xxxx') || token.includes('XXXX')) return true;
  return new Set(token).size < 6 || (typedRuns && hasTypedRun(token));
}
