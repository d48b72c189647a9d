// A heading that names two sections ("Diagnosis and mitigation", as openshift's TargetDown writes it) is both: neither
// is reported missing, and its steps are not taken as read-only (default deny: they ask before running).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledRunbookSchema, lintRunbook, normalizeHeading } from '../../server/src/engine/index';
import { sectionKeysOf } from '../../server/src/engine/schema';
import { CORPORA, NO_CORPORA } from '../helpers/corpora';

const TODAY = '2026-12-05';
const runbook = (heading: string, body = '```bash\nkubectl get pods -n monitoring\n```') => [
  '# TargetDown', '', '## Meaning', '', 'A scrape target is down.', '', '## Causes', '', '- The pod crashed.', '',
  `## ${heading}`, '', body, '', '## Escalation', '', 'Page the monitoring team.', '',
].join('\n');
const missing = async (text: string) => (await lintRunbook(text, { today: TODAY })).findings
  .filter((f) => f.code === 'schema/missing-section').map((f) => f.section).sort();

describe('a heading naming two sections', () => {
  it('"Diagnosis and mitigation", "Causes & fix", "Triage/Fix" name both; a heading with other words names none', () => {
    const keys = (h: string) => sectionKeysOf(normalizeHeading(h), bundledRunbookSchema());
    assert.deepEqual(keys('Diagnosis and mitigation'), ['diagnostics', 'mitigations']);
    assert.deepEqual(keys('Troubleshooting & Resolution:'), ['diagnostics', 'mitigations']);
    assert.deepEqual(keys('Triage / Fix'), ['diagnostics', 'mitigations']);
    assert.deepEqual(keys('Mitigation and remediation'), ['mitigations']);
    assert.deepEqual(keys('Diagnosis, mitigation and escalation'), ['diagnostics', 'mitigations', 'escalation']);
    assert.deepEqual(keys('Logs and metrics'), []);
    assert.deepEqual(keys('Diagnosis and next steps'), []);
    assert.deepEqual(keys('Monitoring/Alerting'), []);
  });

  it('satisfies both sections, and its steps ask before running', async () => {
    assert.deepEqual(await missing(runbook('Diagnosis and mitigation')), []);
    assert.deepEqual(await missing(runbook('Notes')), ['diagnostics', 'mitigations']);
    const { runbook: model } = await lintRunbook(runbook('Diagnosis and mitigation'), { today: TODAY });
    assert.deepEqual(model.sections.map((s) => s.definition.key), ['meaning', 'causes', 'diagnostics', 'mitigations', 'escalation']);
    // `kubectl get` only reads, but under a heading that is also mitigation nothing says the step is a diagnostic one.
    assert.deepEqual(model.steps.map((s) => [s.section, s.changesProduction, s.sectionReadOnly]), [['mitigations', true, false]]);
  });

  it('its text is checked once: one placeholder finding, not one per section', async () => {
    const { findings } = await lintRunbook(runbook('Diagnosis and mitigation', 'TODO: write the steps.\n\n- Restart the pod.'), { today: TODAY });
    assert.equal(findings.filter((f) => f.code === 'schema/placeholder').length, 1);
  });

  it('openshift TargetDown ("## Diagnosis and mitigation") misses neither diagnostics nor mitigations', async function () {
    if (!CORPORA) {
      console.log(`      skipped: ${NO_CORPORA}`);
      this.skip();
    }
    const text = readFileSync(join(CORPORA as string, 'openshift-runbooks', 'alerts', 'cluster-monitoring-operator', 'TargetDown.md'), 'utf8');
    const gaps = await missing(text);
    assert.ok(!gaps.includes('diagnostics') && !gaps.includes('mitigations'), String(gaps));
  });
});
