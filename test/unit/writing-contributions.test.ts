import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runbookSnippetFile } from '../../server/src/engine/writing/snippetFile';
import { fileNameFor } from '../../client/src/writing/fileName';

const ROOT = resolve(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('writing contributions (snippet, task, problem matcher)', () => {
  it('the runbook snippet is the bundled schema\'s skeleton (regenerate with npm run snippets)', () => {
    const contributed = manifest.contributes.snippets.find((s: { language: string }) => s.language === 'markdown');
    assert.equal(readFileSync(join(ROOT, contributed.path), 'utf8'), runbookSnippetFile());
    const body: string[] = JSON.parse(runbookSnippetFile()).Runbook.body;
    assert.equal(body.filter((l) => l.startsWith('## ')).length, 5);
    assert.ok(body.includes('last_reviewed: ${5:$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE}'));
  });

  it('the $runbooks problem matcher reads every finding line of the CLI\'s text output', () => {
    const matcher = manifest.contributes.problemMatchers.find((m: { name: string }) => m.name === 'runbooks');
    const pattern = matcher.pattern;
    const re = new RegExp(pattern.regexp);
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'runbooks.js'), 'lint', '--today', '2026-11-26', 'samples'], { cwd: ROOT, encoding: 'utf8' });
    const lines = r.stdout.trim().split('\n');
    const findings = lines.slice(0, -1);
    assert.ok(findings.length > 10, r.stdout);
    for (const line of findings) assert.match(line, re);
    assert.doesNotMatch(lines[lines.length - 1], re, 'the summary line is not a problem');
    const m = re.exec('samples/stale.md:6:16: error stale/overdue Runbook is stale: last reviewed on 2025-03-01.') as RegExpExecArray;
    assert.deepEqual([m[pattern.file], m[pattern.line], m[pattern.column], m[pattern.severity], m[pattern.code], m[pattern.message]],
      ['samples/stale.md', '6', '16', 'error', 'stale/overdue', 'Runbook is stale: last reviewed on 2025-03-01.']);
    assert.deepEqual(matcher.fileLocation, ['relative', '${workspaceFolder}']);
    assert.ok(manifest.contributes.taskDefinitions.some((t: { type: string }) => t.type === 'runbooks'));
  });

  it('names a new runbook file after its title', () => {
    assert.equal(fileNameFor('Checkout API: high error rate!'), 'checkout-api-high-error-rate.md');
    assert.equal(fileNameFor('Café  ¿down?'), 'cafe-down.md');
    assert.equal(fileNameFor('!!!'), 'runbook.md');
  });
});

describe('the runbook language status item', () => {
  it('says the counts, the schema, the config file and the trust state', async () => {
    const { statusText } = await import('../../client/src/writing/statusText');
    assert.deepEqual(statusText({ isRunbook: true, trusted: true, schema: 'bundled', configFile: '/ws/.runbooks.yaml', counts: { error: 2, warning: 1, info: 0 } }),
      { text: 'Runbook: 2 errors, 1 warning', detail: 'bundled schema · /ws/.runbooks.yaml · trusted' });
    assert.deepEqual(statusText({ isRunbook: true, trusted: false, schema: '/ws/team.runbook.schema.json', schemaError: 'bad', counts: { error: 0, warning: 0, info: 3 } }),
      { text: 'Runbook: 0 errors, 0 warnings, 3 info', detail: 'schema /ws/team.runbook.schema.json (team schema unusable: bundled used) · no .runbooks.yaml · untrusted: bundled schema only, no runs' });
    assert.equal(statusText({ isRunbook: false, trusted: true, schema: 'bundled', counts: { error: 0, warning: 0, info: 0 } }).text, 'Not a runbook');
  });
});
