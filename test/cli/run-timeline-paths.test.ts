// `runbooks run --timeline` pointing where no timeline can be: refused or failed at once, with the step not run.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCommand } from '../../server/src/cli/run';
import { fakeIO, workspace } from './cliHarness';

const RUNBOOK = 'runbooks/test.md';

describe('cli: runbooks run with a timeline that cannot be written', () => {
  it('a --timeline that is a symbolic link is refused before anything runs (exit 2), the link target untouched', async () => {
    const ws = workspace();
    const target = path.join(ws, 'elsewhere.txt');
    writeFileSync(target, 'keep\n');
    symlinkSync(target, path.join(ws, 'link.timeline.jsonl'));
    const io = fakeIO(ws);
    assert.equal(await runCommand([RUNBOOK, '--step', '1', '--timeline', 'link.timeline.jsonl'], io), 2);
    assert.match(io.err(), /--timeline: .*link\.timeline\.jsonl is a symbolic link; a timeline is never followed through one; nothing was run/);
    assert.equal(io.out(), '');
    assert.equal(readFileSync(target, 'utf8'), 'keep\n');
  });

  it('a --timeline whose folder cannot be made fails at once (exit 1) and the step does not run', async () => {
    const ws = workspace();
    const io = fakeIO(ws);
    assert.equal(await runCommand([RUNBOOK, '--step', '1', '--timeline', '/proc/nope/t.jsonl'], io), 1);
    assert.match(io.err(), /diagnostics-1 was not run: its start could not be recorded \(could not append to \/proc\/nope\/t\.jsonl: its folder cannot be created/);
    assert.equal(io.out(), '', 'the step ran');
    assert.equal(existsSync('/proc/nope'), false);
  });
});
