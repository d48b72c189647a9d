import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { CodeAction, CodeLens, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../helpers/text';

const ROOT = resolve(__dirname, '..', '..');
const SERVER = join(ROOT, 'dist', 'server.js');
const SAMPLES = join(ROOT, 'samples');

/** The built server over stdio, as an editor would drive it, with `runbooks.*` settings it can ask for. */
class Client {
  readonly shown: string[] = [];
  readonly applied: WorkspaceEdit[] = [];
  private versions = new Map<string, number>();
  private texts = new Map<string, string>();

  private constructor(readonly child: ChildProcess, readonly rpc: MessageConnection) {}

  static async start(folder: string, options: { trusted: boolean; settings?: Record<string, unknown> }): Promise<Client> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr?.resume();
    const rpc = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new Client(child, rpc);
    rpc.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => options.settings ?? {}));
    rpc.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      client.applied.push(p.edit);
      return { applied: true };
    });
    rpc.onNotification('window/showMessage', (p: { message: string }) => client.shown.push(p.message));
    rpc.onRequest('window/showMessageRequest', (p: { message: string }) => {
      client.shown.push(p.message);
      return null;
    });
    rpc.onRequest(() => null);
    rpc.onNotification(() => undefined);
    rpc.listen();
    const uri = pathToFileURL(folder).toString();
    await rpc.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'ws' }],
      capabilities: { workspace: { configuration: true, applyEdit: true }, textDocument: { diagnostic: {} } },
      initializationOptions: { trusted: options.trusted },
    });
    await rpc.sendNotification('initialized', {});
    return client;
  }

  async open(path: string, text: string): Promise<string> {
    const uri = pathToFileURL(path).toString();
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return uri;
  }

  async replace(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  text(uri: string): string {
    return this.texts.get(uri) ?? '';
  }

  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const report = await this.rpc.sendRequest<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    return report.items;
  }

  codeActions(uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.rpc.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }

  codeLenses(uri: string): Promise<CodeLens[]> {
    return this.rpc.sendRequest('textDocument/codeLens', { textDocument: { uri } });
  }

  async stop(): Promise<void> {
    await Promise.race([this.rpc.sendRequest('shutdown').catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
    await this.rpc.sendNotification('exit').catch(() => undefined);
    this.rpc.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runbooks-lsp-'));
  mkdirSync(join(dir, 'runbooks'));
  return dir;
}

describe('language server over stdio', function () {
  this.timeout(30_000);
  let client: Client;
  let folder: string;

  before(function () {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build first (npm test does)`);
  });
  afterEach(async () => client?.stop());

  it('publishes diagnostics with exact ranges, rule codes and the fix data', async () => {
    folder = workspace();
    client = await Client.start(folder, { trusted: true });
    const text = readFileSync(join(SAMPLES, 'missing-sections.md'), 'utf8');
    const uri = await client.open(join(folder, 'runbooks', 'search.md'), text);
    const diags = await client.diagnostics(uri);
    assert.deepEqual(diags.map((d) => [d.code, d.source, d.severity, d.range.start.line, d.range.end.character, d.message.split(':')[0]]), [
      ['schema', 'runbooks', 1, 8, 22, 'Missing section "Common causes"'],
      ['schema', 'runbooks', 1, 8, 22, 'Missing section "Escalation"'],
    ]);
  });

  it('the "Add missing section" quick fix edit removes that diagnostic', async () => {
    folder = workspace();
    client = await Client.start(folder, { trusted: true });
    const uri = await client.open(join(folder, 'runbooks', 'search.md'), readFileSync(join(SAMPLES, 'missing-sections.md'), 'utf8'));
    const diags = await client.diagnostics(uri);
    const actions = await client.codeActions(uri, [diags[0]]);
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred]), [['Add missing section "Common causes"', 'quickfix', true]]);
    const edits = actions[0].edit?.changes?.[uri] as TextEdit[];
    await client.replace(uri, applyEdits(client.text(uri), edits));
    const after = await client.diagnostics(uri);
    assert.deepEqual(after.map((d) => d.message.split(':')[0]), ['Missing section "Escalation"']);
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
    assert.match(String(titles[0]), /^Reviewed \d+ days? ago.* · Mark reviewed$|^Reviewed today · Mark reviewed$/);
    assert.deepEqual(titles.slice(1), [
      '▶ Run diagnostic step 1', 'Copy', '▶ Run diagnostic step 2', 'Copy', '▶ Run diagnostic step 3', 'Copy',
      '▶ Run mitigation 1', 'Copy', '▶ Run mitigation 2', 'Copy',
    ]);
    const run = lenses[1].command;
    assert.equal(run?.command, 'runbooks.runStep');
    assert.deepEqual(run?.arguments?.[0], { uri, stepId: 'diagnostics-1', position: 1, code: 'kubectl -n checkout rollout history deployment/checkout-api | tail -n 5' });
    assert.equal(lenses[1].range.start.line, 28);

    await client.rpc.sendRequest('workspace/executeCommand', { command: 'runbooks.markReviewed', arguments: [uri] });
    const edit = client.applied[0]?.changes?.[uri];
    assert.equal(edit?.length, 1);
    assert.equal(edit?.[0].newText, new Date().toISOString().slice(0, 10));
    assert.equal(edit?.[0].range.start.line, 7);
  });

  it('in an untrusted workspace: no run lens (it offers to manage trust) and the team schema is not used', async () => {
    folder = workspace();
    writeFileSync(join(folder, 'team.schema.json'), readFileSync(join(SAMPLES, 'schemas', 'team.runbook.schema.json')));
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
    writeFileSync(join(folder, 'bad.schema.json'), '{ "properties": { "sections": { "type": 12 } } }');
    client = await Client.start(folder, { trusted: true, settings: { schema: 'bad.schema.json' } });
    const uri = await client.open(join(folder, 'runbooks', 'a.md'), readFileSync(join(SAMPLES, 'missing-sections.md'), 'utf8'));
    assert.equal((await client.diagnostics(uri)).length, 2);
    await client.diagnostics(await client.open(join(folder, 'runbooks', 'b.md'), '# B\n'));
    assert.equal(client.shown.filter((m) => m.includes('bad.schema.json does not compile')).length, 1);
  });

  it('lists stale runbooks of the workspace, most overdue first (not those whose front matter is broken)', async () => {
    folder = workspace();
    const fm = (date: string) => `---\ntitle: ${date}\nlast_reviewed: ${date}\n---\n# T\n`;
    writeFileSync(join(folder, 'runbooks', 'fresh.md'), fm(new Date().toISOString().slice(0, 10)));
    writeFileSync(join(folder, 'runbooks', 'old.md'), fm('2020-01-01'));
    writeFileSync(join(folder, 'runbooks', 'older.md'), fm('2019-01-01'));
    writeFileSync(join(folder, 'runbooks', 'never.md'), '# Never\n');
    writeFileSync(join(folder, 'runbooks', 'broken.md'), '---\ntitle: [unclosed\n---\n# Broken\n');
    writeFileSync(join(folder, 'README.md'), '# not a runbook\n');
    client = await Client.start(folder, { trusted: true });
    const list = await client.rpc.sendRequest<{ uri: string; lastReviewed: string | null; daysOverdue: number }[]>('runbooks/staleRunbooks', {});
    assert.deepEqual(list.map((s) => s.uri.split('/').pop()), ['never.md', 'older.md', 'old.md']);
    assert.ok(list[1].daysOverdue > list[2].daysOverdue);
  });
});
