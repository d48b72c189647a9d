import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileRunbookSchema, lintRunbook, loadSchemaFile, parseRunbook, BUNDLED_SCHEMA, type Finding } from '../../server/src/engine/index';
import { applyEdits, at, textAt } from '../helpers/text';

const TODAY = '2026-11-26';
const SAMPLES = join(__dirname, '..', '..', 'samples');

const FRONT = `---
title: T
service: svc
owner: team-a
alerts: [A]
last_reviewed: 2026-11-01
---
`;

const COMPLETE_BODY = `
# Disk full

## Meaning

The disk is full.

## Common causes

- Logs not rotated.

## Diagnostics

1. Check usage:

   \`\`\`bash
   df -h
   \`\`\`

## Mitigation

### Delete old logs

\`\`\`bash
rm -rf /var/log/old
\`\`\`

Expected: usage drops below 80%.

## Escalation

Escalate to @sre-oncall if usage stays above 95% for 10 minutes.
`;

async function findings(text: string, rule?: string): Promise<Finding[]> {
  const { findings } = await lintRunbook(text, { today: TODAY });
  return rule ? findings.filter((f) => f.rule === rule) : findings;
}

describe('engine: schema rule', () => {
  it('a complete runbook has no findings', async () => {
    assert.deepEqual(await findings(FRONT + COMPLETE_BODY), []);
    assert.deepEqual(await findings(readFileSync(join(SAMPLES, 'complete.md'), 'utf8')), []);
  });

  it('a missing section points at the H1 title and its fix inserts the skeleton in schema order', async () => {
    const text = FRONT + COMPLETE_BODY.replace('## Common causes\n\n- Logs not rotated.\n\n', '');
    const [f] = await findings(text, 'schema');
    assert.equal(f.message, 'Missing section "Common causes": list what usually triggers this alert, most likely first.');
    assert.equal(at(f.range), '8:0-8:11');
    assert.equal(textAt(text, f.range), '# Disk full');
    assert.ok(f.fix);
    const fixed = applyEdits(text, f.fix.edits);
    // Inserted before Diagnostics, after Meaning: the schema's order.
    assert.ok(fixed.indexOf('## Common causes') > fixed.indexOf('## Meaning'));
    assert.ok(fixed.indexOf('## Common causes') < fixed.indexOf('## Diagnostics'));
    // The skeleton does not pass the checks: its marked blank is reported until a person fills it in.
    const left = await findings(fixed, 'schema');
    assert.deepEqual(left.map((f) => [f.code, f.section, textAt(fixed, f.range)]), [['schema/placeholder', 'causes', 'TODO']]);
    const filled = fixed.replace('TODO: a likely cause, and how it shows itself', 'The log volume filled up.');
    assert.deepEqual(await findings(filled, 'schema'), []);
  });

  it('a missing section with no H1 points at line 1', async () => {
    const text = '## Meaning\n\nSomething.\n';
    const missing = await findings(text, 'schema');
    assert.equal(missing.length, 4);
    for (const f of missing) assert.equal(at(f.range), '0:0-0:10');
  });

  it('a missing section at the end is appended, and applying every fix leaves no schema finding', async () => {
    const text = '# Only a title\n';
    const missing = await findings(text, 'schema');
    assert.equal(missing.length, 5);
    let fixed = text;
    for (const name of ['Meaning', 'Common causes', 'Diagnostics', 'Mitigation', 'Escalation']) {
      const f = (await findings(fixed, 'schema')).find((x) => x.message.includes(`"${name}"`));
      assert.ok(f?.fix, name);
      fixed = applyEdits(fixed, f.fix.edits);
    }
    // Five clicks give no clean file of boilerplate: every inserted section still reports its blanks.
    const left = await findings(fixed, 'schema');
    assert.deepEqual([...new Set(left.map((f) => f.code))], ['schema/placeholder']);
    assert.deepEqual([...new Set(left.map((f) => f.section))], ['meaning', 'causes', 'diagnostics', 'mitigations', 'escalation']);
    assert.ok(fixed.startsWith('# Only a title\n\n## Meaning\n\nTODO: what this alert means'));
  });

  it('an empty section points at its heading', async () => {
    const text = FRONT + COMPLETE_BODY.replace('The disk is full.\n', '<!-- TODO -->\n');
    const [f] = await findings(text, 'schema');
    assert.equal(f.message, 'Section "Meaning" is empty: say what this alert means and what users experience when it fires.');
    assert.equal(textAt(text, f.range), '## Meaning');
  });

  it('causes with prose but no item, and diagnostics with no step, are reported at their headings', async () => {
    const text = FRONT + COMPLETE_BODY
      .replace('- Logs not rotated.', 'Usually logs.')
      .replace(/1\. Check usage:\n\n {3}```bash\n {3}df -h\n {3}```/, 'Look at the disk.');
    const f = await findings(text, 'schema');
    assert.deepEqual(f.map((x) => textAt(text, x.range)), ['## Common causes', '## Diagnostics']);
    assert.match(f[0].message, /lists no causes/);
    assert.match(f[1].message, /has no steps/);
  });

  it('an option without an expected outcome points at its heading or list item', async () => {
    const text = FRONT + COMPLETE_BODY.replace('Expected: usage drops below 80%.', 'Then wait.');
    const [f] = await findings(text, 'schema');
    assert.equal(textAt(text, f.range), '### Delete old logs');
    assert.match(f.message, /^Mitigation option "Delete old logs" does not say its expected outcome/);

    const list = FRONT + COMPLETE_BODY.replace(/### Delete old logs[\s\S]*?Expected: usage drops below 80%\./,
      '- Delete old logs.\n- Grow the volume.\n  **Expected outcome:** more space.');
    const [g] = await findings(list, 'schema');
    assert.equal(textAt(list, g.range), '- Delete old logs.');
    assert.equal((await findings(list, 'schema')).length, 1);
  });

  it('escalation must say who and when', async () => {
    const text = FRONT + COMPLETE_BODY.replace('Escalate to @sre-oncall if usage stays above 95% for 10 minutes.', 'Ask around.');
    const f = await findings(text, 'schema');
    assert.deepEqual(f.map((x) => x.message.split(':')[0]), ['Section "Escalation" does not say who to escalate to', 'Section "Escalation" does not say when to escalate']);
    for (const x of f) assert.equal(textAt(text, x.range), '## Escalation');
    const onlyWho = FRONT + COMPLETE_BODY.replace('Escalate to @sre-oncall if usage stays above 95% for 10 minutes.', 'Call the database team.');
    assert.deepEqual((await findings(onlyWho, 'schema')).map((x) => x.message.split(':')[0]), ['Section "Escalation" does not say when to escalate']);
  });

  it('matches heading aliases case-insensitively, ignoring trailing punctuation', async () => {
    const text = FRONT + COMPLETE_BODY
      .replace('## Meaning', '## WHAT DOES THIS ALERT MEAN?')
      .replace('## Common causes', '## Likely Causes:')
      .replace('## Diagnostics', '## Troubleshooting')
      .replace('## Mitigation', '## remediation.')
      .replace('## Escalation', '## Who to escalate to?');
    assert.deepEqual(await findings(text), []);
  });

  it('Meaning, Diagnosis and Mitigation headings (as in the openshift runbooks) are never reported missing', async () => {
    const text = '# Alert\n\n## Meaning\n\nX.\n\n## Impact\n\nY.\n\n## Diagnosis\n\nZ.\n\n## Mitigation\n\nW.\n';
    const messages = (await findings(text, 'schema')).map((f) => f.message);
    for (const name of ['Meaning', 'Diagnostics', 'Mitigation']) {
      assert.ok(!messages.some((m) => m.startsWith(`Missing section "${name}"`)), name);
    }
    assert.ok(messages.some((m) => m.startsWith('Missing section "Common causes"')));
  });

  it('front-matter values of the wrong type are reported on the value', async () => {
    const text = FRONT.replace('owner: team-a', 'owner: 42').replace('alerts: [A]', 'alerts: A') + COMPLETE_BODY;
    const f = await findings(text, 'frontmatter');
    assert.deepEqual(f.map((x) => [textAt(text, x.range), x.severity]), [['42', 'warning'], ['A', 'error']]);
    const interval = `${FRONT.replace('---\n', '---\nreview_interval_days: 0\n')}${COMPLETE_BODY}`;
    const [g] = await findings(interval, 'frontmatter');
    assert.equal(textAt(interval, g.range), '0');
  });

  it('invalid YAML is one frontmatter error inside the front matter, and the section checks still run', async () => {
    const text = '---\ntitle: [unclosed\nowner: x\n---\n# T\n\n## Meaning\n\nX.\n';
    const { findings: all } = await lintRunbook(text, { today: TODAY });
    const fm = all.filter((f) => f.rule === 'frontmatter');
    assert.equal(fm.length, 1);
    assert.match(fm[0].message, /^Front matter is not valid YAML: /);
    assert.ok(fm[0].range.start.line >= 1 && fm[0].range.end.line <= 2, JSON.stringify(fm[0].range));
    assert.equal(all.filter((f) => f.message.startsWith('Missing section')).length, 4);
  });

  it('front matter that is not a mapping is a frontmatter error', async () => {
    const f = await findings('---\n- a\n- b\n---\n# T\n', 'frontmatter');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /must be a mapping/);
  });
});

describe('engine: custom schemas', () => {
  it('a team schema adds a section with its aliases, with no code change', async () => {
    const schema = loadSchemaFile(join(SAMPLES, 'schemas', 'team.runbook.schema.json'));
    const text = FRONT + COMPLETE_BODY;
    const r = await lintRunbook(text, { today: TODAY, schema });
    assert.deepEqual(r.findings.map((f) => f.message), ['Missing section "Impact": say who is affected and how, so the IC can set the severity.']);
    const fixed = applyEdits(text, r.findings[0].fix?.edits ?? []);
    assert.deepEqual((await lintRunbook(fixed, { today: TODAY, schema })).findings.map((f) => [f.code, f.section]), [['schema/placeholder', 'impact']]);
    const aliased = text.replace('## Common causes', '## Customer impact\n\nCheckout is down.\n\n## Common causes');
    assert.deepEqual((await lintRunbook(aliased, { today: TODAY, schema })).findings, []);
  });

  it('a team schema can change a severity', async () => {
    const copy = JSON.parse(JSON.stringify(BUNDLED_SCHEMA)) as { $id?: string; properties: { sections: { properties: Record<string, Record<string, unknown>> } } };
    delete copy.$id;
    copy.properties.sections.properties.escalation.severity = 'warning';
    const schema = compileRunbookSchema(copy, 'test');
    const text = FRONT + COMPLETE_BODY.replace('Escalate to @sre-oncall if usage stays above 95% for 10 minutes.', '');
    const r = await lintRunbook(text, { today: TODAY, schema });
    assert.deepEqual(r.findings.map((f) => [f.rule, f.severity]), [['schema', 'warning']]);
  });

  it('a schema that does not compile is an Error with a one-line reason', () => {
    assert.throws(() => compileRunbookSchema({ type: 'object', properties: { sections: { type: 42 } } }, 'bad.json'), /^Error: schema bad.json does not compile: /);
  });
});

describe('engine: steps', () => {
  it('finds runnable blocks with stable ids, positions and sections', () => {
    const rb = parseRunbook(readFileSync(join(SAMPLES, 'complete.md'), 'utf8'));
    assert.deepEqual(rb.steps.map((s) => [s.position, s.id, s.section, s.changesProduction]), [
      [1, 'diagnostics-1', 'diagnostics', false],
      [2, 'diagnostics-2', 'diagnostics', false],
      [3, 'diagnostics-3', 'diagnostics', false],
      [4, 'mitigations-1', 'mitigations', true],
      [5, 'mitigations-2', 'mitigations', true],
    ]);
    const consoleStep = rb.steps[2];
    assert.equal(consoleStep.lang, 'console');
    assert.equal(consoleStep.commands, 'kubectl -n {{namespace}} exec deploy/checkout-api -- checkout-admin db-pool');
    assert.ok(consoleStep.code.includes('active=97'));
  });

  it('ignores blocks that are not shell, and names steps outside known sections by their heading', () => {
    const rb = parseRunbook('# T\n\n## Verify\n\n```yaml\na: 1\n```\n\n```sh\necho ok\n```\n');
    assert.deepEqual(rb.steps.map((s) => [s.id, s.section, s.sectionTitle]), [['verify-1', undefined, 'Verify']]);
  });
});

describe('engine: hostile team schemas', () => {
  it('a caseInsensitivePattern with nested quantifiers is refused with the schema, with the pattern named', () => {
    const schema = { allOf: [{ $ref: 'urn:runbooks:schema:runbook' }], properties: { title: { caseInsensitivePattern: '^(a+)+$' } } };
    assert.throws(() => compileRunbookSchema(schema, 'team.json'), /caseInsensitivePattern "\^\(a\+\)\+\$" can take exponential time/);
  });

  it('a schema that refers to itself on every path is refused at compile time, not on every document', () => {
    const schema = { $id: 'urn:team:self', allOf: [{ $ref: 'urn:runbooks:schema:runbook' }, { $ref: 'urn:team:self' }] };
    assert.throws(() => compileRunbookSchema(schema, 'self.json'), /schema self\.json does not compile: validating with it never ends/);
  });
});
