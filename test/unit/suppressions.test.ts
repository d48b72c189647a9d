import assert from 'node:assert/strict';
import { checkCredentials } from '../../server/src/engine/credentials/index';
import { applySuppressions } from '../../server/src/engine/suppressions';
import type { Finding } from '../../server/src/engine/types';
import { ALNUM, body } from './credentials-secrets';
import { resolve } from 'node:path';
import { BACKTRACK_BUDGET, casesOverBacktrackBudget } from '../helpers/backtrackBudget';
import { SUPPRESSION_CASES } from './fixtures/redos-cases';

/** A finding of `rule` starting on `line` (the only thing suppressions look at). */
function at(line: number, rule = 'credential', code = `${rule}/x`): Finding {
  return { rule, code, severity: 'error', message: `${rule} on ${line}`, range: { start: { line, character: 2 }, end: { line, character: 9 } } };
}

/** The lines of the findings that survive. */
function kept(text: string, findings: Finding[]): string[] {
  return applySuppressions(text, findings).map((f) => `${f.rule}@${f.range.start.line}`);
}

describe('suppressions', () => {
  it('pragma: allowlist secret in an HTML comment or a # comment suppresses credential findings on that line only', () => {
    const text = [
      'token abc <!-- pragma: allowlist secret -->',
      'export TOKEN=abc  # pragma: allowlist secret',
      'export TOKEN=abc',
      'echo "pragma: allowlist secret"',
    ].join('\n');
    assert.deepEqual(kept(text, [at(0), at(1), at(2), at(3), at(0, 'stale')]), ['credential@2', 'credential@3', 'stale@0']);
  });

  it('gitleaks:allow on the line suppresses credential findings', () => {
    const text = 'export TOKEN=abc # gitleaks:allow\nexport TOKEN=abc';
    assert.deepEqual(kept(text, [at(0), at(1), at(0, 'schema')]), ['credential@1', 'schema@0']);
  });

  it('pragma: allowlist nextline secret suppresses the next line', () => {
    const text = '<!-- pragma: allowlist nextline secret -->\ntoken abc\ntoken abc';
    assert.deepEqual(kept(text, [at(0), at(1), at(2)]), ['credential@0', 'credential@2']);
  });

  it('runbooks-disable-next-line takes a list of rules, or none for all rules', () => {
    const text = [
      '<!-- runbooks-disable-next-line credential -->',
      'x',
      '<!-- runbooks-disable-next-line stale schema -->',
      'x',
      '<!-- runbooks-disable-next-line -->',
      'x',
      'x',
    ].join('\n');
    const findings = [1, 3, 5, 6].flatMap((line) => [at(line), at(line, 'stale'), at(line, 'schema')]);
    assert.deepEqual(kept(text, findings), ['stale@1', 'schema@1', 'credential@3', 'credential@6', 'stale@6', 'schema@6']);
  });

  it('takes a finding code as well as a rule: only that code is disabled', () => {
    const text = [
      '<!-- runbooks-disable-next-line schema/missing-section -->',
      'x',
      '<!-- runbooks-disable schema/empty-section -->',
      'x',
      '<!-- runbooks-enable schema/empty-section -->',
      'x',
    ].join('\n');
    const findings = [1, 3, 5].flatMap((line) => [
      at(line, 'schema', 'schema/missing-section'), at(line, 'schema', 'schema/empty-section'),
    ]);
    assert.deepEqual(applySuppressions(text, findings).map((f) => `${f.code}@${f.range.start.line}`), [
      'schema/empty-section@1', 'schema/missing-section@3', 'schema/missing-section@5', 'schema/empty-section@5',
    ]);
  });

  it('runbooks-disable ... runbooks-enable covers the block for the named rule', () => {
    const text = [
      'x',
      '<!-- runbooks-disable credential -->',
      'x',
      'x',
      '<!-- runbooks-enable credential -->',
      'x',
    ].join('\n');
    const findings = [0, 1, 2, 3, 4, 5].flatMap((line) => [at(line), at(line, 'stale')]);
    assert.deepEqual(kept(text, findings), [
      'credential@0', 'stale@0', 'stale@1', 'stale@2', 'stale@3', 'credential@4', 'stale@4', 'credential@5', 'stale@5',
    ]);
  });

  it('a runbooks-disable without enable runs to the end; a bare one disables every rule', () => {
    const text = 'x\n<!-- runbooks-disable -->\nx\nx';
    assert.deepEqual(kept(text, [at(0), at(0, 'stale'), at(2), at(3, 'schema')]), ['credential@0', 'stale@0']);
  });

  it('reads CRLF and lone-CR line ends like LF', () => {
    const crlf = 'x\r\n<!-- pragma: allowlist nextline secret -->\r\ntoken\r\ntoken';
    assert.deepEqual(kept(crlf, [at(2), at(3)]), ['credential@3']);
    const cr = '<!-- runbooks-disable-next-line credential -->\rtoken\rtoken';
    assert.deepEqual(kept(cr, [at(1), at(2)]), ['credential@2']);
  });

  it('suppresses real credential findings by the line their range starts on', async () => {
    const first = `ghp_${body(ALNUM, 36)}`;
    const second = `ghp_${body(ALNUM, 36)}`;
    const text = `<!-- runbooks-disable-next-line credential -->\nexport GITHUB_TOKEN=${first}\nexport GITHUB_TOKEN=${second}\n`;
    const findings = await checkCredentials(text, []);
    assert.equal(findings.length, 2);
    const left = applySuppressions(text, findings);
    assert.deepEqual(left.map((f) => f.range.start.line), [2]);
  });

  it('stays linear on 100 KB lines of near-miss comments (a backtrack budget, not a clock)', async function () {
    // The cases are SUPPRESSION_CASES in fixtures/redos-cases.ts; the timeout guards against a hang only.
    this.timeout(300_000);
    const over = await casesOverBacktrackBudget(resolve(__dirname, 'fixtures', 'redos-cases.ts'), 'SUPPRESSION_CASES');
    assert.deepEqual([...over].map((index) => SUPPRESSION_CASES[index][0]), [], `over ${BACKTRACK_BUDGET} backtracks`);
  });

  it('accepts a reason after the rule list, and several comments on one line', () => {
    const text = '<!-- runbooks-disable-next-line credential -- test fixture, not a secret --> <!-- runbooks-disable-next-line stale -->\nx';
    assert.deepEqual(kept(text, [at(1), at(1, 'stale'), at(1, 'schema')]), ['schema@1']);
  });

  it('returns findings untouched when there is no comment', () => {
    const findings = [at(0), at(1, 'stale')];
    assert.deepEqual(applySuppressions('a\nb', findings), findings);
  });
});
