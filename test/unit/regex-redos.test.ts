/**
 * No catastrophic backtracking: every regular expression of the engine, reached through the public function that
 * uses it, meets 100 KB of a repeated near-match (the shape that makes a backtracking regex quadratic or worse) and
 * must finish within a generous bound. A safety check, not a performance test: a regression here means seconds to
 * minutes (normalizeHeading's old trailing-punctuation regex took 20 s on the first input below).
 */
import assert from 'node:assert/strict';
import { consoleCommands, declaresRunbookKind, isRunbookPath, lintRunbook, normalizeHeading, parseIsoDate, parseRunbook } from '../../server/src/engine/index';
import { findCredentials, redactSecrets } from '../../server/src/engine/credentials/index';
import { slug } from '../../server/src/engine/markdown';
import { fillPlaceholders, findPlaceholders, looksSecret, missingPlaceholders } from '../../server/src/engine/steps/placeholders';
import { applySuppressions } from '../../server/src/engine/suppressions';
import type { Finding } from '../../server/src/engine/types';

const SIZE = 100_000;
/** Generous: linear work on 100 KB takes milliseconds; a quadratic regex takes seconds to minutes. */
const BOUND_MS = 5_000;

/** `unit` repeated to 100 KB. */
function near(unit: string): string {
  return unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
}

async function within(label: string, run: () => unknown): Promise<void> {
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  assert.ok(ms < BOUND_MS, `${label}: ${ms.toFixed(0)} ms on 100 KB (bound ${BOUND_MS} ms)`);
}

const ANY_FINDING: Finding = { rule: 'credential', code: 'credential/generic', severity: 'error', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x' };

/** A complete runbook whose Escalation text is `escalation` (for the schema's caseInsensitivePattern keywords). */
function runbookWithEscalation(escalation: string): string {
  return ['# T', '', '## Meaning', '', 'm', '', '## Common causes', '', '- c', '', '## Diagnosis', '', '- d', '',
    '## Mitigation', '', '- m', '  Expected: ok', '', '## Escalation', '', escalation, ''].join('\n');
}

describe('regular expressions meet 100 KB near-matches in bounded time', function () {
  this.timeout(BOUND_MS * 4);

  const cases: [string, () => unknown][] = [
    // schema.ts: heading aliases (trailing punctuation) and the caseInsensitivePattern keyword of the bundled schema.
    ['normalizeHeading: a long run of trailing punctuation that does not reach the end', () => normalizeHeading(`a${near(' ?')}x`)],
    ['normalizeHeading: whitespace runs', () => normalizeHeading(`a${near(' \t\u00a0')}x`)],
    ['schema caseInsensitivePattern: escalation text of keyword near-misses', () => lintRunbook(runbookWithEscalation(near('on-cal rotatio @ # sev5 ')), { today: '2026-11-26' })],
    ['schema caseInsensitivePattern: one 100 KB word', () => lintRunbook(runbookWithEscalation(near('minute')), { today: '2026-11-26' })],
    // parse.ts: the "Expected:" line of a mitigation item; markdown.ts: heading slugs.
    ['parse EXPECTED_LINE: "expected" followed by 100 KB of blanks and no colon', () => parseRunbook(`# T\n\n## Mitigation\n\n- expected${near(' \t')}x\n`)],
    ['parse EXPECTED_LINE: repeated "expected outcome"', () => parseRunbook(`# T\n\n## Mitigation\n\n- ${near('expected outcome ')}\n`)],
    ['parse item title: a run of trailing blanks, colons and dots that does not reach the end', () => parseRunbook(`# T\n\n## Mitigation\n\n- a${near(' :.')}x\n`)],
    ['parse expected outcome: a run of emphasis marks that does not reach the end (in a code block)', () => parseRunbook(`# T\n\n## Mitigation\n\n- m\n\n  \`\`\`\n  Expected: x${near('*_')}y\n  \`\`\`\n`)],
    ['slug: punctuation and dashes', () => slug(near('a-!\u00e9 '))],
    // select.ts, stale.ts, runnable.ts.
    ['declaresRunbookKind: a front matter line of near-matches', () => declaresRunbookKind(`---\n${near('kind: \t"runbook ')}\n---\n`)],
    ['isRunbookPath: a 100 KB path', () => isRunbookPath(near('runbooks/a.'))],
    ['parseIsoDate: 100 KB of digits and dashes', () => parseIsoDate(near('2026-'))],
    ['consoleCommands: prompt-like lines', () => consoleCommands(near('  $  $ \\\n'))],
    ['consoleCommands: one line of blanks', () => consoleCommands(near(' \t'))],
    // credentials/: secretlint's preset and our detectors.
    ...['authorization: bearer ', 'Authorization: Basic ', 'eyJ', 'eyJhbGciOi.', 'a://', 'postgres://user:', 'mysql -p', 'sshpass -p ',
      'password=', 'passpass=', '"client_secret": "', '--password ', 'X-Api-Key: ', 'AKIA', 'ghp_', 'github_pat_', 'xoxb-', 'sk-', 'glpat-',
      'hvs.', '-----BEGIN RSA PRIVATE KEY-----\n', 'https://hooks.slack.com/services/', 'mongodb://a:b', '@a.', 'a.b.c(', '\x1b[1;', '\x1b]8;;',
      // namedTokens.ts, privateKeys.ts, headers, cookies, SQL and positional command lines.
      'AIza', 'sk_live_', 'whsec_', 'AccountKey=', '&sig=', 'a1Q~', 'dop_v1_', 'https://discord.com/api/webhooks/1/', '12345678:AA',
      'https://a.webhook.office.com/webhookb2/', 'SG.a-', 'key-', '0123456789abcdef-us1', 'NRAK-', 'eyJrIjoi', 'dt0c01.', 'ATATT3',
      'PMAK-', 'dp.pt.', 'AGE-SECRET-KEY-1', 'pypi-AgEIcHlwaS5vcmc', 'AKCp', 'aaaaaaaaaaaaaa.atlasv1.', 'glrt-', 'sha256~',
      'token=abcdef.', '-----END PRIVATE KEY-----\n', 'AAAA\n', 'AAAA\\n', '-----BEGIN PRIVATE KEY-----', 'Cookie: session=',
      'curl -b "sid=', "IDENTIFIED BY '", "PASSWORD '", 'Authorization: GenieKey ', 'Authorization: Token token=', 'htpasswd -b ',
      'echo x | ', 'rabbitmqctl add_user ', 'aws configure set aws_secret_access_key ', 'token:a:', '--secret id=', 'existingSecret=a-b-',
      'X-Honeycomb-Team: ', 'sqlcmd -P', 'mongosh -p ', 'az login -p ', 'sk-proj-', 'sk-proj-aB3-T3BlbkFJ', 'secret_access_key = ',
      'PASSWORD=/aB3+', 'Cookie: session=-',
      // issue 22: Slack, gitleaks' formats, code-form assignments, Kubernetes Secrets, typed runs.
      'xapp-1-A', 'xoxe.xoxp-1-', 'xoxe-1-', 'xoxa-1-', 'xoxs-1-1-1-', 'hooks.slack.com/workflows/', 'ABSK', 'v1.0-a-',
      'pscale_pw_', 'xkeysib-', 'abcdef01:', 'contribsys 0', 'MTIzNDU2Nzg5MDEyMzQ1Njc4.', '<aToken>\n', 'var aToken string ',
      'aToken ::', '"A_TOKEN", ', 'kind: Secret\ndata:\n  a: ', 'api_org_', '12345:A', '/bot1', 'glpat-a.', 'ico-',
      'sk_abcabc', 'token=a.b1c2d3e4f5g6.', 'Authorization: ', 'export A==', 'sgp_', 'EZAK', 'SKa',
      'curl \\\n -u a:b \\\n', ' -u a:Zx9pQ2 \\\n', "curl --user a:'"]
      .map((unit): [string, () => unknown] => [`findCredentials: ${JSON.stringify(unit)} repeated`, () => findCredentials(near(unit))]),
    ['findCredentials: "sk-proj-" then one 100 KB base64url run', () => findCredentials(`sk-proj-${near('aB3-_')}`)],
    ['findCredentials: an assignment of one 100 KB base64 run starting with "/"', () => findCredentials(`API_TOKEN=/${near('aB3/')}`)],
    ['redactSecrets: an unterminated OSC escape', () => redactSecrets(`\x1b]${near('a')}`)],
    ['redactSecrets: assignments with placeholder-like values', () => redactSecrets(near('token=${x} '))],
    // suppressions.ts.
    ['applySuppressions: unterminated directives', () => applySuppressions(near('<!-- runbooks-disable credential '), [ANY_FINDING])],
    ['applySuppressions: allowlist near-matches', () => applySuppressions(near('# pragma: allowlist  '), [ANY_FINDING])],
    // steps/placeholders.ts.
    ['findPlaceholders: unclosed placeholders', () => findPlaceholders(near('{{ a'))],
    ['findPlaceholders: one unclosed name', () => findPlaceholders(`{{${near('a')}`)],
    ['fillPlaceholders: blanks inside braces', () => fillPlaceholders(`{{${near(' ')}`, { a: 'b' })],
    ['missingPlaceholders: nested braces', () => missingPlaceholders(near('{{{'), {})],
    ['looksSecret: a long name of near-matches', () => looksSecret(near('passwor'))],
  ];

  for (const [label, run] of cases) {
    it(label, () => within(label, run));
  }
});
