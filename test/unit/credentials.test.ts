import assert from 'node:assert/strict';
import { checkCredentials, findCredentials, previewOf } from '../../server/src/engine/credentials/index';
import type { Range } from '../../server/src/engine/types';
import { ALNUM, body, namedTokenCases, ownDetectorCases, password, rangeOf, type SecretCase } from './credentials-secrets';

/** A small runbook around the case's text: the secret sits in a bash block under Diagnostics. */
function runbookWith(text: string): string {
  return [
    '---', 'title: Orders DB', 'service: orders', '---', '', '# Orders DB', '', '## Diagnostics', '', '```bash', text, '```', '',
  ].join('\n');
}

describe('credentials: findCredentials', () => {
  for (const make of [namedTokenCases, ownDetectorCases]) {
    for (const c of make()) {
      it(`finds ${c.name} with its kind and the exact range of the secret`, async () => {
        const text = runbookWith(c.text);
        const hits = await findCredentials(text);
        assert.equal(hits.length, 1, `one hit expected, got ${JSON.stringify(hits.map((h) => h.kind))}`);
        assert.equal(hits[0].kind, c.kind);
        assert.deepEqual(hits[0].range, rangeOf(text, c.secret));
        assert.equal(hits[0].preview, `${c.secret.slice(0, Math.min(4, Math.floor(c.secret.length / 4)))}\u2026`);
      });
    }
  }

  it('finds secrets in front matter and prose, not only in code blocks', async () => {
    const fm = password();
    const prose = `ghp_${body(ALNUM, 36)}`;
    const text = `---\ntitle: x\ndb_password: ${fm}\n---\n\nUse the token ${prose} to call the API.\n`;
    const hits = await findCredentials(text);
    assert.deepEqual(hits.map((h) => h.range), [rangeOf(text, fm), rangeOf(text, prose)]);
  });

  it('gives CRLF text the same ranges (same lines, same characters) as LF text', async () => {
    const cases = [...namedTokenCases(), ...ownDetectorCases()];
    const lf = cases.map((c) => c.text).join('\n\n');
    const crlf = lf.replace(/\n/g, '\r\n');
    const lfHits = await findCredentials(lf);
    const crlfHits = await findCredentials(crlf);
    assert.equal(lfHits.length, cases.length);
    assert.deepEqual(crlfHits, lfHits);
  });

  it('suggests an environment variable named after the key or the token type', async () => {
    const names = async (c: SecretCase) => (await findCredentials(c.text))[0]?.envName;
    const byName = new Map([...namedTokenCases(), ...ownDetectorCases()].map((c) => [c.name, c]));
    assert.equal(await names(byName.get('GitHub classic PAT')!), 'GITHUB_TOKEN');
    assert.equal(await names(byName.get('env assignment')!), 'DB_PASSWORD');
    assert.equal(await names(byName.get('export')!), 'API_TOKEN');
    assert.equal(await names(byName.get('postgres URL')!), 'PGPASSWORD');
    assert.equal(await names(byName.get('--password value')!), 'PASSWORD');
    assert.equal(await names(byName.get('AWS access key id')!), 'AWS_ACCESS_KEY_ID');
  });

  it('finds a token hidden behind terminal colour codes', async () => {
    const token = `ghp_${body(ALNUM, 36)}`;
    const text = `\x1b[32m${token}\x1b[0m`;
    const hits = await findCredentials(text);
    assert.deepEqual(hits.map((h) => h.range), [rangeOf(text, token)]);
  });

  it('takes a password with `=` in it after --password as the password, not as an option spec', async () => {
    // Drawn once by the random cases: `--secret id=npmrc` names a secret, `--password er=KKG9...` is one.
    for (const secret of ['er=KKG9eUOHiyBxW', 'zj=4ywCygKYpgHLt']) {
      const text = runbookWith(`vault login -method=userpass username=ops --password ${secret}`);
      assert.deepEqual((await findCredentials(text)).map((h) => h.range), [rangeOf(text, secret)]);
    }
    assert.deepEqual(await findCredentials(runbookWith('docker buildx build --secret id=npmrc,src=$HOME/.npmrc .')), []);
  });

  it('never throws on odd input', async () => {
    for (const text of ['', '\n', '\r', '\r\n\r\n', '\u0000\uffff\ud800', '`'.repeat(1000), '-----BEGIN PRIVATE KEY-----']) {
      assert.deepEqual(await findCredentials(text), []);
    }
  });
});

describe('credentials: checkCredentials', () => {
  it('reports rule credential, severity error, and a message naming the kind without the secret', async () => {
    const cases = [...namedTokenCases(), ...ownDetectorCases()];
    for (const c of cases) {
      const text = runbookWith(c.text);
      const [finding] = await checkCredentials(text, []);
      assert.equal(finding.rule, 'credential');
      assert.equal(finding.severity, 'error');
      assert.ok(finding.message.startsWith(`${c.kind} (`), finding.message);
      assert.ok(finding.message.includes('is written into the runbook'), finding.message);
      // Only the preview of the secret appears, never more than its first 4 characters.
      const preview = previewOf(c.secret);
      assert.ok(preview.length <= 5);
      assert.ok(finding.message.includes(`(${preview})`), `${c.name}: ${finding.message}`);
      assert.ok(!finding.message.includes(c.secret.slice(0, 5)), `${c.name}: message shows more than 4 characters`);
    }
  });

  it('shows fewer characters of a short secret', () => {
    assert.equal(previewOf('Ab3!xyz9'), 'Ab\u2026');
    assert.equal(previewOf('ghp_0123456789abcdef'), 'ghp_\u2026');
    assert.equal(previewOf('abc'), '\u2026');
  });

  it('fixes a secret in a code block with ${NAME} and one in prose with <redacted>', async () => {
    const inCode = password();
    const inProse = password();
    const text = `The DB password is ${inProse} today.\n\n\`\`\`bash\nexport DB_PASSWORD=${inCode}\n\`\`\`\n`;
    const code: Range = { start: { line: 2, character: 0 }, end: { line: 4, character: 3 } };
    // "password is X" has no assignment: only the code one is found by the generic detector, so add a prose token.
    const token = `glpat-${body(ALNUM, 20)}`;
    const all = `${text}\nRotate ${token} after use.\n`;
    const findings = await checkCredentials(all, [code]);
    assert.equal(findings.length, 2);
    const [codeFinding, proseFinding] = findings;
    assert.deepEqual(codeFinding.range, rangeOf(all, inCode));
    assert.equal(codeFinding.fix?.title, 'Replace with ${DB_PASSWORD}');
    assert.deepEqual(codeFinding.fix?.edits, [{ range: rangeOf(all, inCode), newText: '${DB_PASSWORD}' }]);
    assert.deepEqual(proseFinding.range, rangeOf(all, token));
    assert.equal(proseFinding.fix?.title, 'Replace with <redacted>');
    assert.deepEqual(proseFinding.fix?.edits, [{ range: rangeOf(all, token), newText: '<redacted>' }]);
  });

  it('drops the single quotes around a secret in code so the shell expands the reference', async () => {
    const secret = password();
    const text = `mysql -u root -p'${secret}' orders`;
    const [finding] = await checkCredentials(text, [{ start: { line: 0, character: 0 }, end: { line: 0, character: text.length } }]);
    assert.equal(finding.fix?.title, 'Replace with ${MYSQL_PWD}');
    assert.deepEqual(finding.fix?.edits, [{ range: rangeOf(text, `'${secret}'`), newText: '"${MYSQL_PWD}"' }]);
  });
});

describe('credentials: secretlint profiler', () => {
  it('records no performance marks (the shipped profiler keeps every one: ~17 MiB per 1,000 calls)', async () => {
    const { performance } = await import('node:perf_hooks');
    const secretlintMarks = () => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('@core>')).length;
    const before = secretlintMarks();
    for (let i = 0; i < 20; i++) await findCredentials(`export API_TOKEN=${body(ALNUM, 24)}`);
    assert.equal(secretlintMarks() - before, 0);
  });
});
