// Reading alert rule files: rule groups, PrometheusRule objects (several documents), mixin JSON, broken YAML; exact ranges.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alerts } from '../../server/src/engine/index';
import { at, textAt } from '../helpers/text';

const FIXTURES = join(__dirname, '..', 'fixtures', 'alerts');
const read = (rel: string) => {
  const text = readFileSync(join(FIXTURES, rel), 'utf8');
  return { text, file: alerts.readRulesFile(rel, text) };
};

describe('alerts: reading rule files', () => {
  it('rule groups: every alert with its `alert:` range, annotations and labels; recording rules counted, not kept', () => {
    const { text, file } = read('rules/checkout.yml');
    assert.deepEqual(file.findings, []);
    assert.deepEqual(file.alerts.map((a) => `${a.group}/${a.name}`), [
      'checkout/CheckoutHighErrorRate', 'checkout/CheckoutLatencyTooHigh', 'checkout/CheckoutCanaryFailing',
      'checkout-slo/CheckoutHighErrorRate', 'payments/PaymentsDown', 'payments/PaymentsQueueBacklog',
      'payments/PaymentsRefundsSlow', 'payments/PaymentsFraudSpike',
    ]);
    assert.equal(file.recordingRules, 1);
    const latency = file.alerts[1];
    assert.equal(at(latency.range), '11:8-11:37');
    assert.equal(textAt(text, latency.range), 'alert: CheckoutLatencyTooHigh');
    assert.equal(textAt(text, latency.nameRange), 'CheckoutLatencyTooHigh');
    assert.equal(latency.severity, 'critical');
    assert.equal(latency.for, '10m');
    const url = latency.annotations.runbook_url;
    assert.equal(textAt(text, url.range), 'https://runbooks.example.com/runbooks/checkout/checkoutlatencytoohigh');
    assert.equal(url.style, 'plain');
    // Quoted values: the range covers the quotes, the value does not hold them.
    const canary = file.alerts[2].annotations.runbook_url;
    assert.equal(canary.style, 'single');
    assert.equal(textAt(text, canary.range), "'https://runbooks.example.com/runbooks/checkout/{{ $labels.canary }}'");
    assert.equal(file.alerts[4].annotations.runbook_url.style, 'double');
  });

  it('a name defined in two groups is two alerts, each at its own line', () => {
    const { file } = read('rules/checkout.yml');
    const twice = file.alerts.filter((a) => a.name === 'CheckoutHighErrorRate');
    assert.deepEqual(twice.map((a) => [a.group, a.range.start.line, a.severity]), [['checkout', 4, 'critical'], ['checkout-slo', 29, 'warning']]);
  });

  it('PrometheusRule objects: several documents per file, spec.groups read, other kinds ignored', () => {
    const { text, file } = read('rules/platform.yaml');
    assert.deepEqual(file.findings, []);
    assert.deepEqual(file.alerts.map((a) => [a.name, a.range.start.line]), [['NodeDiskFull', 15], ['NodeClockSkew', 21], ['KubeletDown', 34]]);
    assert.equal(textAt(text, file.alerts[2].annotations.runbook_url.range), 'https://github.com/acme/ops/blob/main/runbooks/platform/kubelet-down.md');
  });

  it('mixin JSON (tabs, flow style): alerts and annotation ranges; no insertion point in flow style', () => {
    const { text, file } = read('rules/mixin.json');
    assert.deepEqual(file.findings, []);
    const [etcd] = file.alerts;
    assert.equal(etcd.name, 'EtcdNoLeader');
    assert.equal(textAt(text, etcd.range), '"alert": "EtcdNoLeader"');
    assert.equal(textAt(text, etcd.annotations.runbook_url.range), '"https://runbooks.example.com/runbooks/platform/etcd-no-leader"');
    assert.equal(etcd.insertion, undefined);
    assert.equal(etcd.expr, 'etcd_server_has_leader == 0');
  });

  it('broken YAML: one invalid-rules-file finding where the parser stopped, the alerts of that document are not guessed', () => {
    const { file } = read('broken/broken.yml');
    assert.equal(file.alerts.length, 0);
    assert.equal(file.findings.length, 1);
    const [f] = file.findings;
    assert.equal(f.code, 'alerts/invalid-rules-file');
    assert.equal(f.severity, 'error');
    // `alert: [unclosed` on line 6: the flow sequence is found unterminated on the next line.
    assert.equal(at(f.range), '6:8-6:9');
    assert.match(f.message, /^Not valid YAML \(line 7\): Flow sequence .* end with a \]; the alerts of this document are not read\.$/);
  });

  it('one broken document does not hide the others of the file', () => {
    const text = 'groups:\n  - name: a\n    rules:\n      - alert: [x\n---\ngroups:\n  - name: b\n    rules:\n      - alert: Good\n        expr: up == 0\n';
    const file = alerts.readRulesFile('two.yml', text);
    assert.deepEqual(file.alerts.map((a) => [a.name, a.range.start.line]), [['Good', 8]]);
    assert.equal(file.findings.length, 1);
    assert.equal(file.findings[0].range.start.line, 4);
  });

  it('shapes Prometheus rejects are named: groups not a list, a rule with neither alert nor record, an empty name', () => {
    const notList = alerts.readRulesFile('a.yml', 'groups: {name: x}\n');
    assert.deepEqual(notList.findings.map((f) => [f.range.start.line, f.message]), [[0, '"groups" must be a list of rule groups ({ name, rules }).']]);
    const neither = alerts.readRulesFile('b.yml', 'groups:\n  - name: g\n    rules:\n      - expr: up\n');
    assert.deepEqual(neither.findings.map((f) => [at(f.range), f.message]), [['3:8-4:0', 'A rule of group "g" has neither "alert" nor "record".']]);
    const empty = alerts.readRulesFile('c.yml', 'groups:\n  - name: g\n    rules:\n      - alert: ""\n');
    assert.equal(empty.findings[0].message, 'The alert name in group "g" must be a non-empty string.');
  });

  it('a file with no rule groups (another Kubernetes object, a scalar, nothing) has no alerts and no findings', () => {
    for (const text of ['kind: Deployment\nspec:\n  replicas: 2\n', 'just text\n', '', 'groups:\n']) {
      const file = alerts.readRulesFile('x.yml', text);
      assert.deepEqual([file.alerts.length, file.findings.length], [0, 0], JSON.stringify(text));
    }
  });

  it('multi-line quoted values that YAML 1.2 rejects and Prometheus (Go yaml) loads are read, with exact alert lines', () => {
    // The shape of gitlab-com/runbooks rules/postgresqls.yml: a quoted continuation line indented no deeper than its key.
    const text = [
      'groups:',
      '- name: pg',
      '  rules:',
      '  - alert: SplitBrain',
      '    annotations:',
      "      description: 'Databases in read-write",
      "      (primary) mode: {{ $value }}'",
      '      runbook: "docs/patroni/patroni-management.md"',
      '    labels:',
      '      severity: s1',
      '  - alert: ServiceDown',
      '    annotations:',
      '      runbook: docs/patroni/postgres.md',
      '',
    ].join('\n');
    const file = alerts.readRulesFile('pg.yml', text);
    assert.deepEqual(file.findings, []);
    assert.deepEqual(file.alerts.map((a) => [a.name, at(a.nameRange), a.severity]), [['SplitBrain', '3:11-3:21', 's1'], ['ServiceDown', '10:11-10:22', undefined]]);
    assert.equal(textAt(text, file.alerts[0].annotations.runbook.range), '"docs/patroni/patroni-management.md"');
    assert.equal(textAt(text, file.alerts[1].annotations.runbook.range), 'docs/patroni/postgres.md');
  });

  it('insertion point for a new annotation: before the first one, or a new mapping before `alert:`', () => {
    const { file } = read('rules/checkout.yml');
    assert.deepEqual(file.alerts[1].insertion, { at: { line: 17, character: 10 }, indent: 10, newMapping: false });
    assert.deepEqual(file.alerts[3].insertion, { at: { line: 29, character: 8 }, indent: 8, newMapping: true });
  });
});
