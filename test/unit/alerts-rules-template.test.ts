// Sources of alert rules: templates (a Helm chart's `{{- if .Values... }}`, `alert: {{ $alert }}`) and a mixin's jsonnet.
// No YAML reader makes rules of them, so the finding says what the file is and what to do, instead of "not valid YAML".
import assert from 'node:assert/strict';
import { alerts } from '../../server/src/engine/index';

/** One rule per file, as a chart includes them with `tpl` (the shape of cloudnative-pg/charts' prometheus_rules/). */
const RULE_TEMPLATE = [
  '{{- $alert := "DbNoStandby" -}}',
  '{{- if not (has $alert .excludeRules) -}}',
  'alert: {{ $alert }}',
  'annotations:',
  '  summary: The database has no standby.',
  '  runbook_url: https://example.com/runbooks/DbNoStandby.md',
  'expr: |',
  '  max by (job) (db_standbys{namespace="{{ .namespace }}"}) < 1',
  'labels:',
  '  severity: critical',
  '{{- end -}}',
  '',
].join('\n');

/** A PrometheusRule manifest with Helm conditionals and a templated link (the shape of kube-prometheus-stack's). */
const MANIFEST_TEMPLATE = [
  'apiVersion: monitoring.coreos.com/v1',
  'kind: PrometheusRule',
  'metadata:',
  '  name: alertmanager',
  'spec:',
  '  groups:',
  '  - name: alertmanager.rules',
  '    rules:',
  '{{- if not (.Values.defaultRules.disabled.AlertmanagerFailedReload | default false) }}',
  '    - alert: AlertmanagerFailedReload',
  '      annotations:',
  '        runbook_url: {{ .Values.defaultRules.runbookUrl }}/alertmanager/alertmanagerfailedreload',
  '      expr: max_over_time(alertmanager_config_last_reload_successful[5m]) == 0',
  '{{- end }}',
  '',
].join('\n');

describe('alerts: templates of rule files', () => {
  it('a rule template: one finding on the action YAML stopped at, naming it and saying to render the template', () => {
    const file = alerts.readRulesFile('prometheus_rules/no-standby.yaml', RULE_TEMPLATE);
    assert.equal(file.alerts.length, 0);
    assert.equal(file.unrendered, 'template');
    assert.equal(file.findings.length, 1);
    const [f] = file.findings;
    assert.equal(f.code, 'alerts/invalid-rules-file');
    assert.equal(f.range.start.line, 0);
    assert.equal(f.message, 'prometheus_rules/no-standby.yaml is a template of rules, not the rules Prometheus loads: line 1 is the template action '
      + '`{{- $alert := "DbNoStandby" -}}`, which YAML cannot read. Render it (for a Helm chart, `helm template`) and name the rendered file under alerts.rules.');
  });

  it('a manifest template: the conditional line is named (long actions shortened)', () => {
    const file = alerts.readRulesFile('templates/alertmanager.rules.yaml', MANIFEST_TEMPLATE);
    assert.equal(file.alerts.length, 0);
    assert.equal(file.unrendered, 'template');
    assert.equal(file.findings[0].range.start.line, 8);
    assert.match(file.findings[0].message, /line 9 is the template action `\{\{- if not \(\.Values\.defaultRules\.disabled\.Alertmanager.{0,20}\.\.\.`/);
  });

  it('Prometheus\' own templates inside strings are no chart template: a broken quoted description keeps the YAML message', () => {
    // YAML stops on line 6, whose only action is inside the quotes.
    const text = 'groups:\n  - name: a\n    rules:\n      - alert: PodDown\n        annotations:\n          description: "Pod {{ $labels.pod }}" is down\n        expr: up == 0\n';
    const file = alerts.readRulesFile('rules.yml', text);
    assert.equal(file.unrendered, undefined);
    assert.match(file.findings[0].message, /^Not valid YAML \(line 6\): /);
  });

  it('a mixin\'s jsonnet: named as jsonnet, with how to render it; a .libsonnet that is plain YAML still reads', () => {
    const source = ["{", "  prometheusAlerts+:: {", "    groups+: [{", "      name: 'compact',", "      rules: [{",
      "        alert: 'CompactHalted',", "        expr: 'compact_halted{%(selector)s} == 1' % $._config,", "      }],", "    }],", "  },", "}", ''].join('\n');
    const file = alerts.readRulesFile('mixin/alerts.libsonnet', source);
    assert.equal(file.unrendered, 'jsonnet');
    assert.deepEqual(file.findings.map((f) => [f.range.start.line, f.message]), [[0, 'mixin/alerts.libsonnet is jsonnet (a mixin\'s source), not the rules Prometheus loads. '
      + 'Render it (`mixtool generate alerts`, or `jsonnet` on the mixin\'s `prometheusAlerts`) and name the rendered YAML or JSON file under alerts.rules.']]);
    const plain = alerts.readRulesFile('rules.libsonnet', 'groups:\n  - name: a\n    rules:\n      - alert: Up\n        expr: up == 0\n');
    assert.deepEqual([plain.unrendered, plain.alerts.map((a) => a.name)], [undefined, ['Up']]);
  });

  it('a valid rule file with templated annotations (block and quoted) reads as rules', () => {
    const text = 'groups:\n  - name: a\n    rules:\n      - alert: PodDown\n        annotations:\n          summary: "{{ $labels.pod }} is down"\n'
      + '          description: |\n            {{ $labels.pod }} in {{ $labels.namespace }} is down.\n        expr: up == 0\n';
    const file = alerts.readRulesFile('rules.yml', text);
    assert.deepEqual(file.alerts.map((a) => a.name), ['PodDown']);
    assert.deepEqual(file.findings, []);
    assert.equal(file.unrendered, undefined);
  });
});
