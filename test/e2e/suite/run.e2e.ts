// In-host end-to-end tests of running runbook steps (issue 5): the real lens from the language server, the real
// runbooks.runStep command, the real timeline file. Each describe block runs only in its trust scenario.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseRunbook } from '../../../server/src/engine/index';

const RUNBOOK = `---
title: E2E run steps
service: e2e
owner: team-e2e
alerts: [E2eDown]
last_reviewed: 2026-11-01
---

# E2E run steps

## Meaning

The e2e service is down.

## Common causes

- A bad deploy.

## Diagnostics

1. Say where we are:

   \`\`\`bash
   echo "e2e diagnostic in $(basename "$PWD")"
   \`\`\`

## Mitigation

### Option 1: restart

\`\`\`bash
touch mitigation-ran.txt
\`\`\`

Expected: the service answers again.

## Escalation

Page @e2e-oncall after 15 minutes.
`;

/** Writes the e2e runbook into the workspace and opens it; returns its document. */
async function openE2eRunbook(folder: string): Promise<vscode.TextDocument> {
  const file = path.join(folder, 'runbooks', 'e2e-run.md');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, RUNBOOK);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(document);
  return document;
}

/** The code lenses of a document once the language server serves some for its steps (polls up to 30 s). */
async function lensesOf(document: vscode.TextDocument, wanted: (lens: vscode.CodeLens) => boolean): Promise<vscode.CodeLens[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri) ?? [];
    if (lenses.some(wanted) || Date.now() > deadline) return lenses;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The timeline's events, every line parsed (a bad line fails the test). */
function readEvents(file: string): Array<Record<string, unknown>> {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}

const folderPath = (): string => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';

describe('run steps: trusted workspace', function () {
  before(function () {
    if (!vscode.workspace.isTrusted) {
      console.log('    (skipped: this scenario runs with a trusted workspace)');
      this.skip();
    }
  });

  it('the "▶ Run diagnostic step 1" lens appends command-started and command-finished with exit code 0', async () => {
    const folder = folderPath();
    const document = await openE2eRunbook(folder);
    const timeline = await vscode.commands.executeCommand<string | undefined>(
      'runbooks.declareIncident', { title: 'E2E run steps', severity: 'SEV3' });
    assert.ok(timeline && existsSync(timeline), `declareIncident gave ${timeline}`);
    const before = readEvents(timeline).length;

    const isRunLens = (l: vscode.CodeLens): boolean => l.command?.command === 'runbooks.runStep';
    const lenses = await lensesOf(document, isRunLens);
    const run = lenses.find((l) => isRunLens(l) && l.command?.title === '▶ Run diagnostic step 1 (read-only)');
    assert.ok(run?.command, `no "▶ Run diagnostic step 1" lens among: ${lenses.map((l) => l.command?.title).join(' | ')}`);
    assert.ok(lenses.some((l) => l.command?.command === 'runbooks.copyStep'), 'no Copy lens');

    const result = await vscode.commands.executeCommand<{ exitCode: number | null } | undefined>(
      run.command.command, ...(run.command.arguments ?? []));
    assert.equal(result?.exitCode, 0);
    // It ran without a confirmation (a read-only step of a read-only section), in the workspace folder (its output says).

    const added = readEvents(timeline).slice(before);
    assert.deepEqual(added.map((e) => e.kind), ['command-started', 'command-finished']);
    const [started, finished] = added;
    assert.equal(started.runbook, 'runbooks/e2e-run.md');
    assert.equal(started.step, 'diagnostics-1');
    assert.equal(finished.exitCode, 0);
    assert.equal(finished.output, `e2e diagnostic in ${path.basename(folder)}`);
    assert.equal(finished.cwd, folder);
  });

  it('refuses a lens whose block changed since the lens was made, writing nothing', async () => {
    const folder = folderPath();
    const document = await openE2eRunbook(folder);
    const timeline = await vscode.commands.executeCommand<string | undefined>(
      'runbooks.declareIncident', { title: 'E2E stale lens', severity: 'SEV4' });
    assert.ok(timeline);
    const before = readEvents(timeline).length;
    const stale = [{ uri: document.uri.toString(), stepId: 'diagnostics-1', position: 1, code: 'echo "an older version"' }];
    const result = await vscode.commands.executeCommand('runbooks.runStep', ...stale);
    assert.equal(result, undefined);
    assert.equal(readEvents(timeline).length, before);
  });
});

describe('run steps: untrusted workspace (Workspace Trust on, folder not trusted; pending in the trusted pass, run by the untrusted pass)', function () {
  before(function () {
    if (vscode.workspace.isTrusted) {
      console.log('    (skipped: this scenario needs Workspace Trust enabled and the folder untrusted)');
      this.skip();
    }
  });

  it('offers no Run lens, and runbooks.runStep runs nothing and writes no line', async () => {
    const folder = folderPath();
    const document = await openE2eRunbook(folder);
    const lenses = await lensesOf(document, (l) => l.command?.command === 'workbench.trust.manage');
    assert.ok(lenses.some((l) => l.command?.command === 'workbench.trust.manage'), 'no "manage trust" lens');
    assert.ok(!lenses.some((l) => l.command?.command === 'runbooks.runStep'), 'a Run lens is offered in Restricted Mode');

    // Invoke the command anyway, as a stale lens or a keybinding would, with exactly the arguments a trusted lens has.
    // It shows a warning that stays pending until dismissed, so it is not awaited; give it time to do (nothing) first.
    const timelinesBefore = timelineContents(folder);
    for (const step of parseRunbook(document.getText()).steps) {
      void vscode.commands.executeCommand('runbooks.runStep', { uri: document.uri.toString(), stepId: step.id, position: step.position, code: step.code });
    }
    await new Promise((r) => setTimeout(r, 3000));
    assert.equal(existsSync(path.join(folder, 'mitigation-ran.txt')), false, 'a mitigation ran in an untrusted workspace');
    assert.deepEqual(timelineContents(folder), timelinesBefore, 'a timeline line was written in an untrusted workspace');
  });
});

/** Every timeline file under the workspace's incidents/ folder with its content. */
function timelineContents(folder: string): Record<string, string> {
  const dir = path.join(folder, 'incidents');
  if (!existsSync(dir)) return {};
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}
