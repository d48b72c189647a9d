import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { CompletionItem, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { InProcessClient, memoryWorkspace, type MemoryWorkspace } from '../helpers/lspInProcess';
import { applyEdits } from '../helpers/text';
import { SKELETON_REQUEST, STATUS_REQUEST, type SkeletonResult, type StatusResult } from '../../server/src/lsp/protocol';

const TODAY = '2026-11-26';

// An in-memory workspace: nothing here is about the disk.
let memory: MemoryWorkspace;

function workspace(): string {
  memory = memoryWorkspace(TODAY);
  return memory.folder;
}

/** A snippet as the text it inserts with every tab stop left at its default. */
function snippetText(snippet: string): string {
  let out = snippet;
  // Innermost first: ${n:default} -> default, ${n} / $n -> ''.
  for (let prev = ''; prev !== out;) {
    prev = out;
    out = out.replace(/(?<!\\)\$\{\d+:([^${}]*)\}/g, '$1').replace(/(?<!\\)\$\{\d+\}/g, '');
  }
  return out.replace(/\\([$}\\])/g, '$1');
}

describe('writing a runbook (completion, skeleton, hover, empty file)', function () {
  this.timeout(30_000);
  let client: InProcessClient;
  afterEach(async () => client?.stop());

  it('writes a whole runbook from the schema whose only findings are its placeholders, with a tab stop on each', async () => {
    const folder = workspace();
    client = await InProcessClient.start(folder, { trusted: true, today: TODAY, memory });
    const skeleton = await client.request<SkeletonResult>(SKELETON_REQUEST, {
      title: 'Checkout errors after deploy', service: 'checkout-api', owner: 'team-payments', alerts: ['CheckoutHighErrorRate'],
    });
    assert.match(skeleton.text, /^---\ntitle: Checkout errors after deploy\nservice: checkout-api\nowner: team-payments\nalerts:\n  - CheckoutHighErrorRate\nlast_reviewed: 2026-11-26\n---\n\n# Checkout errors after deploy\n/);
    // The schema's sections, in its order.
    assert.deepEqual([...skeleton.text.matchAll(/^## (.*)$/gm)].map((m) => m[1]), ['Meaning', 'Common causes', 'Diagnostics', 'Mitigation', 'Escalation']);
    assert.equal(snippetText(skeleton.snippet), skeleton.text.replace('# Checkout errors after deploy', '# '), 'the snippet inserts the text (its H1 mirrors the title stop)');
    const todos = skeleton.text.match(/TODO/g)?.length ?? 0;
    const stops = new Set([...skeleton.snippet.matchAll(/\$\{(\d+):TODO/g)].map((m) => m[1])).size;
    assert.equal(stops, todos, 'every placeholder is a tab stop of its own');
    const uri = await client.open(join(folder, 'runbooks', 'checkout.md'), skeleton.text);
    const codes = (await client.diagnostics(uri)).map((d) => d.code);
    assert.ok(codes.length > 0);
    assert.deepEqual([...new Set(codes)].sort(), ['schema/placeholder', 'steps/unfinished']);
  });

  it('gives an empty file one quick fix, "Insert runbook skeleton", and no "Mark reviewed today"', async () => {
    const folder = workspace();
    client = await InProcessClient.start(folder, { trusted: true, today: TODAY, memory });
    const uri = await client.open(join(folder, 'runbooks', 'empty.md'), '\n');
    const diags = await client.diagnostics(uri);
    assert.ok(diags.length >= 5, `an empty file has many findings (${diags.length})`);
    const actions = await client.codeActions(uri, diags);
    assert.deepEqual(actions.map((a) => a.title), ['Insert runbook skeleton']);
    const edits = actions[0].edit?.changes?.[uri] as TextEdit[];
    const text = applyEdits(client.text(uri), edits);
    await client.replace(uri, text);
    const after = (await client.diagnostics(uri)).map((d) => d.code);
    assert.ok(!after.includes('schema/missing-section'), after.join(', '));
    // What the author has not said yet is still reported: the front matter's blanks and the skeleton's TODOs.
    assert.ok(after.includes('frontmatter/wrong-type') && after.includes('schema/placeholder'), after.join(', '));
  });

  it('completes headings (missing sections first, in schema order), front matter keys, known owners and Expected:', async () => {
    const folder = workspace();
    memory.write(join(folder, 'runbooks', 'other.md'), '---\ntitle: Other\nservice: search-api\nowner: team-search\n---\n\n# Other\n');
    client = await InProcessClient.start(folder, { trusted: true, today: TODAY, memory });
    const text = '---\ntitle: New\nservice: checkout-api\now\n---\n\n# New\n\n## Mitigation\n\n### Roll back\n\n```bash\nkubectl rollout undo deploy/x\n```\n\nExp\n\n## \n';
    const uri = await client.open(join(folder, 'runbooks', 'new.md'), text);
    const at = (line: number, character: number) => client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    const lines = text.split('\n');
    const headingLine = lines.indexOf('## ');
    const headings = (await at(headingLine, 3)).sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    const titles = headings.filter((h) => h.detail?.endsWith('missing section') && h.label === `## ${h.detail.split(':')[0]}`).map((h) => h.label);
    assert.deepEqual(titles, ['## Meaning', '## Common causes', '## Diagnostics', '## Escalation']);
    assert.equal(headings.findIndex((h) => h.label === '## Mitigation') > headings.findIndex((h) => h.label === '## Escalation'), true, 'a present section comes after the missing ones');
    assert.ok(headings.some((h) => h.label === '## What does this alert mean'), 'aliases are offered');

    const keys = (await at(3, 2)).map((k) => k.label);
    assert.ok(keys.includes('owner') && keys.includes('alerts') && keys.includes('last_reviewed'), keys.join(', '));
    assert.ok(!keys.includes('service') && !keys.includes('title'), 'keys already present are not offered');

    await client.replace(uri, text.replace('\now\n', '\nowner: \n'));
    const owners = (await at(3, 7)).map((o) => o.label);
    assert.deepEqual(owners, ['team-search']);

    const expLine = lines.indexOf('Exp');
    const expected = await at(expLine, 3);
    assert.deepEqual(expected.map((e) => e.label), ['Expected:']);
    assert.equal(expected[0].textEdit && 'range' in expected[0].textEdit ? expected[0].textEdit.range.start.character : -1, 0);
  });

  it('hovers a section heading with what the schema asks and what is still missing', async () => {
    const folder = workspace();
    client = await InProcessClient.start(folder, { trusted: true, today: TODAY, memory });
    const text = '---\ntitle: New\nservice: a\nowner: b\nlast_reviewed: 2026-11-20\n---\n\n# New\n\n## Mitigation\n\n### Roll back\n\n```bash\nkubectl rollout undo deploy/x\n```\n';
    const uri = await client.open(join(folder, 'runbooks', 'new.md'), text);
    await client.diagnostics(uri);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 9, character: 4 } });
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /\*\*Mitigation\*\*/);
    assert.match(value, /The schema asks:/);
    assert.match(value, /Still missing \(1\):\n- line 12: Mitigation option "Roll back" does not say its expected outcome/);
  });

  it('reports the schema, config file, trust and counts of a document', async () => {
    const folder = workspace();
    memory.write(join(folder, '.runbooks.yaml'), 'reviewIntervalDays: 30\n');
    client = await InProcessClient.start(folder, { trusted: false, today: TODAY, memory });
    const uri = await client.open(join(folder, 'runbooks', 'x.md'), '---\ntitle: X\nservice: a\nowner: b\n---\n\n# X\n');
    const status = await client.request<StatusResult>(STATUS_REQUEST, { uri });
    assert.equal(status.isRunbook, true);
    assert.equal(status.trusted, false);
    assert.equal(status.schema, 'bundled');
    assert.equal(status.configFile, join(folder, '.runbooks.yaml'));
    assert.equal(status.counts.error, 5, 'five missing sections');
    assert.equal(status.counts.warning, 1, 'never reviewed');
  });
});
