import assert from 'node:assert/strict';
import { findCredentials, redactSecrets } from '../../server/src/engine/credentials/index';

/**
 * Every detector's regex must stay linear on hostile input: 100 KB of a repeated near-match per pattern. The bound is a
 * safety net against catastrophic backtracking (which takes minutes or hours), not a performance goal (see bench/).
 */
const SIZE = 100_000;
const repeat = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

const NEAR_MATCHES: Array<[string, string]> = [
  ['keyword runs', repeat('password')],
  ['keyword assignments', repeat('password=')],
  ['unterminated quotes', repeat('password="')],
  ['assignment chain without separators', `password=${repeat('a=')}`],
  ['flag without value', repeat('--password ')],
  ['long identifier', `${repeat('a_')}token=`],
  ['keyword in a long value', `token=${repeat('Ab1')}`],
  ['query-string tokens', `https://ci.internal/badge.svg${repeat('?token=a1&')}`],
  ['JWT starts', repeat('eyJ')],
  ['JWT without signature', repeat('eyJhbGciOiJIUzI1NiJ9.')],
  ['URL schemes', repeat('a://')],
  ['URL userinfo without @', repeat('redis://:p')],
  ['URL with colons', `postgres://${repeat('a:')}`],
  ['Authorization headers', repeat('Authorization: Bearer ')],
  ['Authorization value without end', `Authorization: Bearer ${repeat('A')}`],
  ['mysql -p on one line', `mysql ${repeat(' -p')}`],
  ['mysql -p quotes', `mysql ${repeat(" -p'")}`],
  ['sshpass', `sshpass ${repeat(' -p "')}`],
  ['ANSI escape starts', repeat('\u001b[')],
  ['ANSI OSC without end', repeat('\u001b]')],
  ['Slack token segments', repeat('xoxb-a')],
  ['PEM header', `-----BEGIN PRIVATE KEY-----\n${repeat('A')}`],
  ['GitHub prefixes', repeat('ghp_')],
  ['SendGrid parts', repeat('SG.a.')],
  ['code expression', `token: ${repeat('a.')}`],
  ['camelCase value', `api_key: ${repeat('aB')}`],
  ['suppression-like comments', repeat('<!-- runbooks-disable ')],
  ['one character', 'a'.repeat(SIZE)],
  ['newlines', '\n'.repeat(SIZE)],
  ['CRLF', '\r\n'.repeat(SIZE / 2)],
];

describe('credentials: linear time on adversarial input', () => {
  for (const [name, text] of NEAR_MATCHES) {
    it(`scans 100 KB of ${name} in under 2 s`, async () => {
      const started = performance.now();
      await findCredentials(text);
      await redactSecrets(text);
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 2000, `${name}: ${elapsed.toFixed(0)} ms`);
    });
  }
});
