// "Create runbook for this alert": the rule's facts in the schema's sections, in schema order, TODOs where a person writes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alerts, bundledRunbookSchema, lintRunbook } from '../../server/src/engine/index';
import { factsOf, FIXTURES, PATTERN, TODAY } from './alerts-workspace';

const rules = alerts.readRulesFile('rules/checkout.yml', readFileSync(join(FIXTURES, 'rules/checkout.yml'), 'utf8'));
const latency = rules.alerts[1];
const schema = bundledRunbookSchema();

describe('alerts: a new runbook from an alert rule', () => {
  it('front matter naming the alert, the H1, every schema section in order; the rule facts in the first one', () => {
    const { path, text } = alerts.runbookFromAlert(latency, schema.sections, { patterns: alerts.compileUrlPatterns([PATTERN]), root: 'runbooks' });
    // The path the dead link implies, under the root its {path} is relative to.
    assert.equal(path, 'runbooks/checkout/checkoutlatencytoohigh.md');
    assert.match(text, /^---\ntitle: "Checkout p99 latency is above 2s\."\nservice: "TODO: the service this alert is about"\nowner: "TODO: the team that owns this runbook"\nalerts:\n {2}- CheckoutLatencyTooHigh\n---\n\n# CheckoutLatencyTooHigh\n\n## Meaning\n\nCheckout p99 latency is above 2s\.\n\nCheckoutLatencyTooHigh fires when this expression has held for 10m \(severity critical\):\n\n```promql\nhistogram_quantile/);
    const headings = text.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
    assert.deepEqual(headings, schema.sections.map((s) => s.title));
    assert.equal(text.split('\n').filter((l) => l.startsWith('TODO: write what is true for CheckoutLatencyTooHigh')).length, schema.sections.length - 1);
  });

  it('the new runbook answers the alert, and the runbook checks still see it as unfinished', async () => {
    const { path, text } = alerts.runbookFromAlert(latency, schema.sections, { patterns: alerts.compileUrlPatterns([PATTERN]), root: 'runbooks' });
    const report = alerts.checkCoverage({ ruleFiles: [rules], runbooks: [await factsOf(path, text)], roots: ['runbooks'] }, { runbookUrlPatterns: [PATTERN] });
    const coverage = report.alerts.find((c) => c.alert.name === 'CheckoutLatencyTooHigh');
    assert.equal(coverage?.matchedBy, 'front-matter');
    assert.deepEqual(coverage?.runbooks.map((r) => r.path), [path]);
    assert.equal(coverage?.link?.state, 'ok', 'the dead link now leads to the new file');
    assert.equal(coverage?.status, 'not-current');
    const lint = await lintRunbook(text, { today: TODAY });
    assert.ok(lint.findings.some((f) => f.code === 'stale/never-reviewed'));
  });

  it('without a link: named after the alert in the root; labels fill service and owner', () => {
    const rule = alerts.readRulesFile('r.yml', 'groups:\n  - name: g\n    rules:\n      - alert: QueueStuck\n        labels:\n          team: payments\n          severity: page\n').alerts[0];
    const { path, text } = alerts.runbookFromAlert(rule, schema.sections, { root: 'ops/runbooks', eol: '\r\n' });
    assert.equal(path, 'ops/runbooks/QueueStuck.md');
    assert.ok(text.startsWith('---\r\ntitle: QueueStuck\r\nservice: payments\r\nowner: payments\r\nalerts:\r\n  - QueueStuck\r\n---\r\n'));
    assert.ok(text.includes('TODO: say what QueueStuck means and what users see when it fires.'));
    assert.ok(!text.replace(/\r\n/g, '').includes('\n'));
  });

  it('follows the collection: the folder and the naming of the runbooks of the same rule group', () => {
    assert.equal(alerts.conventionalPath('NodeCPUHighUsage', [
      { alert: 'NodeFilesystemAlmostFull', path: 'runbooks/runbooks/node/NodeFilesystemAlmostFull.md' },
      { alert: 'NodeDiskIOSaturation', path: 'runbooks/runbooks/node/NodeDiskIOSaturation.md' },
    ]), 'runbooks/runbooks/node/NodeCPUHighUsage.md');
    assert.equal(alerts.conventionalPath('KubePodNotReady', [{ alert: 'KubePodCrashLooping', path: 'docs/kube/kube-pod-crash-looping.md' }]), 'docs/kube/kube-pod-not-ready.md');
    assert.equal(alerts.conventionalPath('KubePodNotReady', [{ alert: 'KubePodCrashLooping', path: 'docs/kube/crashes.md' }]), undefined, 'no naming style to follow');
    assert.equal(alerts.conventionalPath('X', []), undefined);
    const rule = alerts.readRulesFile('r.yml', 'groups:\n  - name: g\n    rules:\n      - alert: NodeCPUHighUsage\n        annotations:\n          runbook_url: "https://x.example/runbooks/node/nodecpuhighusage"\n').alerts[0];
    const { path } = alerts.runbookFromAlert(rule, schema.sections, { root: 'runbooks', patterns: alerts.compileUrlPatterns(['https://x.example/runbooks/{path}']), path: 'runbooks/runbooks/node/NodeCPUHighUsage.md' });
    assert.equal(path, 'runbooks/runbooks/node/NodeCPUHighUsage.md');
  });
});
