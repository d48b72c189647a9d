import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { InProcessClient, memoryWorkspace, type MemoryWorkspace } from '../helpers/lspInProcess';
import { applyEdits } from '../helpers/text';

const ROOT = resolve(__dirname, '..', '..');
const SAMPLES = join(ROOT, 'samples');
/** The session's today: every date the server shows is computed from it, never from the clock. */
const TODAY = '2026-11-26';

// Every test runs on an in-memory workspace (nothing here is about the disk): the engine reads it through its host.
let memory: MemoryWorkspace;

const Client = {
  start: (folder: string, options: { trusted: boolean; settings?: Record<string, unknown> }) =>
    InProcessClient.start(folder, { ...options, today: TODAY, memory }),
};

function workspace(): string {
  memory = memoryWorkspace(TODAY);
  return memory.folder;
}

describe('language server (in-process)', function () {
  this.timeout(30_000);
  let client: InProcessClient;
  let folder: string;

  afterEach(async () => client?.stop());

  it('publishes diagnostics with exact ranges, finding codes linked to their README row, and small data', async () => {
    folder = workspace();
    client = await Client.start(folder, { trusted: true });
    const text = readFileSync(join(SAMPLES, 'missing-sections.md'), 'utf8');
    const uri = await client.open(join(folder, 'runbooks', 'search.md'), text);
    const diags = await client.diagnostics(uri);
    assert.deepEqual(diags.map((d) => [d.code, d.source, d.severity, d.range.start.line, d.range.end.character, d.message.split(':')[0]]), [
      ['schema/missing-section', 'runbooks', 1, 8, 22, 'Missing section "Common causes"'],
      ['schema/missing-section', 'runbooks', 1, 8, 22, 'Missing section "Escalation"'],
    ]);
    assert.match(String(diags[0].codeDescription?.href), /README\.md#code-schema-missing-section$/);
    assert.deepEqual(diags.map((d) => d.data), [
      { code: 'schema/missing-section', section: 'causes', version: 1 },
      { code: 'schema/missing-section', section: 'escalation', version: 1 },
    ]);
  });

  it('a quick fix is computed for the current version only: a diagnostic of an older version gets none', async () => {
    folder = workspace();
    client = await Client.start(folder, { trusted: true });
    const text = readFileSync(join(SAMPLES, 'missing-sections.md'), 'utf8');
    const uri = await client.open(join(folder, 'runbooks', 'search.md'), text);
    const old = await client.diagnostics(uri);
    await client.replace(uri, `${text}\n<!-- an edit -->\n`);
    assert.deepEqual(await client.codeActions(uri, [old[0]]), []);
    const fresh = await client.diagnostics(uri);
    assert.deepEqual((await client.codeActions(uri, [fresh[0]])).map((a) => a.title), ['Add missing section "Common causes"']);
  });

  it('the "Add missing section" quick fix edit removes that diagnostic', async () => {
    folder = workspace();
    client = await Client.start(folder, { trusted: true });
    const uri = await client.open(join(folder, 'runbooks', 'search.md'), readFileSync(join(SAMPLES, 'missing-sections.md'), 'utf8'));
    const diags = await client.diagnostics(uri);
    const actions = await client.codeActions(uri, [diags[0]]);
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred]), [['Add missing section "Common causes"', 'quickfix', true]]);
    // The second missing section has the same code and range: its fix is its own.
    assert.deepEqual((await client.codeActions(uri, [diags[1]])).map((a) => a.title), ['Add missing section "Escalation"']);
    const edits = actions[0].edit?.changes?.[uri] as TextEdit[];
    await client.replace(uri, applyEdits(client.text(uri), edits));
    const after = await client.diagnostics(uri);
    // The missing section is there now; its skeleton's blank is reported until someone fills it in.
    assert.deepEqual(after.map((d) => [d.code, d.message.split(':')[0]]), [
      ['schema/missing-section', 'Missing section "Escalation"'],
      ['schema/placeholder', 'Section "Common causes" still holds a placeholder'],
    ]);
  });

  it('ignores Markdown that is not a runbook, and honours `kind: runbook` and the runbooks.files setting', async () => {
    folder = workspace();
    client = await Client.start(folder, { trusted: true, settings: { files: ['ops/**/*.md'] } });
    assert.deepEqual(await client.diagnostics(await client.open(join(folder, 'README.md'), '# Readme\n')), []);
    assert.deepEqual(await client.diagnostics(await client.open(join(folder, 'runbooks', 'x.md'), '# Not selected any more\n')), []);
    const byKind = await client.diagnostics(await client.open(join(folder, 'notes.md'), '---\nkind: runbook\n---\n# T\n'));
    assert.ok(byKind.some((d) => d.message.startsWith('Missing section "Meaning"')));
    const bySetting = await client.diagnostics(await client.open(join(folder, 'ops', 'db.md'), '# T\n'));
    assert.ok(bySetting.length > 0);
  });

  it('serves run/copy lenses named after the section, and the review lens that marks the runbook reviewed', async () => {
    folder = workspace();
    client = await Client.start(folder, { trusted: true });
    const uri = await client.open(join(folder, 'runbooks', 'complete.md'), readFileSync(join(SAMPLES, 'complete.md'), 'utf8'));
    const lenses = await client.codeLenses(uri);
    const titles = lenses.map((l) => l.command?.title);
    assert.equal(titles[0], 'Reviewed 25 days ago · Mark reviewed');
    assert.equal(titles[1], 'Never drilled · Start drill');
    assert.deepEqual(lenses[1].command?.arguments, [{ uri }]);
    assert.deepEqual(titles.slice(2), [
      '▶ Run diagnostic step 1 (read-only)', 'Copy', '▶ Run diagnostic step 2 (read-only)', 'Copy', '▶ Run diagnostic step 3 (asks first: effect unknown)', 'Copy',
      '▶ Run mitigation 1 (changes production)', 'Copy', '▶ Run mitigation 2 (changes production)', 'Copy',
    ]);
    const run = lenses[2].command;
    assert.equal(run?.command, 'runbooks.runStep');
    assert.deepEqual(run?.arguments?.[0], { uri, version: 1, stepId: 'diagnostics-1', code: 'kubectl -n checkout rollout history deployment/checkout-api | tail -n 5' });
    assert.equal(lenses[2].range.start.line, 28);

    await client.rpc.sendRequest('workspace/executeCommand', { command: 'runbooks.markReviewed', arguments: [uri] });
    const edit = client.applied[0]?.changes?.[uri];
    assert.equal(edit?.length, 1);
    assert.equal(edit?.[0].newText, TODAY);
    assert.equal(edit?.[0].range.start.line, 7);
  });

  it('in an untrusted workspace: no run lens (it offers to manage trust) and the team schema is not used', async () => {
    folder = workspace();
    memory.write(join(folder, 'team.schema.json'), readFileSync(join(SAMPLES, 'schemas', 'team.runbook.schema.json')));
    const text = readFileSync(join(SAMPLES, 'complete.md'), 'utf8');
    client = await Client.start(folder, { trusted: false, settings: { schema: 'team.schema.json' } });
    const uri = await client.open(join(folder, 'runbooks', 'complete.md'), text);
    const lenses = await client.codeLenses(uri);
    assert.ok(!lenses.some((l) => l.command?.command === 'runbooks.runStep'));
    assert.equal(lenses.filter((l) => l.command?.command === 'workbench.trust.manage').length, 5);
    assert.ok(!(await client.diagnostics(uri)).some((d) => d.message.includes('Impact')));
    await client.stop();

    client = await Client.start(folder, { trusted: true, settings: { schema: 'team.schema.json' } });
    const trustedUri = await client.open(join(folder, 'runbooks', 'complete.md'), text);
    assert.deepEqual((await client.diagnostics(trustedUri)).map((d) => d.message.split(':')[0]), ['Missing section "Impact"']);
  });

  it('a team schema that does not compile falls back to the bundled schema and says why once', async () => {
    folder = workspace();
    memory.write(join(folder, 'bad.schema.json'), '{ "properties": { "sections": { "type": 12 } } }');
    client = await Client.start(folder, { trusted: true, settings: { schema: 'bad.schema.json' } });
    const uri = await client.open(join(folder, 'runbooks', 'a.md'), readFileSync(join(SAMPLES, 'missing-sections.md'), 'utf8'));
    assert.equal((await client.diagnostics(uri)).length, 2);
    await client.diagnostics(await client.open(join(folder, 'runbooks', 'b.md'), '# B\n'));
    assert.equal(client.shown.filter((m) => m.includes('bad.schema.json does not compile')).length, 1);
  });

  it('lists stale runbooks of the workspace, most overdue first (not those whose front matter is broken)', async () => {
    folder = workspace();
    const fm = (date: string) => `---\ntitle: ${date}\nlast_reviewed: ${date}\n---\n# T\n`;
    memory.write(join(folder, 'runbooks', 'fresh.md'), fm('2026-11-01'));
    memory.write(join(folder, 'runbooks', 'future.md'), fm('2027-01-01'));
    memory.write(join(folder, 'runbooks', 'old.md'), fm('2020-01-01'));
    memory.write(join(folder, 'runbooks', 'older.md'), fm('2019-01-01'));
    memory.write(join(folder, 'runbooks', 'never.md'), '# Never\n');
    memory.write(join(folder, 'runbooks', 'broken.md'), '---\ntitle: [unclosed\n---\n# Broken\n');
    memory.write(join(folder, 'README.md'), '# not a runbook\n');
    client = await Client.start(folder, { trusted: true });
    const list = await client.rpc.sendRequest<{ uri: string; state: string; message: string; daysOverdue: number }[]>('runbooks/staleRunbooks', {});
    // The same verdict as the stale rule: a review date in the future is listed, as the rule reports it.
    assert.deepEqual(list.map((s) => [s.uri.split('/').pop(), s.state]), [
      ['never.md', 'never-reviewed'], ['future.md', 'future-date'], ['older.md', 'overdue'], ['old.md', 'overdue'],
    ]);
    assert.deepEqual(list.map((s) => s.message), [
      'Never reviewed', 'Review date 2027-01-01 is in the future',
      'Reviewed 2886 days ago; interval 90 days; 2796 days overdue', 'Reviewed 2521 days ago; interval 90 days; 2431 days overdue',
    ]);
    const futureDiagnostics = await client.diagnostics(await client.open(join(folder, 'runbooks', 'future.md'), fm('2027-01-01')));
    assert.deepEqual(futureDiagnostics.filter((d) => String(d.code).startsWith('stale/')).map((d) => d.code), ['stale/future-date']);
  });

  it('resolves a lens\'s step from its analysis under the team schema: the team section changes production', async () => {
    folder = workspace();
    memory.write(join(folder, 'team.schema.json'), readFileSync(join(SAMPLES, 'schemas', 'team.runbook.schema.json')));
    client = await Client.start(folder, { trusted: true, settings: { schema: 'team.schema.json' } });
    const text = ['# Checkout errors', '', '## Roll back', '', '```bash', 'kubectl rollout undo deploy/checkout', '```', ''].join('\n');
    const uri = await client.open(join(folder, 'runbooks', 'checkout.md'), text);
    const lenses = await client.codeLenses(uri);
    const run = lenses.find((l) => l.command?.command === 'runbooks.runStep');
    assert.equal(run?.command?.title, '▶ Run rollback step 1 (changes production)');
    const args = run?.command?.arguments?.[0] as { stepId: string; code: string };
    const answer = await client.request<{ ok: boolean; runbookPath: string; step: Record<string, unknown> }>('runbooks/step', { uri, stepId: args.stepId, code: args.code });
    assert.deepEqual({ ok: answer.ok, runbookPath: answer.runbookPath, id: answer.step.id, section: answer.step.section, changesProduction: answer.step.changesProduction, label: answer.step.label },
      { ok: true, runbookPath: 'runbooks/checkout.md', id: 'rollback-1', section: 'rollback', changesProduction: true, label: 'rollback step 1' });

    // The block changed after the lens was shown: the server refuses, nothing is resolved.
    await client.replace(uri, text.replace('rollout undo', 'rollout restart'));
    const refused = await client.request<{ ok: boolean; reason: string }>('runbooks/step', { uri, stepId: args.stepId, code: args.code });
    assert.deepEqual(refused, { ok: false, reason: 'Step rollback-1 changed since its lens was shown; nothing was run. Review the block and use its updated lens.' });
    const gone = await client.request<{ ok: boolean; reason: string }>('runbooks/step', { uri, stepId: 'rollback-9' });
    assert.equal(gone.ok, false);
  });

  it('locates a step that ran by id and command text, through the analysis', async () => {
    folder = workspace();
    client = await Client.start(folder, { trusted: true });
    const uri = await client.open(join(folder, 'runbooks', 'complete.md'), readFileSync(join(SAMPLES, 'complete.md'), 'utf8'));
    const byCommand = await client.request<{ start: { line: number } } | null>('runbooks/locateStep',
      { uri, step: 'diagnostics-9', command: 'kubectl -n checkout rollout history deployment/checkout-api | tail -n 5' });
    assert.equal(byCommand?.start.line, 28);
    assert.equal(await client.request('runbooks/locateStep', { uri, step: 'nope-1', command: 'no such command anywhere' }), null);
  });
});
