// `runbooks coverage` over the fixture workspace: the text table and summary, JSON, SARIF, exit codes, bad input.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../server/src/cli/main';
import { fakeIO } from './cliHarness';

const ROOT = resolve(__dirname, '..', '..');
const WORKSPACE = join(ROOT, 'test', 'fixtures', 'alerts');
const BASE = ['coverage', '--rules', 'rules/*', '--runbook-url', 'https://runbooks.example.com/runbooks/{path}', '--today', '2026-11-27'];

async function coverage(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIO(WORKSPACE);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('runbooks coverage (CLI)', function () {
  this.timeout(60_000);

  it('text: a table per rule file, findings as path:line:col lines, the summary; exit 1 (a paging alert has no runbook)', async () => {
    const r = await coverage([...BASE, 'runbooks']);
    assert.equal(r.code, 1, r.err);
    assert.equal(r.err, '');
    const lines = r.out.split('\n');
    assert.deepEqual(lines.slice(0, 3), [
      'rules/checkout.yml: 8 alerts',
      '  line  alert                   severity  status         runbook',
      '  5     CheckoutHighErrorRate   critical  covered        runbooks/checkout/CheckoutHighErrorRate.md',
    ]);
    assert.ok(lines.includes('  43    PaymentsQueueBacklog    warning   not-current    runbooks/payments/payments-queue-backlog.md (review overdue)'));
    // Every orphan named, the one named only by its file name too.
    assert.ok(lines.some((l) => l.startsWith('runbooks/platform/EtcdMembersDown.md:8:1: warning alerts/orphan-runbook runbooks/platform/EtcdMembersDown.md answers no alert: its file name names EtcdMembersDown, which no rule defines')), lines.join('\n'));
    assert.ok(lines.includes('rules/platform.yaml:22:11: error alerts/no-runbook NodeClockSkew has no runbook: no runbook names it in its front matter alerts, it has no runbook_url annotation, and no runbook file or title is named after it.'));
    assert.deepEqual(lines.slice(-3), [
      '12 alerts: 7 with a runbook (1 not current, 1 linked to a heading it lacks), 5 without (2 missing, 2 dead links, 1 not checkable); 3 runbooks answer no alert (1 likely rename).',
      '3 rule files, 8 runbooks (0 name no alert and no alert reaches them).',
      '',
    ]);
    // The README shows this summary as the command's output: it stays what the command prints.
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    assert.ok(readme.includes(`\`\`\`text\n${lines.slice(-3, -1).join('\n')}\n\`\`\``), 'the README\'s coverage example differs from this summary: paste it under "Output: `text`"');
  });

  it('json: one entry per rule, orphans with renamedTo, the summary, findings with their fixes', async () => {
    const r = await coverage([...BASE, '--format', 'json', 'runbooks']);
    const json = JSON.parse(r.out);
    assert.equal(json.alerts.length, 12);
    assert.deepEqual(json.alerts[1], {
      alert: 'CheckoutLatencyTooHigh', file: 'rules/checkout.yml', line: 12, severity: 'critical',
      runbookUrl: 'https://runbooks.example.com/runbooks/checkout/checkoutlatencytoohigh', runbooks: [], status: 'dead-link',
      matchedBy: null, paging: true, notCurrent: [], codes: ['alerts/dead-link'],
    });
    assert.deepEqual(json.alerts.filter((a: { alert: string }) => a.alert === 'CheckoutHighErrorRate').map((a: { line: number }) => a.line), [5, 30]);
    assert.deepEqual(json.orphans, [
      { runbook: 'runbooks/checkout/CheckoutLatencyHigh.md', alerts: ['CheckoutLatencyHigh'], renamedTo: 'CheckoutLatencyTooHigh' },
      { runbook: 'runbooks/legacy/OldQueueAlert.md', alerts: ['LegacyQueueStuck'], renamedTo: null },
      { runbook: 'runbooks/platform/EtcdMembersDown.md', alerts: ['EtcdMembersDown'], renamedTo: null },
    ]);
    assert.equal(json.summary.withRunbook, 7);
    const dead = json.findings.find((f: { code: string }) => f.code === 'alerts/dead-link');
    assert.deepEqual([dead.file, dead.line, dead.column, dead.endColumn], ['rules/checkout.yml', 19, 24, 93]);
    assert.equal(dead.fix.edits[0].newText, 'https://runbooks.example.com/runbooks/checkout/CheckoutLatencyHigh');
  });

  it('sarif: every finding a result under its code, with the alerts rule codes in the driver', async () => {
    const r = await coverage([...BASE, '--format', 'sarif', 'runbooks']);
    const run = JSON.parse(r.out).runs[0];
    assert.deepEqual(run.results.map((x: { ruleId: string }) => x.ruleId).filter((id: string) => id === 'alerts/orphan-runbook').length, 3);
    assert.ok(run.tool.driver.rules.some((x: { id: string }) => x.id === 'alerts/no-runbook'));
    const first = run.results[0];
    assert.deepEqual([first.ruleId, first.locations[0].physicalLocation.artifactLocation.uri, first.locations[0].physicalLocation.region.startLine], ['alerts/dead-link', 'rules/checkout.yml', 19]);
  });

  it('exit 0 when no finding is an error (severities lowered, paging severities set)', async () => {
    const r = await coverage([...BASE, '--paging-severity', 'page', '--severity', 'alerts/dead-anchor=off', 'runbooks']);
    assert.equal(r.code, 0, r.out);
    assert.ok(!r.out.includes('alerts/dead-anchor'));
  });

  it('a rule file that cannot be parsed: named with its line on stderr, the others still report, exit 2', async () => {
    const r = await coverage(['coverage', '--rules', 'broken', '--today', '2026-11-27', 'runbooks']);
    assert.equal(r.code, 2);
    assert.match(r.err, /^runbooks coverage: broken\/broken\.yml:7: Not valid YAML \(line 7\): /);
    assert.match(r.out, /^broken\/also-fine\.yml: 1 alert\n/);
    assert.match(r.out, /broken\/broken\.yml: 0 alerts, 1 problem reading it\n/);
    assert.match(r.out, /broken\/also-fine\.yml:4:9: error alerts\/no-runbook StillRead has no runbook/);
  });

  it('rule files of recording rules only, and files of no rule, are counted in a line each kind, not listed one by one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbooks-coverage-recording-'));
    cpSync(WORKSPACE, dir, { recursive: true });
    for (const name of ['a', 'b']) writeFileSync(join(dir, 'rules', `recording-${name}.yml`), `groups:\n  - name: ${name}\n    rules:\n      - record: job:${name}:rate5m\n        expr: sum(rate(x[5m]))\n`);
    // Another Kubernetes object in the rules folder (as openshift's admission webhook manifest): no rule of any kind.
    writeFileSync(join(dir, 'rules', 'webhook.yaml'), 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata:\n  name: rules\n');
    const io = fakeIO(dir);
    assert.equal(await main([...BASE, 'runbooks'], io), 1);
    assert.ok(!/recording-[ab]\.yml|webhook\.yaml/.test(io.out()), io.out());
    assert.match(io.out(), /\n2 rule files define no alert \(recording rules only\): not listed\.\n1 file matched as rule file holds no rule: not listed\.\n/);
    assert.match(io.out(), /^rules\/checkout\.yml: 8 alerts\n/);
  });

  it('usage errors exit 2 with a reason: no --rules, a glob matching nothing, a pattern without {path}, a bad format or severity', async () => {
    const cases: [string[], RegExp][] = [
      [['coverage', 'runbooks'], /no rule files: give --rules GLOB/],
      [['coverage', '--rules', 'nothing/*.yml'], /--rules nothing\/\*\.yml matches no file/],
      [['coverage', '--rules', 'rules/*', '--runbook-url', 'https://x.example/'], /must contain \{path\} once/],
      [['coverage', '--rules', 'rules/*', '--format', 'xml'], /unknown format "xml"/],
      [['coverage', '--rules', 'rules/*', '--severity', 'alerts/nope=off'], /--severity takes CODE=LEVEL/],
      [['coverage', '--rules', 'rules/*', 'no-such-folder'], /no-such-folder: no such file or directory/],
    ];
    for (const [args, reason] of cases) {
      const r = await coverage(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, reason);
      assert.match(r.err, /usage: runbooks coverage \[--rules GLOB\]/);
    }
  });

  it('takes its defaults from the project config, and reads runbooks as lint does (ignore, rules severities)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbooks-coverage-config-'));
    cpSync(WORKSPACE, dir, { recursive: true });
    writeFileSync(join(dir, '.runbooks.yaml'), [
      'alerts:', '  rules: ["rules/*"]', '  runbookUrl: ["https://runbooks.example.com/runbooks/{path}"]',
      'ignore: ["runbooks/legacy/**"]', 'rules:', '  alerts/no-runbook: warning', '  alerts/dead-link: warning', '',
    ].join('\n'));
    const io = fakeIO(dir);
    const code = await main(['coverage', '--today', '2026-11-27', '--format', 'json', 'runbooks'], io);
    assert.equal(code, 0, io.err());
    const json = JSON.parse(io.out());
    assert.equal(json.summary.alerts, 12);
    // The config ignores runbooks/legacy/ for linting; coverage still resolves against every Markdown page (the legacy
    // page is still named as an orphan), but counts among the runbooks only the 7 it lints.
    assert.equal(json.summary.runbooks, 7);
    assert.ok(json.orphans.some((o: { runbook: string }) => o.runbook.includes('legacy')));
    const severities = new Set(json.findings.filter((f: { code: string }) => f.code === 'alerts/no-runbook' || f.code === 'alerts/dead-link').map((f: { severity: string }) => f.severity));
    assert.deepEqual([...severities], ['warning']);
    // A flag wins over the config.
    const flagged = fakeIO(dir);
    assert.equal(await main(['coverage', '--today', '2026-11-27', '--severity', 'alerts/no-runbook=error', 'runbooks'], flagged), 1);
    // A config with a problem stops the command, named with its line.
    writeFileSync(join(dir, '.runbooks.yaml'), 'alerts:\n  rulez: ["rules/*"]\n');
    const broken = fakeIO(dir);
    assert.equal(await main(['coverage', 'runbooks'], broken), 2);
    assert.match(broken.err(), /\.runbooks\.yaml:2:\d+: error config/);
  });

  it('resolves against every Markdown page: a config that ignores the page an alert links to gives the same joins, and says it is not linted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbooks-coverage-ignored-'));
    cpSync(WORKSPACE, dir, { recursive: true });
    const run = async () => {
      const io = fakeIO(dir);
      await main([...BASE, '--format', 'json', 'runbooks'], io);
      return JSON.parse(io.out());
    };
    const joins = (json: { alerts: { alert: string; runbooks: string[]; matchedBy: string | null; status: string }[]; orphans: unknown[] }) => ({
      alerts: json.alerts.map((a) => [a.alert, a.runbooks, a.matchedBy, a.status === 'covered' ? 'not-current' : a.status]),
      orphans: json.orphans,
    });
    const without = await run();
    writeFileSync(join(dir, '.runbooks.yaml'), 'files: ["runbooks/**/*.md"]\nignore: ["runbooks/payments/**"]\n');
    const withConfig = await run();
    assert.deepEqual(joins(withConfig), joins(without));
    const down = withConfig.alerts.find((a: { alert: string }) => a.alert === 'PaymentsDown');
    assert.deepEqual([down.runbooks, down.status, down.notCurrent], [['runbooks/payments/PaymentsDown.md'], 'not-current', [{ runbook: 'runbooks/payments/PaymentsDown.md', reason: 'not linted: the config ignores it' }]]);
    // The ignored pages answer their alerts but are not counted among the runbooks (nor among those that name no alert).
    const ignored = readdirSync(join(dir, 'runbooks', 'payments')).filter((n) => n.endsWith('.md')).length;
    assert.ok(ignored > 0);
    assert.equal(withConfig.summary.runbooks, without.summary.runbooks - ignored);
    assert.ok(withConfig.summary.unreferenced <= without.summary.unreferenced);
  });

  it('is a registered subcommand of the built CLI, listed in its help', () => {
    const help = spawnSync(process.execPath, [join(ROOT, 'bin', 'runbooks.js'), '--help'], { encoding: 'utf8' });
    assert.match(help.stdout, /^ {2}coverage \[--rules GLOB\]\.\.\./m);
    const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'runbooks.js'), ...BASE, '--format', 'json', 'runbooks'], { cwd: WORKSPACE, encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    assert.equal(JSON.parse(run.stdout).summary.alerts, 12);
  });
});
