// The project config file: parsing with exact problem ranges, what it decides (severities, aliases, which files are
// runbooks), precedence, and what an untrusted workspace's config may not do.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applyConfiguredSeverities, globProblem, parseConfigText, ProjectContext,
} from '../../server/src/engine/config/index';
import { lintRunbook, normalizeHeading, type Finding } from '../../server/src/engine/index';

const TODAY = '2026-11-26';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'runbooks-config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const finding = (code: string, severity: Finding['severity'], section?: string): Finding => ({
  rule: code.split('/')[0], code, severity, ...(section ? { section } : {}), message: code,
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
});

describe('project config file', () => {
  it('reports YAML errors and schema violations with the line and column of the offending node', () => {
    const yamlError = parseConfigText('rules:\n  stale: [warning\n');
    assert.equal(yamlError.config, undefined);
    assert.match(yamlError.problems[0].message, /^Not valid YAML/);
    const bad = parseConfigText('files: ["docs/**/*.md"]\nrules:\n  stale: loud\nsectons:\n  causes: [Why]\n');
    assert.equal(bad.config, undefined);
    const byLine = bad.problems.map((p) => [p.range.start.line, p.range.start.character, p.message]).sort((a, b) => Number(a[0]) - Number(b[0]));
    assert.deepEqual(byLine, [
      [2, 9, '"rules.stale" must be one of "off", "hint", "info", "warning", "error".'],
      [3, 0, 'The config has an unknown key "sectons" (see the config file\'s schema for the keys).'],
    ]);
  });

  it('severities: the most specific entry wins (code@section, code, section, rule); off drops the finding', () => {
    const rules = { schema: 'warning', 'schema/missing-section@escalation': 'error', causes: 'info', 'stale/overdue': 'off' } as const;
    const out = applyConfiguredSeverities([
      finding('schema/missing-section', 'error', 'escalation'),
      finding('schema/missing-section', 'error', 'causes'),
      finding('schema/empty-section', 'error', 'meaning'),
      finding('stale/overdue', 'warning'),
      finding('credential/github-token', 'error'),
    ], rules);
    assert.deepEqual(out.map((f) => `${f.code}@${f.section ?? ''}=${f.severity}`), [
      'schema/missing-section@escalation=error', 'schema/missing-section@causes=info', 'schema/empty-section@meaning=warning',
      'credential/github-token@=error',
    ]);
    // An untrusted workspace's config can lower a severity but never raise one.
    const lowered = applyConfiguredSeverities([finding('stale/never-reviewed', 'warning'), finding('schema/no-items', 'error')], { stale: 'error', schema: 'info' }, true);
    assert.deepEqual(lowered.map((f) => f.severity), ['warning', 'info']);
  });

  it('heading matching ignores attribute suffixes and trailing anchors', () => {
    assert.equal(normalizeHeading('Overview {#overview}'), 'overview');
    assert.equal(normalizeHeading('Mitigation {#fix .important}'), 'mitigation');
    assert.equal(normalizeHeading('Escalation <a name="escalation"></a>'), 'escalation');
    assert.equal(normalizeHeading('Diagnosis ¶'), 'diagnosis');
    assert.equal(normalizeHeading('Sets {a, b}'), 'sets {a, b}');
  });

  it('the nearest config applies: aliases, severities and review interval reach the lint of a file below it', async () => {
    const dir = tree({
      '.runbooks.yaml': 'rules:\n  stale: off\n',
      'team/.runbooks.yaml': 'sections:\n  mitigations: [Solutions List]\nrules:\n  causes: warning\nreview:\n  intervalDays: 30\n',
      'team/runbooks/a.md': '# A\n\n## Overview {#overview}\n\nIt means trouble.\n\n## Solutions List\n\n- Restart.\n\n  Expected: it works.\n',
    });
    const project = new ProjectContext({ trusted: true });
    const file = join(dir, 'team', 'runbooks', 'a.md');
    const context = project.forFile(file, dir);
    assert.equal(context.config.file?.path, join(dir, 'team', '.runbooks.yaml'));
    assert.equal(context.config.reviewIntervalDays, 30);
    const text = '# A\n\n## Overview {#overview}\n\nIt means trouble.\n\n## Solutions List\n\n- Restart.\n\n  Expected: it works.\n';
    const result = await lintRunbook(text, { schema: context.schema, today: TODAY, severities: context.config.rules });
    const missing = result.findings.filter((f) => f.code === 'schema/missing-section').map((f) => `${f.section}:${f.severity}`);
    // Overview (with its {#id}) is Meaning and "Solutions List" is Mitigation: only causes, diagnostics and escalation are missing.
    assert.deepEqual(missing, ['causes:warning', 'diagnostics:error', 'escalation:error']);
    // The outer config's `stale: off` does not apply: only the nearest config does.
    assert.ok(result.findings.some((f) => f.rule === 'stale'));
  });

  it('which files are runbooks: files and ignore globs, .gitignore, and never the extension\'s own outputs', () => {
    const dir = tree({
      '.runbooks.yaml': 'files: ["docs/**/*.md"]\nignore: ["docs/**/_index.md"]\n',
      '.gitignore': 'docs/generated/\n',
      'docs/a.md': '# A\n', 'docs/_index.md': '# Index\n', 'docs/generated/b.md': '# B\n', 'notes/c.md': '# C\n',
      'docs/incidents/2026-11-20-x.postmortem.md': '# PM\n', 'notes/d.md': '---\nkind: runbook\n---\n# D\n',
    });
    const project = new ProjectContext({ trusted: true });
    const verdict = (rel: string, text?: string) => {
      const path = join(dir, rel);
      const s = project.select(path, project.forFile(path, dir), text);
      return s.runbook ? `runbook (${s.by})` : s.reason;
    };
    assert.equal(verdict('docs/a.md'), 'runbook (files)');
    assert.equal(verdict('docs/_index.md'), 'ignored');
    assert.equal(verdict('docs/generated/b.md'), 'gitignored');
    assert.equal(verdict('notes/c.md'), 'not-matched');
    assert.equal(verdict('docs/incidents/2026-11-20-x.postmortem.md'), 'extension-output');
    assert.equal(verdict('notes/d.md', '---\nkind: runbook\n---\n# D\n'), 'runbook (kind)');
  });

  it('in an untrusted workspace the config cannot name a schema, choose files or a folder to write to', () => {
    const dir = tree({
      '.runbooks.yaml': 'schema: team.json\nfiles: ["**/*.md"]\ntimelines:\n  folder: /tmp/elsewhere\nignore: ["x/**"]\nsections:\n  causes: [Why]\n',
      'team.json': '{}',
    });
    const untrusted = new ProjectContext({ trusted: false }).forFile(join(dir, 'runbooks', 'a.md'), dir);
    assert.equal(untrusted.config.schemaPath, undefined);
    assert.deepEqual(untrusted.config.files, ['**/runbooks/**/*.md', '**/*.runbook.md']);
    assert.equal(untrusted.config.timelineFolder, 'incidents');
    assert.deepEqual(untrusted.config.ignore, ['x/**']);
    assert.deepEqual(untrusted.config.sections, { causes: ['Why'] });
    const trusted = new ProjectContext({ trusted: true }).forFile(join(dir, 'runbooks', 'a.md'), dir);
    assert.equal(trusted.config.schemaPath, join(dir, 'team.json'));
    assert.equal(trusted.config.timelineFolder, '/tmp/elsewhere');
  });

  it('precedence: CLI flags over the config file over settings over defaults', () => {
    const dir = tree({ '.runbooks.yaml': 'review:\n  intervalDays: 30\n  errorAfterDays: 100\n' });
    const settings = { files: ['**/*.md'], schema: '', reviewIntervalDays: 60, staleErrorAfterDays: 200, timelineFolder: 'incidents' };
    const fromConfig = new ProjectContext({ trusted: true }).forFile(join(dir, 'a.md'), dir, settings);
    assert.deepEqual([fromConfig.config.reviewIntervalDays, fromConfig.config.staleErrorAfterDays], [30, 100]);
    const fromFlags = new ProjectContext({ trusted: true, flags: { reviewIntervalDays: 7 } }).forFile(join(dir, 'a.md'), dir, settings);
    assert.deepEqual([fromFlags.config.reviewIntervalDays, fromFlags.config.staleErrorAfterDays], [7, 100]);
    const noConfig = new ProjectContext({ trusted: true }).forFile(join(tmpdir(), 'nowhere', 'a.md'), tmpdir(), settings);
    assert.equal(noConfig.config.reviewIntervalDays, noConfig.config.file ? noConfig.config.reviewIntervalDays : 60);
  });

  it('a config naming a section or rule the schema does not know is reported at that key and not used', () => {
    const dir = tree({ '.runbooks.yaml': 'rules:\n  stale: off\n  causez: warning\nsections:\n  mitigation: [Fixes]\n' });
    const context = new ProjectContext({ trusted: true }).forFile(join(dir, 'runbooks', 'a.md'), dir);
    assert.deepEqual(context.configProblems.map((p) => [p.range.start.line, p.message.split(':')[0]]), [
      [4, '"sections.mitigation"'],
      [2, '"rules.causez"'],
    ]);
    assert.deepEqual(context.config.rules, {}, 'a config with problems does not half-apply');
  });

  it('a section of the team\'s own: its headings are that section, empty is a finding, rules name it, untrusted too', async () => {
    const dir = tree({ '.runbooks.yaml': 'sections:\n  impact: { title: Impact, aliases: [User impact] }\nrules:\n  schema/empty-section@impact: warning\n' });
    for (const trusted of [true, false]) {
      const context = new ProjectContext({ trusted }).forFile(join(dir, 'runbooks', 'a.md'), dir);
      assert.deepEqual(context.configProblems, []);
      const lint = async (text: string) => (await lintRunbook(text, { schema: context.schema, today: TODAY, severities: context.config.rules })).findings
        .filter((f) => f.section === 'impact').map((f) => `${f.code}:${f.severity}:${f.range.start.line}`);
      assert.deepEqual(await lint('# A\n\n## User impact\n\n## Meaning\n\nIt means trouble.\n'), ['schema/empty-section:warning:2']);
      assert.deepEqual(await lint('# A\n\n## Impact\n\nCheckout fails.\n'), []);
      // A team section is optional: absent is no finding.
      assert.deepEqual(await lint('# A\n\n## Meaning\n\nIt means trouble.\n'), []);
      // A step under it asks before running: nothing says it only reads.
      const impact = context.schema.sections.find((s) => s.key === 'impact');
      assert.deepEqual([impact?.title, impact?.readOnly, impact?.changesProduction], ['Impact', false, true]);
    }
    // A list of aliases for a key the schema lacks is still a typo, and the message says how to declare a section.
    const typo = new ProjectContext({ trusted: true }).forFile(join(tree({ '.runbooks.yaml': 'sections:\n  impact: [Impact]\n' }), 'a.md'), tmpdir());
    assert.match(typo.configProblems[0]?.message ?? '', /no section "impact".*give it a title: impact: \{ title/);
    assert.ok(parseConfigText('sections:\n  impact: { aliases: [Impact] }\n').problems.length > 0, 'a team section needs a title');
  });

  it('refuses globs that would backtrack for seconds per path', () => {
    assert.equal(globProblem('docs/**/*.md'), undefined);
    assert.match(String(globProblem(`**/${'*a'.repeat(20)}b.md`)), /wildcards/);
  });
});
