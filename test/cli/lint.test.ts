import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'runbooks.js');
const SAMPLES = join(ROOT, 'samples');

function lint(args: string[], cwd = ROOT): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'lint', ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('runbooks lint (CLI)', function () {
  this.timeout(60_000);
  before(() => assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'run npm run build first (npm test does)'));

  it('text: clickable path:line:col lines and a summary; exit 1 on an error finding', () => {
    const r = lint(['--today', '2026-11-26', 'samples/missing-sections.md', 'samples/stale.md']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, [
      'samples/missing-sections.md:9:1: error schema/missing-section Missing section "Common causes": list what usually triggers this alert, most likely first.',
      'samples/missing-sections.md:9:1: error schema/missing-section Missing section "Escalation": say who to escalate to and when.',
      'samples/stale.md:6:16: error stale/overdue Runbook is stale: last reviewed on 2025-03-01, 635 days ago, but the review interval is 90 days (545 days overdue). Check its commands and contacts still work, then mark it reviewed.',
      '2 runbooks checked: 3 errors, 0 warnings in 2 files; 1 stale runbook.',
      '',
    ].join('\n'));
  });

  it('--stale-error-after moves the warning/error line of the stale rule (the runbooks.staleErrorAfterDays setting)', () => {
    const lenient = lint(['--today', '2026-11-26', '--stale-error-after', '1000', 'samples/stale.md']);
    assert.match(lenient.stdout, /^samples\/stale\.md:6:16: warning stale\/overdue .*545 days overdue/);
    assert.equal(lenient.code, 0);
    const strict = lint(['--today', '2025-06-01', '--stale-error-after', '0', 'samples/stale.md']);
    assert.match(strict.stdout, /^samples\/stale\.md:6:16: error stale\/overdue .*2 days overdue/);
    assert.equal(strict.code, 1);
    const bad = lint(['--stale-error-after=-1', 'samples/stale.md']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--stale-error-after must be a whole number of days/);
  });

  it('exit 0 when no finding is an error (warnings only)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbooks-cli-'));
    copyFileSync(join(SAMPLES, 'complete.md'), join(dir, 'a.md'));
    const r = lint(['--today', '2027-03-01', 'a.md'], dir);
    assert.match(r.stdout, /^a\.md:8:16: warning stale\/overdue /);
    assert.equal(r.code, 0);
    assert.equal(lint(['--today', '2026-11-26', 'a.md'], dir).code, 0);
  });

  it('json: one array of 1-based findings', () => {
    const r = lint(['--format', 'json', '--today', '2026-11-26', 'samples/no-expected-outcome.md']);
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout), [{
      file: 'samples/no-expected-outcome.md',
      line: 30,
      column: 1,
      endLine: 30,
      endColumn: 23,
      severity: 'error',
      rule: 'schema',
      code: 'schema/no-expected-outcome',
      message: 'Mitigation option "Restart the workers" does not say its expected outcome: add a line "Expected: ..." saying what the engineer should see once it worked.',
    }]);
  });

  it('sarif: a SARIF 2.1.0 log with rules, levels and regions', () => {
    const r = lint(['--format', 'sarif', '--today', '2026-11-26', 'samples/wrong-frontmatter-types.md']);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'runbooks');
    const ruleIds = run.tool.driver.rules.map((x: { id: string }) => x.id);
    // Every code of the rule table has a rules entry, each with a help link to its README row.
    for (const id of ['schema/missing-section', 'frontmatter/wrong-type', 'stale/overdue', 'engine/check-failed']) assert.ok(ruleIds.includes(id), id);
    assert.match(run.tool.driver.rules[0].helpUri, /README\.md#code-schema-missing-section$/);
    const results = run.results.map((x: { ruleId: string; level: string; ruleIndex: number }) => [x.ruleId, x.level, ruleIds[x.ruleIndex]]);
    assert.deepEqual(results, [
      ['frontmatter/wrong-type', 'warning', 'frontmatter/wrong-type'],
      ['frontmatter/wrong-type', 'error', 'frontmatter/wrong-type'],
      ['frontmatter/invalid-value', 'error', 'frontmatter/invalid-value'],
    ]);
    const loc = run.results[0].locations[0].physicalLocation;
    assert.deepEqual(loc, { artifactLocation: { uri: 'samples/wrong-frontmatter-types.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 8, endLine: 4, endColumn: 9 } });
  });

  it('a folder is searched recursively for *.md, skipping node_modules and dot-folders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbooks-cli-'));
    for (const sub of ['a/b', 'node_modules/x', '.git', 'c']) mkdirSync(join(dir, sub), { recursive: true });
    for (const f of ['a/b/one.md', 'node_modules/x/no.md', '.git/no.md', 'c/two.md', 'c/not-md.txt']) writeFileSync(join(dir, f), '# T\n');
    const r = lint(['--format', 'json', dir]);
    assert.deepEqual([...new Set(JSON.parse(r.stdout).map((f: { file: string }) => f.file.slice(dir.length + 1)))], ['a/b/one.md', 'c/two.md']);
  });

  it('--schema uses a team schema; one that does not compile is exit 2 with a one-line reason', () => {
    const team = lint(['--today', '2026-11-26', '--schema', 'samples/schemas/team.runbook.schema.json', 'samples/complete.md']);
    assert.equal(team.code, 1);
    assert.match(team.stdout, /samples\/complete\.md:12:1: error schema\/missing-section Missing section "Impact"/);
    const dir = mkdtempSync(join(tmpdir(), 'runbooks-cli-'));
    writeFileSync(join(dir, 'bad.json'), '{ "type": 12 }');
    const bad = lint(['--schema', join(dir, 'bad.json'), 'samples/complete.md']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr.trim().split('\n').length, 1);
    assert.match(bad.stderr, /does not compile/);
  });

  it('usage and I/O problems are exit 2 with a one-line reason on stderr', () => {
    const missing = lint(['no/such/file.md']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'runbooks lint: no/such/file.md: no such file or directory\n');
    assert.equal(lint(['--format', 'xml', 'samples']).code, 2);
    assert.equal(lint([]).code, 2);
    assert.equal(lint(['--today', '2026-02-30', 'samples']).code, 2);
    const dir = mkdtempSync(join(tmpdir(), 'runbooks-cli-'));
    writeFileSync(join(dir, 'binary.md'), Buffer.from([0x00, 0x01, 0x02, 0xff]));
    const binary = lint([join(dir, 'binary.md')]);
    assert.equal(binary.code, 2);
    assert.match(binary.stderr, /binary\.md: binary file \(contains NUL bytes\), not Markdown/);
    if (process.getuid?.() !== 0) {
      writeFileSync(join(dir, 'secret.md'), '# T\n');
      chmodSync(join(dir, 'secret.md'), 0o000);
      assert.equal(lint([join(dir, 'secret.md')]).code, 2);
    }
  });

  it('many files go through worker threads and give the same output as one thread', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbooks-cli-'));
    for (let i = 0; i < 120; i++) copyFileSync(join(SAMPLES, ['stale.md', 'missing-sections.md', 'complete.md'][i % 3]), join(dir, `r${String(i).padStart(3, '0')}.md`));
    const pooled = lint(['--format', 'json', '--today', '2026-11-26', '--jobs', '2', '--verbose', dir]);
    const single = lint(['--format', 'json', '--today', '2026-11-26', '--jobs', '1', '--verbose', dir]);
    assert.equal(pooled.stdout, single.stdout);
    // The worker really ran: it linted some of the files.
    const [, main, worker] = /120 files on 2 threads \(files per thread: (\d+), (\d+)\)/.exec(pooled.stderr) ?? [];
    assert.ok(Number(worker) > 0 && Number(main) + Number(worker) === 120, pooled.stderr);
    assert.match(single.stderr, /120 files on 1 thread \(files per thread: 120\)/);
    assert.equal(JSON.parse(pooled.stdout).length, 40 * 3);
  });
});
