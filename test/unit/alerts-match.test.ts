// Matching alerts to runbooks: the order (front matter, annotation, name), statuses, findings with exact ranges.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alerts } from '../../server/src/engine/index';
import { at, textAt } from '../helpers/text';
import { factsOf, FIXTURES, fixtureCoverage, PATTERN } from './alerts-workspace';

const rows = (report: alerts.CoverageReport) => report.alerts.map((c) => [c.alert.name, c.status, c.matchedBy ?? '-', c.runbooks.map((r) => r.path).join(',') || '-']);
const codesIn = (report: alerts.CoverageReport, file: string) => (report.findings.get(file) ?? []).map((f) => `${f.range.start.line + 1} ${f.severity} ${f.code}`);

describe('alerts: matching alerts to runbooks', () => {
  it('every fixture alert gets the status its rule and runbooks call for', async () => {
    const report = await fixtureCoverage();
    assert.deepEqual(rows(report), [
      ['CheckoutHighErrorRate', 'covered', 'front-matter', 'runbooks/checkout/CheckoutHighErrorRate.md'],
      ['CheckoutLatencyTooHigh', 'dead-link', '-', '-'],
      ['CheckoutCanaryFailing', 'not-checkable', '-', '-'],
      ['CheckoutHighErrorRate', 'covered', 'front-matter', 'runbooks/checkout/CheckoutHighErrorRate.md'],
      // A Hugo-style lowercased URL without .md finds PaymentsDown.md; its #diagnostics is a heading there.
      ['PaymentsDown', 'covered', 'annotation', 'runbooks/payments/PaymentsDown.md'],
      // No annotation: found by its file name (payments-queue-backlog.md); reviewed 2025-01-01, so not current.
      ['PaymentsQueueBacklog', 'not-current', 'name', 'runbooks/payments/payments-queue-backlog.md'],
      ['PaymentsRefundsSlow', 'covered', 'annotation', 'runbooks/payments/PaymentsDown.md'],
      ['PaymentsFraudSpike', 'missing', '-', '-'],
      ['EtcdNoLeader', 'dead-link', '-', '-'],
      // A repo-relative path to a README, with a heading anchor.
      ['NodeDiskFull', 'covered', 'annotation', 'runbooks/platform/README.md'],
      ['NodeClockSkew', 'missing', '-', '-'],
      // A GitHub URL no pattern names: its path ends with the runbook's.
      ['KubeletDown', 'covered', 'annotation', 'runbooks/platform/kubelet-down.md'],
    ]);
    assert.equal(report.alerts.find((c) => c.alert.name === 'PaymentsQueueBacklog')?.runbooks[0].notCurrent, 'review overdue');
  });

  it('findings: paging severity decides error or warning; exact ranges on the annotation value or the alert: pair', async () => {
    const report = await fixtureCoverage();
    assert.deepEqual(codesIn(report, 'rules/checkout.yml'), [
      '19 error alerts/dead-link', '27 info alerts/not-checkable', '52 warning alerts/dead-anchor', '53 warning alerts/no-runbook',
    ]);
    assert.deepEqual(codesIn(report, 'rules/platform.yaml'), ['22 error alerts/no-runbook']);
    assert.deepEqual(codesIn(report, 'rules/mixin.json'), ['9 error alerts/dead-link']);
    const text = readFileSync(join(FIXTURES, 'rules/checkout.yml'), 'utf8');
    const [dead, , anchor, missing] = report.findings.get('rules/checkout.yml') ?? [];
    assert.equal(textAt(text, dead.range), 'https://runbooks.example.com/runbooks/checkout/checkoutlatencytoohigh');
    assert.equal(textAt(text, missing.range), 'alert: PaymentsFraudSpike');
    assert.equal(anchor.message, 'PaymentsRefundsSlow: runbook_url points to #common-cause, which is no heading of runbooks/payments/PaymentsDown.md; did you mean #common-causes?');
    assert.equal(textAt(text, anchor.fix?.edits[0].range ?? dead.range), 'https://runbooks.example.com/runbooks/payments/PaymentsDown#common-cause');
    assert.equal(anchor.fix?.edits[0].newText, 'https://runbooks.example.com/runbooks/payments/PaymentsDown#common-causes');
  });

  it('without the URL pattern the runbooks.example.com links cannot be checked (not dead): they match nothing known', async () => {
    const report = await fixtureCoverage({});
    const status = (name: string) => report.alerts.find((c) => c.alert.name === name)?.status;
    assert.equal(status('CheckoutLatencyTooHigh'), 'not-checkable');
    assert.equal(status('EtcdNoLeader'), 'not-checkable');
    // The Hugo URL still ends with payments/paymentsdown, a runbook's path under the root: found.
    assert.equal(status('PaymentsDown'), 'covered');
  });

  it('configured: paging severities, the annotation name, severities per code or for the whole rule, required annotations', async () => {
    const paging = await fixtureCoverage({ runbookUrlPatterns: [PATTERN], pagingSeverities: ['warning'] });
    assert.deepEqual(codesIn(paging, 'rules/checkout.yml'), ['19 warning alerts/dead-link', '27 info alerts/not-checkable', '52 warning alerts/dead-anchor', '53 error alerts/no-runbook']);
    const quiet = await fixtureCoverage({ runbookUrlPatterns: [PATTERN], severities: { alerts: 'info', 'alerts/dead-link': 'off' } });
    assert.deepEqual(codesIn(quiet, 'rules/checkout.yml'), ['27 info alerts/not-checkable', '52 info alerts/dead-anchor', '53 info alerts/no-runbook']);
    const other = await fixtureCoverage({ runbookUrlPatterns: [PATTERN], annotation: 'summary' });
    assert.equal(other.alerts.find((c) => c.alert.name === 'PaymentsDown')?.link, undefined);
    const required = await fixtureCoverage({ runbookUrlPatterns: [PATTERN], requireAnnotation: true });
    const noAnnotation = (required.findings.get('rules/checkout.yml') ?? []).filter((f) => f.code === 'alerts/no-annotation');
    assert.deepEqual(noAnnotation.map((f) => [f.range.start.line + 1, f.severity]), [[5, 'error'], [30, 'warning'], [43, 'warning'], [53, 'warning']]);
    // The covered ones get a fix that links the runbook they have, through the pattern.
    assert.deepEqual(noAnnotation[0].fix?.edits, [{ range: { start: { line: 10, character: 10 }, end: { line: 10, character: 10 } }, newText: 'runbook_url: https://runbooks.example.com/runbooks/checkout/CheckoutHighErrorRate\n          ' }]);
  });

  it('the front matter wins first; a dead link is still reported when another way finds the runbook', async () => {
    const rules = alerts.readRulesFile('r.yml', 'groups:\n  - name: g\n    rules:\n      - alert: A\n        labels: { severity: critical }\n        annotations:\n          runbook_url: gone.md\n');
    const runbook = await factsOf('a.md', '---\nalerts: [A]\n---\n# Something else\n');
    const report = alerts.checkCoverage({ ruleFiles: [rules], runbooks: [runbook] });
    assert.deepEqual(rows(report), [['A', 'not-current', 'front-matter', 'a.md']]);
    assert.deepEqual((report.findings.get('r.yml') ?? []).map((f) => [at(f.range), f.message]), [
      ['6:23-6:30', 'A: runbook_url points to gone.md, which does not exist (a.md answers it by its front matter).'],
    ]);
  });

  it('per runbook: the alerts it answers; per name: its definitions (a name in two groups has two)', async () => {
    const report = await fixtureCoverage();
    assert.deepEqual(report.answers.get('runbooks/payments/PaymentsDown.md')?.map((a) => a.name), ['PaymentsDown', 'PaymentsRefundsSlow']);
    assert.deepEqual(report.definitions.get('CheckoutHighErrorRate')?.map((a) => a.group), ['checkout', 'checkout-slo']);
  });

  it('the summary counts what the rows say', async () => {
    const report = await fixtureCoverage();
    assert.deepEqual(report.summary, {
      ruleFiles: 3, invalidRuleFiles: 0, alerts: 12, withRunbook: 7, notCurrent: 1, deadAnchor: 1, without: 5, missing: 2, deadLink: 2,
      notCheckable: 1, runbooks: 8, orphans: 3, unreferenced: 0, renames: 1,
    });
  });
});
