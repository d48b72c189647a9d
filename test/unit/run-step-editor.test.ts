// The editor's real "Run" command (client/src/run/runStep.ts), loaded with a fake `vscode` and the step resolved by the
// real language server in-process: taking the modal confirmation out of runStep (or its gate) fails here, in
// `npm test`, not only in the code-server scenarios. The mitigation is a harmless `rm` of a scratch file, so a broken
// runStep deletes that file (the test sees it) and never anything on the developer's machine or cluster.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { RunResult } from '../../server/src/engine/runner/index';
import type { StepRunner } from '../../client/src/run/runStep';
import { readTimeline } from '../../server/src/engine/timeline/store';
import { installFakeVscode, type FakeVscodeState } from '../helpers/fakeVscode';
import { InProcessClient } from '../helpers/lspInProcess';

const RUNBOOK = [
  '# Checkout errors', '',
  '## Diagnostics', '',
  '```bash', 'echo pods-look-fine', '```', '',
  '```console', 'NAME READY', 'web-1 1/1', '```', '',
  '## Mitigation', '',
  '```bash', 'rm -f leftover.txt', '```', '',
  'Expected: errors stop.', '',
].join('\n');

type RunStep = (runner: StepRunner, rawArgs: unknown, target?: string) => Promise<RunResult | undefined>;

describe('runStep in the editor: the real command, with a fake VS Code', () => {
  let folder: string;
  let lsp: InProcessClient;
  let uri: string;
  let state: FakeVscodeState;
  let uninstall: () => void;
  let runStep: RunStep;
  let runner: StepRunner;
  let timeline: string;
  const memento = new Map<string, unknown>();
  const context = {
    globalState: { get: (key: string) => memento.get(key), update: async (key: string, value: unknown) => void memento.set(key, value), keys: () => [...memento.keys()] },
    subscriptions: [],
  } as unknown as vscode.ExtensionContext;

  before(async () => {
    folder = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'runbooks-runstep-')));
    mkdirSync(path.join(folder, 'runbooks'));
    const file = path.join(folder, 'runbooks', 'checkout.md');
    writeFileSync(file, RUNBOOK);
    lsp = await InProcessClient.start(folder, { trusted: true, today: '2026-01-15' });
    uri = await lsp.open(file, RUNBOOK);
    ({ state, uninstall } = installFakeVscode({ folder, settings: { actor: 'dana' } }));
    ({ runStep } = await import('../../client/src/run/runStep') as { runStep: RunStep });
    const { RunTerminals } = await import('../../client/src/run/runTerminal');
    const { WrittenEvents } = await import('../../client/src/incident/written');
    // The language client is the one stand-in below runStep: it forwards to the real server, as the editor's does.
    const client = { isRunning: () => true, sendRequest: (method: string, params: unknown) => lsp.request(method, params) };
    const server = { client: () => client, whenReady: async () => client } as unknown as StepRunner['server'];
    // The extension session's parts a run uses, fresh for this test: nothing is shared with another test through a module.
    runner = { context, server, runTerminals: new RunTerminals(), placeholders: new Map(), written: new WrittenEvents() };
  });

  after(async () => {
    uninstall();
    await lsp.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  let n = 0;
  beforeEach(() => {
    state.shown = [];
    state.terminalOutput = [];
    state.trusted = true;
    state.answerWarning = () => undefined;
    timeline = path.join(folder, 'incidents', `t${++n}.timeline.jsonl`);
  });

  /** The Run lens's argument for a step, as the server shows it. */
  async function lensArgs(stepId: string): Promise<unknown> {
    const lenses = await lsp.codeLenses(uri);
    const run = lenses.find((l) => l.command?.command === 'runbooks.runStep' && (l.command.arguments?.[0] as { stepId: string }).stepId === stepId);
    assert.ok(run?.command?.arguments, `no Run lens for ${stepId}: ${lenses.map((l) => l.command?.title).join(', ')}`);
    return run.command.arguments[0];
  }

  it('asks in a modal before a mitigation, naming the command; closing it runs nothing and logs nothing', async () => {
    writeFileSync(path.join(folder, 'leftover.txt'), 'still here');
    const result = await runStep(runner, await lensArgs('mitigations-1'), timeline);
    assert.equal(result, undefined);
    const warnings = state.shown.filter((s) => s.kind === 'warning');
    assert.equal(warnings.length, 1, JSON.stringify(state.shown));
    assert.equal(warnings[0].options?.modal, true);
    assert.match(warnings[0].message, /mitigations-1.*changes production.*`rm -f leftover\.txt`/);
    assert.match(warnings[0].options?.detail ?? '', /rm -f leftover\.txt/);
    assert.ok(existsSync(path.join(folder, 'leftover.txt')), 'the step ran: the file it removes is gone');
    assert.ok(!existsSync(timeline), 'a refused run wrote to the timeline');
    assert.deepEqual(state.terminalOutput, []);
  });

  it('runs the mitigation once the person chooses the modal\'s button', async () => {
    writeFileSync(path.join(folder, 'leftover.txt'), 'still here');
    state.answerWarning = (shown) => shown.buttons[0];
    const result = await runStep(runner, await lensArgs('mitigations-1'), timeline);
    assert.equal(result?.exitCode, 0);
    assert.ok(!existsSync(path.join(folder, 'leftover.txt')));
    const started = readTimeline(readFileSync(timeline, 'utf8')).events.find((e) => e.kind === 'command-started');
    assert.equal(started?.effect, 'changes');
  });

  it('runs a read-only diagnostic with no dialog, logged to the timeline and shown in the terminal', async () => {
    const result = await runStep(runner, await lensArgs('diagnostics-1'), timeline);
    assert.deepEqual(state.shown, []);
    assert.equal(result?.exitCode, 0);
    const events = readTimeline(readFileSync(timeline, 'utf8')).events;
    assert.deepEqual(events.map((e) => [e.kind, e.step, e.effect ?? null]), [['command-started', 'diagnostics-1', 'read-only'], ['command-finished', 'diagnostics-1', 'read-only']]);
    assert.match(state.terminalOutput.join(''), /pods-look-fine/);
  });

  it('refuses a console block with no prompt: an error says why and nothing is logged', async () => {
    const result = await runStep(runner, await lensArgs('diagnostics-2'), timeline);
    assert.equal(result, undefined);
    assert.equal(state.shown.length, 1, JSON.stringify(state.shown));
    assert.equal(state.shown[0].kind, 'error');
    assert.match(state.shown[0].message, /^diagnostics-2 runs nothing: .* Nothing was run\.$/);
    assert.ok(!existsSync(timeline));
  });

  it('runs nothing in an untrusted workspace and says why', async () => {
    state.trusted = false;
    writeFileSync(path.join(folder, 'leftover.txt'), 'still here');
    assert.equal(await runStep(runner, await lensArgs('mitigations-1'), timeline), undefined);
    assert.match(state.shown[0]?.message ?? '', /only in a trusted workspace/);
    assert.ok(existsSync(path.join(folder, 'leftover.txt')));
    assert.ok(!existsSync(timeline));
  });
});
