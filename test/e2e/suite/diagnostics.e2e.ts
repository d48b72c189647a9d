// In a real VS Code: the extension activates on a sample runbook, the Problems of every sample equal what
// `runbooks lint --format json` reports for the same file, and the "Add missing section" quick fix removes its finding.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { log } from './mochaSetup';

const EXTENSION_ID = 'runbooks.runbooks';

/** One finding in the CLI's JSON shape (1-based lines and columns, end column exclusive). */
interface CliFinding {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  /** The finding code (`schema/missing-section`): the editor's diagnostic code and the CLI's `code`. */
  code: string;
  message: string;
}

const SEVERITY: Record<number, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

function workspaceFolder(): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) throw new Error('the in-host suite needs a workspace folder (a scratch copy of samples/)');
  return folder;
}

function ruleOf(code: vscode.Diagnostic['code']): string {
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

/** The editor's diagnostics in the CLI's shape, sorted like `sortFindings`. */
function editorFindings(uri: vscode.Uri): CliFinding[] {
  return sortFindings(vscode.languages.getDiagnostics(uri).map((d) => ({
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: SEVERITY[d.severity],
    code: ruleOf(d.code),
    message: d.message,
  })));
}

/** Runs the repository's CLI (bin/runbooks.js, the built dist/cli.js) from the extension host on one file. */
function cliFindings(file: string): CliFinding[] {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
  const result = spawnSync(process.execPath, [path.join(extension.extensionPath, 'bin', 'runbooks.js'), 'lint', '--format', 'json', file], {
    cwd: path.dirname(file), encoding: 'utf8', timeout: 60_000,
  });
  assert.ok(result.stdout.trim().startsWith('['), `runbooks lint printed no JSON (exit ${result.status}): ${result.stderr}`);
  const findings = JSON.parse(result.stdout) as CliFinding[];
  return sortFindings(findings.map(({ line, column, endLine, endColumn, severity, code, message }) =>
    ({ line, column, endLine, endColumn, severity, code, message })));
}

function sortFindings(findings: CliFinding[]): CliFinding[] {
  const key = (f: CliFinding): string => `${String(f.line).padStart(6)}${String(f.column).padStart(6)}${f.code}\u0000${f.message}`;
  return [...findings].sort((a, b) => key(a).localeCompare(key(b)));
}

async function open(file: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Polls until `check` passes (diagnostics arrive asynchronously), then returns; rethrows its last failure on timeout. */
async function eventually(check: () => void, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

const samples = readdirSync(workspaceFolder()).filter((name) => name.endsWith('.md')).sort();

describe('diagnostics in VS Code (real extension host)', function () {
  this.timeout(60_000);

  it('activates on a sample runbook and the language server reports its problems', async () => {
    await open(path.join(workspaceFolder(), 'missing-sections.md'));
    await eventually(() => assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 'extension not active'));
    const uri = vscode.Uri.file(path.join(workspaceFolder(), 'missing-sections.md'));
    await eventually(() => assert.ok(vscode.languages.getDiagnostics(uri).length > 0, 'no diagnostics from the server'), 30_000);
  });

  it('finds the samples to compare', () => {
    assert.ok(samples.includes('complete.md') && samples.includes('missing-sections.md'), `samples: ${samples.join(', ')}`);
  });

  for (const name of samples) {
    it(`${name}: Problems equal \`runbooks lint --format json\``, async () => {
      const file = path.join(workspaceFolder(), name);
      const expected = cliFindings(file);
      await open(file);
      await eventually(() => assert.deepEqual(editorFindings(vscode.Uri.file(file)), expected));
      log(`      ${expected.length} finding(s): ${[...new Set(expected.map((f) => f.code))].join(', ') || 'none'}`);
    });
  }

  it('"Add missing section" quick fix inserts the section and its problem goes away', async () => {
    const file = path.join(workspaceFolder(), 'missing-sections.md');
    const uri = vscode.Uri.file(file);
    await open(file);
    const isMissing = (d: vscode.Diagnostic): boolean => d.message.startsWith('Missing section "Escalation"');
    await eventually(() => assert.ok(vscode.languages.getDiagnostics(uri).some(isMissing), 'no "Missing section Escalation" problem'));
    const diagnostic = vscode.languages.getDiagnostics(uri).find(isMissing)!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title === 'Add missing section "Escalation"');
    assert.ok(fix, `no such quick fix; offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(fix.edit, 'the quick fix carries no edit');
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true, 'applyEdit refused the edit');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.match(document.getText(), /^## Escalation$/m);
    await eventually(() => {
      const remaining = vscode.languages.getDiagnostics(uri);
      assert.ok(!remaining.some(isMissing), 'the "Missing section Escalation" problem is still there');
      assert.ok(remaining.some((d) => d.message.startsWith('Missing section "Common causes"')), 'the other missing section vanished too');
    });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a runbooks.* setting change reaches the server (staleErrorAfterDays turns the stale error into a warning)', async () => {
    const file = path.join(workspaceFolder(), 'stale.md');
    const uri = vscode.Uri.file(file);
    await open(file);
    const staleSeverity = (): vscode.DiagnosticSeverity | undefined =>
      vscode.languages.getDiagnostics(uri).find((d) => ruleOf(d.code).startsWith('stale/'))?.severity;
    await eventually(() => assert.equal(staleSeverity(), vscode.DiagnosticSeverity.Error, 'stale.md is far more than 365 days overdue'));
    const settings = vscode.workspace.getConfiguration('runbooks', uri);
    await settings.update('staleErrorAfterDays', 100_000, vscode.ConfigurationTarget.Workspace);
    try {
      await eventually(() => assert.equal(staleSeverity(), vscode.DiagnosticSeverity.Warning), 30_000);
    } finally {
      await settings.update('staleErrorAfterDays', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await eventually(() => assert.equal(staleSeverity(), vscode.DiagnosticSeverity.Error), 30_000);
  });
});
