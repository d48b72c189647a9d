// One config for the editor and CI: the same runbook under one .runbooks.yaml gets the same findings from the language
// server and from `runbooks lint`; the config file's own problems are diagnostics on it.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { lintCommand } from '../../server/src/cli/lint';
import { fakeIO } from '../cli/cliHarness';
import { InProcessClient, memoryWorkspace } from '../helpers/lspInProcess';

const SAMPLES = resolve(__dirname, '..', '..', 'samples');
const TODAY = '2026-11-26';
const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];
const CONFIG = [
  'files: ["docs/**/*.md"]',
  'schema: schemas/team.json',
  'rules:',
  '  stale: info',
  '  causes: warning',
  '  schema/missing-section@escalation: error',
  '  frontmatter/missing-field: off',
  'sections:',
  '  mitigations: [Solutions List]',
  '  meaning: [Symptoms]',
  '',
].join('\n');
const RUNBOOK = ['# Checkout errors', '', '## Symptoms {#symptoms}', '', 'Users see errors.', '', '## Solutions List', '', '- Roll back.', '',
  '## Roll back', '', '```bash', 'kubectl rollout undo deploy/checkout', '```', ''].join('\n');

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runbooks-config-lsp-'));
  mkdirSync(join(dir, 'docs'), { recursive: true });
  mkdirSync(join(dir, 'schemas'));
  copyFileSync(join(SAMPLES, 'schemas', 'team.runbook.schema.json'), join(dir, 'schemas', 'team.json'));
  writeFileSync(join(dir, '.runbooks.yaml'), CONFIG);
  writeFileSync(join(dir, 'docs', 'checkout.md'), RUNBOOK);
  return dir;
}

describe('one config for the editor and the CLI', function () {
  this.timeout(30_000);
  let client: InProcessClient | undefined;
  afterEach(async () => client?.stop());

  it('the same file gets the same findings in the editor and in runbooks lint', async () => {
    const dir = workspace();
    client = await InProcessClient.start(dir, { trusted: true, today: TODAY });
    const uri = await client.open(join(dir, 'docs', 'checkout.md'), RUNBOOK);
    const editor = (await client.diagnostics(uri)).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity ?? 0]} ${d.code} ${d.message}`);

    const io = fakeIO(dir);
    assert.equal(await lintCommand(['--format', 'json', '--today', TODAY, 'docs'], io), 1, io.err());
    const cli = (JSON.parse(io.out()) as { line: number; column: number; severity: string; code: string; message: string }[])
      .map((f) => `${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}`);
    assert.deepEqual(editor, cli);
    // And the config did apply: aliases (with a {#id} suffix), severities per section and code, the team schema.
    const codes = cli.map((l) => l.split(' ').slice(0, 3).join(' '));
    assert.deepEqual(codes, [
      '1:1 warning schema/missing-section', '1:1 error schema/missing-section', '1:1 error schema/missing-section',
      '1:1 error schema/missing-section', '1:1 info stale/never-reviewed', '9:1 error schema/no-expected-outcome',
    ]);
    assert.ok(cli.some((l) => l.includes('Missing section "Impact"')), 'the team schema is used');
  });

  it('reports the config file\'s problems on it in the editor, and as exit 2 with the line in the CLI', async () => {
    const dir = workspace();
    const broken = 'rules:\n  stale: loud\n';
    writeFileSync(join(dir, '.runbooks.yaml'), broken);
    client = await InProcessClient.start(dir, { trusted: true, today: TODAY });
    const uri = await client.open(join(dir, '.runbooks.yaml'), broken);
    const diags = await client.diagnostics(uri);
    assert.deepEqual(diags.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['config/invalid', 1, 9]]);
    const io = fakeIO(dir);
    assert.equal(await lintCommand(['--today', TODAY, 'docs'], io), 2);
    assert.match(io.err(), /^runbooks lint: \.runbooks\.yaml:2:10: error config "rules\.stale" must be one of/m);
  });

  it('in an untrusted workspace the config\'s schema is not used, and severities only go down', async () => {
    // In memory: the other tests here compare with `runbooks lint` on the disk; this one is the editor's alone.
    const memory = memoryWorkspace(TODAY, {
      '.runbooks.yaml': CONFIG.replace('files: ["docs/**/*.md"]', 'files: ["**/*.md"]'),
      'schemas/team.json': readFileSync(join(SAMPLES, 'schemas', 'team.runbook.schema.json'), 'utf8'),
    });
    const dir = memory.folder;
    client = await InProcessClient.start(dir, { trusted: false, today: TODAY, memory });
    // `files` is not taken from an untrusted config: docs/ is not a runbook folder by default, runbooks/ is.
    assert.deepEqual(await client.diagnostics(await client.open(join(dir, 'docs', 'checkout.md'), RUNBOOK)), []);
    const diags = await client.diagnostics(await client.open(join(dir, 'runbooks', 'checkout.md'), RUNBOOK));
    assert.ok(!diags.some((d) => d.message.includes('Impact')), 'no team schema');
    const escalation = diags.find((d) => d.message.startsWith('Missing section "Escalation"'));
    assert.equal(SEVERITY[escalation?.severity ?? 0], 'error');
    const causes = diags.find((d) => d.message.startsWith('Missing section "Common causes"'));
    assert.equal(SEVERITY[causes?.severity ?? 0], 'warning', 'lowered by the config');
    assert.ok(memory.host.fs.readText(join(dir, '.runbooks.yaml'), { maxBytes: 1 << 20 }).includes('schema:'));
  });

  it('baselined findings are hints in the editor; fix-all applies the safe fixes; skeleton fixes carry tab stops', async () => {
    const dir = workspace();
    writeFileSync(join(dir, '.runbooks.yaml'), 'files: ["docs/**/*.md"]\nbaseline: runbooks.baseline\nsections:\n  mitigations: [Solutions List]\n  meaning: [Symptoms]\n');
    const io = fakeIO(dir);
    await lintCommand(['--today', TODAY, '--write-baseline', 'runbooks.baseline', 'docs'], io);
    const edited = RUNBOOK.replace('- Roll back.', '- Roll back.\n\n  Expected: errors stop.\n\n- Scale up.');
    client = await InProcessClient.start(dir, { trusted: true, today: TODAY });
    const uri = await client.open(join(dir, 'docs', 'checkout.md'), edited);
    const diags = await client.diagnostics(uri);
    const bySeverity = diags.map((d) => `${SEVERITY[d.severity ?? 0]} ${d.code}`);
    // Everything the baseline holds is a hint; the option added since ("Scale up") is not.
    assert.deepEqual(bySeverity.filter((x) => !x.startsWith('hint')), ['error schema/no-expected-outcome']);
    assert.ok(bySeverity.filter((x) => x.startsWith('hint')).length >= 4);

    const missing = diags.find((d) => d.code === 'schema/missing-section');
    const [quickFix] = await client.codeActions(uri, missing ? [missing] : []);
    const snippet = (quickFix.data as { snippets: { edits: { snippet: string }[] } }).snippets.edits[0].snippet;
    assert.match(snippet, /\$\{1:TODO: /);
    const fixAll = await client.rpc.sendRequest<{ title: string; kind: string; edit: { changes: Record<string, unknown[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(fixAll.map((a) => a.kind), ['source.fixAll.runbooks']);
    assert.equal(fixAll[0].edit.changes[uri].length, diags.filter((d) => d.code === 'schema/missing-section').length);
  });
});
