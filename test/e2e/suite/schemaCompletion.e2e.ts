// In a real VS Code: a runbook schema file (*.runbook.schema.json) gets completion and validation for the Runbooks
// keywords (aliases, skeleton, ...) and for JSON Schema draft-07, through the manifest's jsonValidation.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

function workspaceFile(name: string): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) throw new Error('the in-host suite needs a workspace folder');
  return path.join(folder, name);
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

describe('runbook schema files (jsonValidation)', function () {
  this.timeout(60_000);

  it('completes the Runbooks keywords and JSON Schema keywords inside a section of a *.runbook.schema.json', async () => {
    const file = workspaceFile('completion.runbook.schema.json');
    writeFileSync(file, '{\n  "properties": {\n    "impact": {\n      \n    }\n  }\n}\n');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(document);
    const at = new vscode.Position(3, 6);
    let labels: string[] = [];
    // The JSON language server starts on first use; ask again until it answers with the schema's keywords.
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, at);
      labels = list.items.map(labelOf);
      if (labels.includes('aliases')) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    for (const keyword of ['aliases', 'skeleton', 'stepLabel', 'changesProduction', 'severity', 'errorMessage', 'type', 'required']) {
      assert.ok(labels.includes(keyword), `no completion "${keyword}"; offered: ${labels.join(', ')}`);
    }
  });

  it('flags a Runbooks keyword of the wrong type', async () => {
    const file = workspaceFile('invalid.runbook.schema.json');
    writeFileSync(file, '{\n  "properties": {\n    "impact": { "changesProduction": "yes", "aliases": ["Impact"] }\n  }\n}\n');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(document);
    let problems: vscode.Diagnostic[] = [];
    for (const deadline = Date.now() + 30_000; Date.now() < deadline && problems.length === 0;) {
      problems = vscode.languages.getDiagnostics(document.uri);
      if (problems.length === 0) await new Promise((resolve) => setTimeout(resolve, 300));
    }
    assert.equal(problems.length, 1, `expected one problem, got: ${problems.map((p) => p.message).join(' | ')}`);
    assert.equal(document.getText(problems[0].range), '"yes"');
    assert.match(problems[0].message, /boolean/i);
  });
});
