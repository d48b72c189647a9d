import { strict as assert } from 'node:assert';
import { lintRunbook } from '../../server/src/engine/lint';
import { parseRunbook } from '../../server/src/engine/parse';
import { bundledRunbookSchema, schemaWithAliases } from '../../server/src/engine/schema';
import { stepBlanks } from '../../server/src/engine/steps/blanks';
import { fillPlaceholders } from '../../server/src/engine/steps/placeholders';

describe('every heading mapped to a section is that section', () => {
  const schema = schemaWithAliases(bundledRunbookSchema(), { mitigations: ['Solutions List', 'Solutions Detail'] });
  const text = ['# Pods crash', '', '## Solutions List', '', '### Roll back', '', '```bash', 'kubectl rollout undo deploy/web', '```', '',
    'Expected: the crashes stop.', '', '## Solutions Detail', '', '### Force the pod out', '', '```bash',
    'kubectl delete pod web-1 --grace-period=0 --force', '```', ''].join('\n');

  it('labels the steps under the second heading as mitigations, and they change production', () => {
    assert.deepEqual(parseRunbook(text, schema).steps.map((s) => [s.id, s.section, s.label, s.changesProduction]), [
      ['mitigations-1', 'mitigations', 'mitigation 1', true],
      ['mitigations-2', 'mitigations', 'mitigation 2', true],
    ]);
  });

  it('checks the options under the second heading: one without an expected outcome is reported there', async () => {
    const { findings } = await lintRunbook(text, { schema, today: '2026-01-01' });
    assert.deepEqual(findings.filter((f) => f.code === 'schema/no-expected-outcome').map((f) => f.range.start.line), [14]);
  });
});

describe('reference bullets are not options', () => {
  const runbook = (list: string) => parseRunbook(['# Disk full', '', '## Mitigation', '', list, ''].join('\n'), bundledRunbookSchema());

  it('`- See [the docs](...)`, a footnote link `[1](https://...)` and a bare link list are left out of the options', () => {
    const parsed = runbook(['- See [the docs](https://example.com/disk).', '- [1](https://example.com/a), [2](https://example.com/b)',
      '- Refer to [the wiki](../wiki.md)', '- Free space: delete old logs. Expected: usage below 80%.'].join('\n'));
    assert.deepEqual(parsed.sections.find((s) => s.definition.key === 'mitigations')?.items.map((i) => i.title), ['Free space: delete old logs. Expected: usage below 80%']);
  });

  it('an option whose words go beyond a link is still an option', () => {
    const parsed = runbook('- Roll back with [the deploy tool](https://example.com/deploy) to the last green build');
    assert.equal(parsed.sections.find((s) => s.definition.key === 'mitigations')?.items.length, 1);
  });
});

describe('a list of examples is not a list of options', () => {
  const items = (section: string, body: string) => parseRunbook(['# Volume filling up', '', `## ${section}`, '', body, ''].join('\n'), bundledRunbookSchema())
    .sections[0]?.items.map((i) => i.title);

  it('names under "Example services that ...:", "Tools such as:", "e.g.:" are left out of mitigations and diagnostics', () => {
    // After openshift-runbooks' PersistentVolumeFillingUp.md (Apache-2.0), shortened.
    assert.deepEqual(items('Mitigation', ['- Add replicas and wait for the data to migrate.', '', 'Example services that support data rebalancing:', '',
      '- cassandra', '- ceph', '- elasticsearch/opensearch'].join('\n')), ['Add replicas and wait for the data to migrate']);
    assert.deepEqual(items('Diagnosis', 'Look at the node with tools such as:\n\n- `htop`\n- *iotop*\n- Grafana dashboards'), []);
    assert.deepEqual(items('Mitigation', 'Free space. Use a cleaner, e.g.:\n\n- ncdu\n- logrotate'), []);
  });

  it('short options, options under another lead-in, commands and causes given as examples stay', () => {
    assert.deepEqual(items('Mitigation', 'Do one of the following:\n\n- Kill them all\n- Restart the node'), ['Kill them all', 'Restart the node']);
    assert.deepEqual(items('Mitigation', 'For example:\n\n- `kubectl rollout restart deploy/web`\n- Roll back the last deploy.'), ['kubectl rollout restart deploy/web', 'Roll back the last deploy']);
    assert.deepEqual(items('Mitigation', 'For example:\n\n- Scale up\n- Restart the collector pods now'), ['Scale up', 'Restart the collector pods now']);
    assert.deepEqual(items('Causes', 'Common causes, such as:\n\n- Disk full\n- OOM kill'), ['Disk full', 'OOM kill']);
  });
});

describe('blanks: templates and [NAME]', () => {
  it('a quoted go-template, Jinja or --format argument holds no blanks; a bare {{name}} beside it is one', () => {
    assert.deepEqual(stepBlanks(`kubectl get pods -o go-template='{{range .items}}{{.metadata.name}}{{end}}' -n {{ns}}`).map((b) => b.name), ['ns']);
    assert.deepEqual(stepBlanks(`kubectl get pods -o go-template='{{end}}'`), []);
    assert.deepEqual(stepBlanks(`docker inspect --format "{{ index }}" web`), []);
    assert.deepEqual(stepBlanks(`ansible all -m debug -a "msg={% if x %}{{ name }}{% endif %}"`), []);
    assert.deepEqual(stepBlanks(`curl -d '{"pod": "{{pod}}"}' https://api`).map((b) => b.name), ['pod']);
  });

  it('an upper-case [NAME] or [A|B] bare word is a blank, filled as one word; quoted, subscripts and classes are not', () => {
    assert.deepEqual(stepBlanks('nmap [HOST|IP]\nkubectl get pods -n [NAMESPACE]').map((b) => [b.name, b.written]),
      [['HOST-or-IP', '[HOST|IP]'], ['NAMESPACE', '[NAMESPACE]']]);
    assert.equal(fillPlaceholders('nmap [HOST|IP]', { 'HOST-or-IP': '10.0.0.1; reboot' }), `nmap '10.0.0.1; reboot'`);
    assert.deepEqual(stepBlanks(`grep '[ERROR]' log; echo \${ARR[IDX]}; [[ -n x ]]; ls [A-Z]`).filter((b) => b.kind === 'placeholder'), []);
  });
});
