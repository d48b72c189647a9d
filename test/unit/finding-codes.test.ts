// Every finding carries a stable `rule/check` code: the codes each sample shows, codes from a team schema's own
// `code` keyword, and that every fixed code is in the rule table.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { codeInfo, compileRunbookSchema, helpUrl, lintRunbook, RULE_TABLE } from '../../server/src/engine/index';

const SAMPLES = resolve(__dirname, '..', '..', 'samples');
const TODAY = '2026-11-26';

async function codes(file: string): Promise<string[]> {
  const result = await lintRunbook(readFileSync(join(SAMPLES, file), 'utf8'), { today: TODAY });
  return result.findings.filter((f) => f.rule !== 'credential').map((f) => `${f.range.start.line + 1} ${f.code}${f.section ? ` [${f.section}]` : ''}`);
}

describe('finding codes', () => {
  it('each sample reports the codes of its checks, with the section they are about', async () => {
    assert.deepEqual(await codes('empty-sections.md'), [
      '11 schema/empty-section [meaning]', '13 schema/empty-section [causes]', '15 schema/no-steps [diagnostics]', '19 schema/empty-section [mitigations]',
    ]);
    assert.deepEqual(await codes('missing-sections.md'), ['9 schema/missing-section [causes]', '9 schema/missing-section [escalation]']);
    assert.deepEqual(await codes('no-expected-outcome.md'), ['30 schema/no-expected-outcome [mitigations]']);
    assert.deepEqual(await codes('vague-escalation.md'), ['35 schema/escalation-no-owner [escalation]', '35 schema/escalation-no-deadline [escalation]']);
    assert.deepEqual(await codes('wrong-frontmatter-types.md'), ['4 frontmatter/wrong-type', '5 frontmatter/wrong-type', '7 frontmatter/invalid-value']);
    assert.deepEqual(await codes('broken-frontmatter.md'), ['5 frontmatter/invalid-yaml']);
    assert.deepEqual(await codes('stale.md'), ['6 stale/overdue']);
  });

  it('the stale codes: never reviewed, invalid and future dates', async () => {
    const stale = async (fm: string) => (await lintRunbook(`---\n${fm}\n---\n# T\n`, { today: TODAY })).findings.filter((f) => f.rule === 'stale').map((f) => f.code);
    assert.deepEqual(await stale('title: x'), ['stale/never-reviewed']);
    assert.deepEqual(await stale('last_reviewed: 2026-02-30'), ['stale/invalid-date']);
    assert.deepEqual(await stale('last_reviewed: 2026-12-25'), ['stale/future-date']);
    assert.deepEqual(await stale(`last_reviewed: ${TODAY}`), []);
  });

  it('a team schema names its own checks with the `code` keyword; without one the keyword decides', async () => {
    const schema = compileRunbookSchema({
      allOf: [{ $ref: 'urn:runbooks:schema:runbook' }],
      properties: { sections: { properties: { impact: {
        title: 'Impact', aliases: ['Impact'], type: 'object',
        properties: { text: { type: 'string', code: 'impact-no-audience', caseInsensitivePattern: 'users|customers', errorMessage: 'Say who is affected.' } },
      } }, required: ['impact'] } },
    }, 'team');
    const text = '# T\n\n## Impact\n\nSomething broke.\n';
    const teamCodes = (await lintRunbook(text, { today: TODAY, schema })).findings.filter((f) => f.section === 'impact').map((f) => f.code);
    assert.deepEqual(teamCodes, ['schema/impact-no-audience']);
    const missing = (await lintRunbook('# T\n', { today: TODAY, schema })).findings.filter((f) => f.section === 'impact').map((f) => f.code);
    assert.deepEqual(missing, ['schema/missing-section']);
  });

  it('the README lists every code of the rule table in a row whose anchor the help link names', () => {
    const readme = readFileSync(resolve(__dirname, '..', '..', 'README.md'), 'utf8');
    for (const rule of RULE_TABLE) {
      for (const c of rule.codes.length > 0 ? rule.codes.map((x) => x.code) : [rule.id]) {
        const anchor = helpUrl(c).split('#')[1];
        assert.ok(readme.includes(`<a id="${anchor}"></a>\``), `README row for ${c} (#${anchor})`);
      }
    }
  });

  it('every fixed code is in the rule table once, under its own rule', () => {
    const all = RULE_TABLE.flatMap((r) => r.codes.map((c) => [r.id, c.code]));
    assert.equal(new Set(all.map(([, c]) => c)).size, all.length);
    for (const [rule, c] of all) {
      assert.ok(c.startsWith(`${rule}/`), c);
      assert.equal(codeInfo(c)?.code, c);
    }
  });
});
