// In-host end-to-end tests of the stale and credential rules (issue 4): their diagnostics reach VS Code, and their
// quick fixes, taken from vscode.executeCodeActionProvider and applied with workspace.applyEdit, remove them.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const folderPath = (): string => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';

/** Writes a runbook into runbooks/ of the workspace and opens it in an editor. */
async function openRunbook(name: string, text: string): Promise<vscode.TextDocument> {
  const file = path.join(folderPath(), 'runbooks', name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Polls the document's diagnostics from the runbooks server until `done` holds (30 s at most). */
async function diagnosticsUntil(uri: vscode.Uri, done: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const diagnostics = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'runbooks');
    if (done(diagnostics) || Date.now() > deadline) return diagnostics;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The rule of a diagnostic: the part of its code before the slash (`stale/overdue` -> stale). */
const rule = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code).split('/')[0];

/** Applies the quick fix titled `title` offered for the diagnostic. */
async function applyFix(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, title: string): Promise<void> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value) ?? [];
  const action = actions.find((a) => a.title === title);
  assert.ok(action?.edit, `no quick fix "${title}" among: ${actions.map((a) => a.title).join(', ')}`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
}

const TODAY = new Date().toISOString().slice(0, 10);

describe('stale and credential quick fixes', function () {
  this.timeout(60_000);
  before(function () {
    if (!vscode.workspace.isTrusted) this.skip();
  });

  it('"Mark reviewed today" sets last_reviewed and the stale diagnostic goes away', async () => {
    const document = await openRunbook('stale-e2e.md', '---\ntitle: Stale\nowner: team-x # keep me\nlast_reviewed: 2020-01-01\n---\n\n# Stale\n');
    const before = await diagnosticsUntil(document.uri, (d) => d.some((x) => rule(x) === 'stale'));
    const stale = before.find((x) => rule(x) === 'stale');
    assert.ok(stale, `no stale diagnostic among ${before.map(rule).join(', ')}`);
    assert.equal(document.getText(stale.range), '2020-01-01');
    await applyFix(document, stale, 'Mark reviewed today');
    assert.equal(document.lineAt(3).text, `last_reviewed: ${TODAY}`);
    assert.equal(document.lineAt(2).text, 'owner: team-x # keep me');
    const after = await diagnosticsUntil(document.uri, (d) => !d.some((x) => rule(x) === 'stale'));
    assert.deepEqual(after.filter((x) => rule(x) === 'stale'), []);
  });

  it('the review lens names the age and its command marks the runbook reviewed', async () => {
    const document = await openRunbook('lens-e2e.md', '---\ntitle: Lens\nlast_reviewed: 2026-01-01\n---\n\n# Lens\n');
    let lenses: vscode.CodeLens[] = [];
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri) ?? [];
      if (lenses.some((l) => l.command?.command === 'runbooks.markReviewed')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const review = lenses.find((l) => l.command?.command === 'runbooks.markReviewed');
    assert.match(review?.command?.title ?? '', /^Reviewed \d+ days ago; interval 90 days; \d+ days overdue · Mark reviewed$/);
    await vscode.commands.executeCommand(review!.command!.command, ...(review!.command!.arguments ?? []));
    for (const deadline = Date.now() + 10_000; Date.now() < deadline && !document.getText().includes(TODAY);) await new Promise((r) => setTimeout(r, 100));
    assert.equal(document.lineAt(2).text, `last_reviewed: ${TODAY}`);
  });

  it('a credential is flagged on exactly the secret and the fix replaces it with an environment reference', async () => {
    // Built at run time: no secret-shaped string is committed.
    const token = `ghp_${'x7Kq2'.repeat(7)}a`;
    const text = `---\ntitle: Leak\n---\n\n# Leak\n\n\`\`\`bash\nexport GITHUB_TOKEN=${token}\n\`\`\`\n`;
    const document = await openRunbook('leak-e2e.md', text);
    const found = await diagnosticsUntil(document.uri, (d) => d.some((x) => rule(x) === 'credential'));
    const credential = found.find((x) => rule(x) === 'credential');
    assert.ok(credential, `no credential diagnostic among ${found.map(rule).join(', ')}`);
    assert.equal(document.getText(credential.range), token);
    assert.ok(!credential.message.includes(token.slice(4)), 'the message repeats the secret');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, credential.range, vscode.CodeActionKind.QuickFix.value) ?? [];
    // vscode.executeCodeActionProvider returns the actions without their `diagnostics`: find the fix by its title.
    const fix = actions.find((a) => /^Replace with \$\{[A-Z_]+\}$/.test(a.title));
    assert.ok(fix?.edit, `no "Replace with ${'${NAME}'}" quick fix for the credential among: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(!document.getText().includes(token));
    assert.match(document.lineAt(7).text, /^export GITHUB_TOKEN=\$\{[A-Z_]+\}$/);
    const after = await diagnosticsUntil(document.uri, (d) => !d.some((x) => rule(x) === 'credential'));
    assert.deepEqual(after.filter((x) => rule(x) === 'credential'), []);
  });
});
