// In-host end-to-end tests of the incident lifecycle commands (issue 6): the real commands, the real timeline file,
// the real postmortem export. Arguments skip the questions the commands ask a person.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

type Event = Record<string, unknown>;

function readEvents(file: string): Event[] {
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Event);
}

const run = <T>(command: string, args?: unknown): Thenable<T> => vscode.commands.executeCommand<T>(command, args);

describe('incident lifecycle commands', function () {
  before(function () {
    if (!vscode.workspace.isTrusted) {
      console.log('    (skipped: the lifecycle scenario runs in the trusted workspace)');
      this.skip();
    }
  });

  it('declare -> entries -> severity -> milestones -> status update -> postmortem, all in one timeline file', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const file = await run<string | undefined>('runbooks.declareIncident', { title: 'E2E checkout errors', severity: 'SEV2', impactStarted: '-20m', ic: 'dana' });
    assert.ok(file && existsSync(file), `declareIncident returned ${file}`);
    assert.equal(path.dirname(file), path.join(folder, 'incidents'));
    assert.match(path.basename(file), /^\d{4}-\d{2}-\d{2}-e2e-checkout-errors\.timeline\.jsonl$/);

    assert.equal(await run('runbooks.addEntry', { kind: 'hypothesis', text: 'the 14:00 deploy broke checkout' }), true);
    assert.equal(await run('runbooks.addEntry', { text: 'error rate 8%' }), true);
    assert.equal(await run('runbooks.setSeverity', { severity: 'SEV1', text: 'all checkouts failing' }), true);
    assert.equal(await run('runbooks.assignRole', { role: 'SME', person: 'eli' }), true);
    assert.equal(await run('runbooks.markDetected', { text: 'CheckoutErrors alert', at: '-15m' }), true);
    assert.equal(await run('runbooks.postStatusUpdate', { phase: 'initial', text: 'We are investigating failing checkouts.' }), true);
    assert.equal(await run('runbooks.markMitigated', { text: 'rolled back to v3.1' }), true);
    assert.equal(await run('runbooks.resolveIncident', { text: 'baseline for 10 minutes' }), true);

    const events = readEvents(file);
    assert.deepEqual(events.map((event) => event.kind), [
      'declared', 'role', 'impact-started', 'hypothesis', 'note', 'severity', 'role', 'detected', 'status-update', 'mitigated', 'resolved',
    ]);
    const [declared, ic, impact] = events;
    assert.equal(declared.title, 'E2E checkout errors');
    assert.equal(declared.severity, 'SEV2');
    assert.deepEqual([ic.role, ic.person], ['IC', 'dana']);
    const impactAgo = Date.now() - Date.parse(impact.at as string);
    assert.ok(impactAgo > 19 * 60_000 && impactAgo < 22 * 60_000, `impact-started back-dated by ${impactAgo} ms`);
    assert.equal(events[7].kind, 'detected');
    assert.ok(typeof events[7].at === 'string', 'detected was not back-dated');
    assert.equal(events[3].at, undefined, '"now" must not carry `at`');

    const draft = await run<string | undefined>('runbooks.exportPostmortem', { overwrite: true });
    assert.ok(draft && existsSync(draft), `exportPostmortem returned ${draft}`);
    assert.equal(draft, file.replace(/\.timeline\.jsonl$/, '.postmortem.md'));
    const markdown = readFileSync(draft, 'utf8');
    assert.match(markdown, /^# Postmortem: E2E checkout errors\n/);
    assert.match(markdown, /\| MTTD \(time to detect\) \| 5m \|/);
    assert.match(markdown, /- SEV1 \(Critical\) from .* \(re-declared\)/);
    assert.match(markdown, /## Hypotheses and findings\n\n- \d\d:\d\d UTC, Hypothesis: the 14:00 deploy broke checkout/);
    assert.ok(vscode.window.activeTextEditor?.document.uri.fsPath === draft, 'the draft was not opened');
  });

  it('switchIncident with a path makes that timeline active and returns it', async () => {
    const first = await run<string>('runbooks.declareIncident', { title: 'E2E first', severity: 'SEV4' });
    const second = await run<string>('runbooks.declareIncident', { title: 'E2E second', severity: 'SEV3' });
    assert.notEqual(first, second);
    assert.equal(await run('runbooks.switchIncident', first), first);
    await run('runbooks.addEntry', { kind: 'finding', text: 'logged to the first' });
    assert.equal(readEvents(first).pop()?.text, 'logged to the first');
    assert.ok(!readEvents(second).some((event) => event.text === 'logged to the first'));
  });

  it('a time that cannot be read is refused and nothing is written', async () => {
    const file = await run<string>('runbooks.declareIncident', { title: 'E2E bad time', severity: 'SEV4' });
    const before = readEvents(file).length;
    assert.equal(await run('runbooks.addEntry', { text: 'never logged', at: '25:99' }), undefined);
    assert.equal(await run('runbooks.markMitigated', { text: 'in the future', at: '2999-01-01T00:00Z' }), undefined);
    assert.equal(readEvents(file).length, before);
  });

  it('a secret typed into an entry never reaches the timeline file', async () => {
    const file = await run<string>('runbooks.declareIncident', { title: 'E2E secret', severity: 'SEV4' });
    const token = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
    await run('runbooks.addEntry', { text: `tried the API with ${token}` });
    const text = readFileSync(file, 'utf8');
    assert.ok(!text.includes(token), 'the token was written to the timeline');
    assert.match(text, /tried the API with .*REDACTED/);
  });
});
