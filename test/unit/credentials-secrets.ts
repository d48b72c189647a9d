/**
 * Secrets generated at test time (crypto.randomBytes, or a seeded stream for reproducible draws, mapped onto the right
 * charset), so no real secret is ever committed and no token-shaped string sits in the repository for push-protection scanners to flag.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Range } from '../../server/src/engine/types';

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const ALNUM = UPPER + LOWER + DIGITS;
export const BASE64URL = ALNUM + '-_';
export const BASE64 = ALNUM + '+/';
export const HEX = '0123456789abcdef';

/** Where random() takes its bytes: crypto by default, a seeded stream inside withSeed. */
let drawBytes: (length: number) => Uint8Array = randomBytes;
/** Inside withSeed with `edge`: which of the charset's symbols start and end every value random() draws. */
let edgeSymbols: number | undefined;

/** How withSeed draws: with `edge` set, every value whose charset has symbols starts and ends with them. */
export interface DrawOptions {
  /**
   * The n-th edge draw: the first character is symbol n, the last symbol n + floor(n / count) (mod count), so n from 0
   * to count^2 - 1 gives every pair once for 2 or 3 symbols, and every symbol at each end within 2 x count draws.
   */
  edge?: number;
}

/**
 * Runs `make` with every value drawn from a stream seeded by `seed` (SHA-256 of the seed and a counter), so the same
 * seed gives the same secrets on any machine: a failing draw can be replayed from its seed alone.
 */
export function withSeed<T>(seed: string, make: () => T, options: DrawOptions = {}): T {
  let counter = 0;
  let pool: Buffer = Buffer.alloc(0);
  const previous = [drawBytes, edgeSymbols] as const;
  drawBytes = (length) => {
    while (pool.length < length) pool = Buffer.concat([pool, createHash('sha256').update(`${seed}/${counter++}`).digest()]);
    const bytes = pool.subarray(0, length);
    pool = pool.subarray(length);
    return bytes;
  };
  edgeSymbols = options.edge;
  try {
    return make();
  } finally {
    [drawBytes, edgeSymbols] = previous;
  }
}

/** `length` random characters of `charset` (in an edge draw, starting and ending with its symbols). */
export function random(charset: string, length: number): string {
  const bytes = drawBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += charset[bytes[i] % charset.length];
  const symbols = [...charset].filter((ch) => !/[A-Za-z0-9]/.test(ch));
  if (edgeSymbols === undefined || symbols.length === 0 || length < 2) return out;
  const n = edgeSymbols;
  return symbols[n % symbols.length] + out.slice(1, -1) + symbols[(n + Math.floor(n / symbols.length)) % symbols.length];
}

/**
 * True when no placeholder rule could mistake the value for a marker: it has a letter and a digit, enough distinct
 * characters, no run like `xxx` and none of the words the detectors treat as documentation.
 */
function isMarkerFree(value: string): boolean {
  const marker = /xxx|example|redacted|placeholder|dummy|your|replace|insert|todo/.test(value.toLowerCase());
  const varied = new Set(value).size >= Math.min(8, value.length);
  return /[A-Za-z]/.test(value) && /[0-9]/.test(value) && !marker && varied;
}

/** A random body of `length` characters of `charset` that is marker-free (see isMarkerFree). */
export function body(charset: string, length: number): string {
  for (;;) {
    const candidate = random(charset, length);
    if (isMarkerFree(candidate)) return candidate;
  }
}

/** A password-like value: letters, digits and a few symbols that need no quoting in shell, YAML or URLs. */
export function password(length = 16): string {
  // Starts with a letter: a leading `%` or `=` would read as `%VAR%` or a `==` comparison. The whole value is checked,
  // so a marker cannot form across the first letter (`x` + `XX...`).
  for (;;) {
    const candidate = random(UPPER + LOWER, 1) + random(ALNUM + '!%^+=~', length - 1);
    if (isMarkerFree(candidate)) return candidate;
  }
}

/** Every form of secret a detector should find, as [name, build(secret) -> line, secret, expected kind]. */
export interface SecretCase {
  name: string;
  kind: string;
  secret: string;
  /** The line(s) of text holding the secret. */
  text: string;
}

export function namedTokenCases(): SecretCase[] {
  const make = (name: string, kind: string, secret: string, text = `echo ${secret}`): SecretCase => ({ name, kind, secret, text });
  const key = `MI${random(BASE64, 62)}`;
  const pemBody = [key, random(BASE64, 64), random(BASE64, 64), random(BASE64, 40)].join('\n');
  const pem = `-----BEGIN RSA PRIVATE KEY-----\n${pemBody}\n-----END RSA PRIVATE KEY-----`;
  const awsSecret = body(ALNUM, 40);
  return [
    make('GitHub classic PAT', 'GitHub personal access token', `ghp_${body(ALNUM, 36)}`),
    make('GitHub OAuth token', 'GitHub OAuth access token', `gho_${body(ALNUM, 36)}`),
    make('GitHub fine-grained PAT', 'GitHub fine-grained personal access token', `github_pat_${body(ALNUM + '_', 82)}`),
    make('GitLab PAT', 'GitLab personal access token', `glpat-${body(ALNUM, 20)}`),
    make('Slack bot token', 'Slack token', `xoxb-${random(DIGITS, 12)}-${random(DIGITS, 12)}-${body(ALNUM, 24)}`),
    make('AWS access key id', 'AWS access key ID', `AKIA${body(UPPER + DIGITS, 16)}`),
    make('AWS secret access key', 'AWS secret access key', awsSecret, `aws_secret_access_key = ${awsSecret}`),
    make('npm token', 'npm access token', `npm_${body(ALNUM, 36)}`),
    make('OpenAI key', 'OpenAI API key', `sk-${body(ALNUM, 20)}T3BlbkFJ${body(ALNUM, 20)}`),
    make('SendGrid key', 'SendGrid API key', `SG.${body(ALNUM, 22)}.${body(ALNUM, 43)}`),
    make('Vault service token', 'HashiCorp Vault service token', `hvs.${body(ALNUM, 95)}`),
    make('Docker Hub PAT', 'Docker Hub personal access token', `dckr_pat_${body(ALNUM, 27)}`),
    make('Private key', 'Private key', pem, `cat > key.pem <<'EOF'\n${pem}\nEOF`),
  ];
}

export function ownDetectorCases(): SecretCase[] {
  const make = (name: string, kind: string, secret: string, text: string): SecretCase => ({ name, kind, secret, text });
  const pw = () => password();
  const cases: SecretCase[] = [];
  let s = pw();
  cases.push(make('env assignment', 'Password', s, `DB_PASSWORD=${s}`));
  s = body(ALNUM, 32);
  cases.push(make('export', 'Token', s, `export API_TOKEN=${s}`));
  s = pw();
  cases.push(make('YAML value', 'Password', s, `  password: ${s}`));
  s = pw();
  cases.push(make('YAML quoted value', 'Secret', s, `client_secret: "${s}"`));
  s = pw();
  cases.push(make('JSON', 'Secret', s, `{"client_secret": "${s}", "client_id": "orders"}`));
  s = body(ALNUM, 32);
  cases.push(make('api_key', 'API key', s, `api_key = '${s}'`));
  s = body(ALNUM, 32);
  cases.push(make('apikey', 'API key', s, `apikey: ${s}`));
  s = password(7);
  cases.push(make('short password', 'Password', s, `DB_PASSWORD=${s}`));
  s = pw();
  cases.push(make('bold label in prose', 'Password', s, `**Password:** ${s}`));
  s = pw();
  cases.push(make('Markdown table cell', 'Password', s, `| Password | ${s} |`));
  s = pw();
  cases.push(make('inline code after a label', 'Password', s, `Admin password: \`${s}\``));
  s = pw();
  cases.push(make('sentence ending', 'Password', s, `Then set DB_PASSWORD=${s}.`));
  s = pw();
  cases.push(make('passwd', 'Password', s, `passwd=${s}`));
  s = pw();
  cases.push(make('pwd', 'Password', s, `MYSQL_PWD=${s} mysql -h db`));
  s = pw();
  cases.push(make('--password value', 'Password', s, `vault login -method=userpass username=ops --password ${s}`));
  s = pw();
  cases.push(make('--password=value', 'Password', s, `pg_dump --password=${s} orders`));
  s = pw();
  cases.push(make('mysql -p quoted', 'Password on a MySQL command line', s, `mysql -u root -p'${s}' -h orders-db`));
  s = body(ALNUM, 14);
  cases.push(make('mysql -p glued', 'Password on a MySQL command line', s, `mysqldump -uroot -p${s} orders > dump.sql`));
  s = pw();
  cases.push(make('sshpass -p', 'Password on an sshpass command line', s, `sshpass -p '${s}' ssh ops@bastion`));
  s = pw();
  cases.push(make('redis-cli -a', 'Password on a redis-cli command line', s, `redis-cli -h cache.internal -a '${s}' info clients`));
  s = body(ALNUM, 24);
  cases.push(make('docker login -p', 'Password on the docker login command line', s, `docker login -u ci-bot -p ${s} registry.internal`));
  s = pw();
  cases.push(make('oc login -p', 'Password on the oc login command line', s, `oc login -u kubeadmin -p "${s}" https://api.ocp.internal:6443`));
  s = pw();
  cases.push(make('curl -u', 'Password in a curl --user option', s, `curl -s -u elastic:${s} https://es.internal:9200/_cluster/health`));
  s = body(BASE64URL, 40);
  cases.push(make('Bearer header', 'Bearer token in an Authorization header', s, `curl -H "Authorization: Bearer ${s}" https://api.internal/v1/pool`));
  s = Buffer.from(`ops:${password()}`).toString('base64');
  cases.push(make('Basic header', 'Basic authentication credential', s, `curl -H 'Authorization: Basic ${s}' https://api.internal/`));
  const jwt = [
    Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url'),
    Buffer.from(JSON.stringify({ sub: random(ALNUM, 12), iat: 1764115200 })).toString('base64url'),
    body(BASE64URL, 43),
  ].join('.');
  cases.push(make('JWT', 'JSON Web Token', jwt, `token=${jwt}`));
  s = pw();
  cases.push(make('postgres URL', 'Password in a PostgreSQL connection string', s, `psql "postgres://orders_app:${s}@orders-db.internal:5432/orders"`));
  s = pw();
  cases.push(make('redis URL without user', 'Password in a URL', s, `redis-cli -u redis://:${s}@cache.internal:6379/0`));
  s = pw();
  cases.push(make('amqp URL', 'Password in a URL', s, `AMQP_URL=amqp://orders:${s}@rabbit.internal:5672/`));
  s = pw();
  cases.push(make('connection string', 'Password', s, `Server=db.internal;User Id=orders;Password=${s};Database=orders`));
  s = body(ALNUM, 32);
  cases.push(make('X-Api-Key header', 'API key', s, `curl -H "X-Api-Key: ${s}" https://api.internal/`));
  s = body(ALNUM, 20);
  cases.push(make('PRIVATE-TOKEN header', 'Token', s, `curl --header "PRIVATE-TOKEN: ${s}" https://gitlab.internal/api/v4/projects`));
  s = body(ALNUM, 32);
  cases.push(make('token in a URL query', 'Token', s, `curl "https://metrics.internal/api/v1/export?format=json&access_token=${s}"`));
  s = pw();
  cases.push(make('kubectl --from-literal', 'Password', s, `kubectl create secret generic db --from-literal=password=${s}`));
  return cases;
}

/** The exact range of the first occurrence of `secret` in `text`, computed independently of the engine. */
export function rangeOf(text: string, secret: string): Range {
  const offset = text.indexOf(secret);
  if (offset < 0) throw new Error('secret not in text');
  const at = (index: number) => {
    const before = text.slice(0, index).split(/\r\n|\r|\n/);
    return { line: before.length - 1, character: before[before.length - 1].length };
  };
  return { start: at(offset), end: at(offset + secret.length) };
}
