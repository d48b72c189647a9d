// Rename detection: a dead link and a runbook that answers no alert, or a missing alert and a runbook naming an
// undefined alert; the quick fix on each side, applied, makes the alert covered.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alerts } from '../../server/src/engine/index';
import { applyEdits } from '../helpers/text';
import { factsOf, FIXTURES, fixtureCoverage, fixtureRuleFiles, PATTERN, runbooksUnder } from './alerts-workspace';

const finding = (report: alerts.CoverageReport, file: string, code: string) => (report.findings.get(file) ?? []).find((f) => f.code === code);

describe('alerts: renamed alerts and runbooks', () => {
  it('a dead link beside a runbook that answers no alert: both findings say "Renamed?", with a fix each', async () => {
    const report = await fixtureCoverage();
    const dead = finding(report, 'rules/checkout.yml', 'alerts/dead-link');
    assert.equal(dead?.message, 'CheckoutLatencyTooHigh: runbook_url points to checkout/checkoutlatencytoohigh, which does not exist; checkout/CheckoutLatencyHigh.md names CheckoutLatencyHigh, which no rule defines. Renamed?');
    assert.equal(dead?.fix?.edits[0].newText, 'https://runbooks.example.com/runbooks/checkout/CheckoutLatencyHigh');
    const orphan = finding(report, 'runbooks/checkout/CheckoutLatencyHigh.md', 'alerts/orphan-runbook');
    assert.equal(orphan?.message, 'runbooks/checkout/CheckoutLatencyHigh.md answers no alert: no rule defines CheckoutLatencyHigh. CheckoutLatencyTooHigh (rules/checkout.yml:12) has a runbook_url pointing to checkout/checkoutlatencytoohigh, which does not exist. Renamed?');
    assert.deepEqual(orphan?.fix?.edits, [{ range: { start: { line: 4, character: 9 }, end: { line: 4, character: 28 } }, newText: 'CheckoutLatencyTooHigh' }]);
    assert.deepEqual(report.orphans.map((o) => [o.runbook.path, o.alerts, o.renamedTo?.alert.name]), [
      ['runbooks/checkout/CheckoutLatencyHigh.md', ['CheckoutLatencyHigh'], 'CheckoutLatencyTooHigh'],
      ['runbooks/legacy/OldQueueAlert.md', ['LegacyQueueStuck'], undefined],
      // No front matter, but its file name names an alert no rule defines: an orphan too.
      ['runbooks/platform/EtcdMembersDown.md', ['EtcdMembersDown'], undefined],
    ]);
  });

  it('either fix, applied, makes the alert covered and the orphan go away', async () => {
    const report = await fixtureCoverage();
    const rulesText = readFileSync(join(FIXTURES, 'rules/checkout.yml'), 'utf8');
    const runbookPath = 'runbooks/checkout/CheckoutLatencyHigh.md';
    const runbookText = readFileSync(join(FIXTURES, runbookPath), 'utf8');
    const others = (await runbooksUnder(FIXTURES, 'runbooks')).filter((r) => r.path !== runbookPath);
    const [, ...otherRules] = fixtureRuleFiles();
    const status = (r: alerts.CoverageReport) => [r.alerts.find((c) => c.alert.name === 'CheckoutLatencyTooHigh')?.status, r.orphans.filter((o) => o.runbook.path === runbookPath).length];

    const alertFixed = alerts.readRulesFile('rules/checkout.yml', applyEdits(rulesText, finding(report, 'rules/checkout.yml', 'alerts/dead-link')?.fix?.edits ?? []));
    const afterAlertFix = alerts.checkCoverage({ ruleFiles: [alertFixed, ...otherRules], runbooks: [...others, await factsOf(runbookPath, runbookText)], roots: ['runbooks'] }, { runbookUrlPatterns: [PATTERN] });
    assert.deepEqual(status(afterAlertFix), ['covered', 0]);

    const runbookFixed = applyEdits(runbookText, finding(report, runbookPath, 'alerts/orphan-runbook')?.fix?.edits ?? []);
    assert.match(runbookFixed, /^alerts: \[CheckoutLatencyTooHigh\]$/m);
    const afterRunbookFix = alerts.checkCoverage({ ruleFiles: fixtureRuleFiles(), runbooks: [...others, await factsOf(runbookPath, runbookFixed)], roots: ['runbooks'] }, { runbookUrlPatterns: [PATTERN] });
    // Covered through the front matter; the link itself is still dead, and says so.
    assert.deepEqual(status(afterRunbookFix), ['covered', 0]);
    assert.ok(finding(afterRunbookFix, 'rules/checkout.yml', 'alerts/dead-link'));
  });

  it('a missing alert and a runbook that names a similar undefined alert: the alert side gets an annotation fix', async () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - alert: QueueStuckTooLong\n        expr: q > 1\n        labels:\n          severity: page\n';
    const rules = alerts.readRulesFile('r.yml', text);
    const runbook = await factsOf('ops/queue.md', '---\nalerts:\n  - QueueStuckLong\n---\n# Queue\n');
    const report = alerts.checkCoverage({ ruleFiles: [rules], runbooks: [runbook], roots: ['ops'] }, { pagingSeverities: ['page'] });
    const missing = finding(report, 'r.yml', 'alerts/no-runbook');
    assert.equal(missing?.severity, 'error');
    assert.match(missing?.message ?? '', / ops\/queue\.md names QueueStuckLong, which no rule defines\. Renamed\?$/);
    const fixed = applyEdits(text, missing?.fix?.edits ?? []);
    assert.equal(fixed.split('\n').slice(3, 6).join('\n'), '      - annotations:\n          runbook_url: queue.md\n        alert: QueueStuckTooLong');
    const again = alerts.checkCoverage({ ruleFiles: [alerts.readRulesFile('r.yml', fixed)], runbooks: [runbook], roots: ['ops'] });
    assert.equal(again.alerts[0].status, 'not-current');
    assert.equal(again.alerts[0].matchedBy, 'annotation');
  });

  it('a runbook without front matter beside a dead link gets front matter naming the alert', async () => {
    const rules = alerts.readRulesFile('r.yml', 'groups:\n  - name: g\n    rules:\n      - alert: DiskAlmostFull\n        annotations:\n          runbook_url: "disk/disk-almost-full.md"\n');
    const text = '# Disk space\n\nText.\n';
    const runbook = await factsOf('disk/disk-almost-full-soon.md', text);
    const report = alerts.checkCoverage({ ruleFiles: [rules], runbooks: [runbook] });
    assert.equal(finding(report, 'r.yml', 'alerts/dead-link')?.fix?.edits[0].newText, '"disk/disk-almost-full-soon.md"');
    const orphan = finding(report, 'disk/disk-almost-full-soon.md', 'alerts/orphan-runbook');
    assert.equal(orphan?.message, 'disk/disk-almost-full-soon.md answers no alert: it names no alert in its front matter and no alert links to it. DiskAlmostFull (r.yml:4) has a runbook_url pointing to disk/disk-almost-full.md, which does not exist. Renamed?');
    assert.equal(applyEdits(text, orphan?.fix?.edits ?? []), '---\nalerts:\n  - DiskAlmostFull\n---\n# Disk space\n\nText.\n');
  });

  it('no rename across folders, for dissimilar names, or for a runbook that names no alert beside a missing one', async () => {
    const rules = alerts.readRulesFile('r.yml', [
      'groups:', '  - name: g', '    rules:',
      '      - alert: CheckoutLatencyTooHigh', '        annotations:', '          runbook_url: checkout/checkoutlatencytoohigh.md',
      '      - alert: EtcdNoLeader', '        annotations:', '          runbook_url: platform/etcd-no-leader.md',
      '      - alert: NodeNetworkInterfaceFlapping', '',
    ].join('\n'));
    const runbooks = [
      await factsOf('other/CheckoutLatencyHigh.md', '# Checkout latency\n'),
      await factsOf('platform/EtcdMembersDown.md', '# Etcd members down\n'),
      await factsOf('network/NodeNetworkInterfaceDown.md', '# Node network interface down\n'),
    ];
    const report = alerts.checkCoverage({ ruleFiles: [rules], runbooks });
    assert.equal(report.summary.renames, 0);
    // Orphans by their file names (alert names no rule defines), none of them taken for a rename.
    assert.deepEqual(report.orphans.map((o) => [o.runbook.path, o.alerts, o.renamedTo]), [
      ['other/CheckoutLatencyHigh.md', ['CheckoutLatencyHigh'], undefined],
      ['platform/EtcdMembersDown.md', ['EtcdMembersDown'], undefined],
      ['network/NodeNetworkInterfaceDown.md', ['NodeNetworkInterfaceDown'], undefined],
    ]);
    assert.ok([...report.findings.values()].flat().every((f) => !f.message.includes('Renamed?')));
  });

  it('a rename that keeps the alert\'s words is found (KubeJobCompletion -> KubeJobNotCompleted); siblings are not', async () => {
    const rules = alerts.readRulesFile('r.yml', [
      'groups:', '  - name: g', '    rules:',
      '      - alert: KubeJobNotCompleted', '        annotations:', '          runbook_url: runbooks/KubeJobNotCompleted.md',
      '      - alert: KubePodNotReady', '        annotations:', '          runbook_url: runbooks/KubePodNotReady.md',
      '',
    ].join('\n'));
    const runbooks = [
      await factsOf('runbooks/KubeJobCompletion.md', '# KubeJobCompletion\n'),
      await factsOf('runbooks/KubePodCrashLooping.md', '# KubePodCrashLooping\n'),
    ];
    const report = alerts.checkCoverage({ ruleFiles: [rules], runbooks });
    assert.deepEqual(report.orphans.map((o) => [o.runbook.path, o.alerts, o.renamedTo?.alert.name]), [
      ['runbooks/KubeJobCompletion.md', ['KubeJobCompletion'], 'KubeJobNotCompleted'],
      ['runbooks/KubePodCrashLooping.md', ['KubePodCrashLooping'], undefined],
    ]);
    assert.match(finding(report, 'runbooks/KubeJobCompletion.md', 'alerts/orphan-runbook')?.message ?? '', /KubeJobNotCompleted \(r\.yml:4\) has a runbook_url pointing to runbooks\/KubeJobNotCompleted\.md, which does not exist\. Renamed\?$/);
  });

  it('word similarity: shared word stems over the longer name\'s words', () => {
    assert.equal(alerts.wordSimilarity('KubeJobCompletion', 'KubeJobNotCompleted'), 0.75);
    assert.ok(alerts.wordSimilarity('KubeJobFailed', 'KubeJobCompletion') < alerts.RENAME_SIMILARITY);
    assert.ok(alerts.wordSimilarity('KubePodCrashLooping', 'KubePodNotReady') < alerts.RENAME_SIMILARITY);
    assert.ok(alerts.wordSimilarity('KubeDeploymentReplicasMismatch', 'KubeStatefulSetReplicasMismatch') < alerts.RENAME_SIMILARITY);
  });

  it('similarity: 1 - edit distance / longer name, letters and digits only, no case', () => {
    assert.ok(alerts.nameSimilarity('CheckoutLatencyTooHigh', 'checkout-latency-high') >= alerts.RENAME_SIMILARITY);
    assert.ok(alerts.nameSimilarity('KubeAPIDown', 'KubeAPIErrorsHigh') < alerts.RENAME_SIMILARITY);
    assert.equal(alerts.nameSimilarity('A_b', 'ab'), 1);
  });
});
