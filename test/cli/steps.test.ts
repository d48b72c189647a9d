import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { stepsCommand } from '../../server/src/cli/steps';
import { builtCliAvailable, fakeIO, runCli, workspace } from './cliHarness';

describe('cli: runbooks steps', () => {
  it('lists position, id, section and first line of every runnable step', async () => {
    const ws = workspace();
    const io = fakeIO(ws);
    assert.equal(await stepsCommand(['runbooks/test.md'], io), 0);
    const lines = io.out().trimEnd().split('\n');
    assert.match(lines[0], /^#\s+ID\s+SECTION\s+FIRST LINE$/);
    assert.equal(lines.length, 6);
    assert.match(lines[1], /^1\s+diagnostics-1\s+Diagnostics\s+echo "hello from/);
    assert.match(lines[2], /^2\s+diagnostics-2\s+Diagnostics\s+echo "namespace=\{\{namespace\}\}/);
    assert.match(lines[5], /^5\s+mitigations-1\s+Mitigation\s+echo restarted > restarted.txt\s+\[changes production\]$/);
  });

  it('--format json gives the steps as data', async () => {
    const io = fakeIO(workspace());
    assert.equal(await stepsCommand(['runbooks/test.md', '--format', 'json'], io), 0);
    const steps = JSON.parse(io.out()) as Array<{ id: string; changesProduction: boolean; label: string; commands: string }>;
    assert.deepEqual(steps.map((s) => s.id), ['diagnostics-1', 'diagnostics-2', 'diagnostics-3', 'diagnostics-4', 'mitigations-1']);
    assert.equal(steps[1].commands, 'echo "namespace={{namespace}} password={{db_password}}"');
    assert.equal(steps[4].changesProduction, true);
    assert.equal(steps[4].label, 'mitigation 1');
  });

  it('--format json says what each step does: section, effect, needsConfirmation and the deciding commands', async () => {
    const io = fakeIO(workspace());
    assert.equal(await stepsCommand(['runbooks/test.md', '--format', 'json'], io), 0);
    const steps = JSON.parse(io.out()) as Array<{ id: string; section: string; effect: string; needsConfirmation: boolean; effectReasons: unknown[] }>;
    assert.deepEqual([steps[0].section, steps[0].effect, steps[0].needsConfirmation], ['diagnostics', 'read-only', false]);
    assert.deepEqual([steps[4].section, steps[4].effect, steps[4].needsConfirmation, steps[4].effectReasons],
      ['mitigations', 'changes', true, [{ command: '> restarted.txt', effect: 'changes', why: 'writes restarted.txt' }]]);
  });

  it('a missing file or bad arguments are usage errors (exit 2)', async () => {
    const ws = workspace();
    const missing = fakeIO(ws);
    assert.equal(await stepsCommand(['nope.md'], missing), 2);
    assert.match(missing.err(), /nope\.md: cannot read: ENOENT/);
    // A binary file is refused as `runbooks lint` refuses it: the same reading, exit 2.
    writeFileSync(path.join(ws, 'binary.md'), Buffer.from([0x00, 0x01, 0x02, 0xff]));
    const binary = fakeIO(ws);
    assert.equal(await stepsCommand(['binary.md'], binary), 2);
    assert.match(binary.err(), /binary\.md: binary file \(contains NUL bytes\), not Markdown/);
    const noArgs = fakeIO(ws);
    assert.equal(await stepsCommand([], noArgs), 2);
    assert.match(noArgs.err(), /usage: runbooks steps/);
  });

  it('the built CLI dispatches `runbooks steps`', async function () {
    if (!builtCliAvailable()) {
      console.log('      (skipped: bin/runbooks.js or dist/cli.js missing; run npm run build)');
      this.skip();
    }
    const ws = workspace();
    const result = await runCli(['steps', path.join('runbooks', 'test.md')], ws);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /5\s+mitigations-1\s+Mitigation/);
  });
});
