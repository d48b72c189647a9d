// A team schema's section that changes production is treated as such by `runbooks steps` and `runbooks run`: the CLI
// loads the runbook through the same analysis as `runbooks lint`, with the schema given.
import { strict as assert } from 'node:assert';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCommand } from '../../server/src/cli/run';
import { stepsCommand } from '../../server/src/cli/steps';
import { fakeIO, workspace } from './cliHarness';

const TEAM_SCHEMA = path.resolve(__dirname, '..', '..', 'samples', 'schemas', 'team.runbook.schema.json');
const ROLLBACK_RUNBOOK = ['# Checkout errors', '', '## Meaning', '', 'Errors.', '', '## Roll back', '', '```bash', 'echo rolled-back > rolled.txt', '```', ''].join('\n');

function teamWorkspace(): string {
  const ws = workspace();
  copyFileSync(TEAM_SCHEMA, path.join(ws, 'team.schema.json'));
  writeFileSync(path.join(ws, 'runbooks', 'checkout.md'), ROLLBACK_RUNBOOK);
  return ws;
}

describe('cli: a team schema on the steps and run paths', () => {
  it('steps --schema names the step by the team section and marks it as changing production', async () => {
    const ws = teamWorkspace();
    const io = fakeIO(ws);
    assert.equal(await stepsCommand(['runbooks/checkout.md', '--schema', 'team.schema.json', '--format', 'json'], io), 0);
    const [step] = JSON.parse(io.out()) as { id: string; section: string; label: string; changesProduction: boolean }[];
    assert.deepEqual(step, { ...step, id: 'rollback-1', section: 'rollback', label: 'rollback step 1', changesProduction: true });
    // Without the team schema the same block is an ordinary step of an unknown section.
    const plain = fakeIO(ws);
    assert.equal(await stepsCommand(['runbooks/checkout.md', '--format', 'json'], plain), 0);
    const [unknown] = JSON.parse(plain.out()) as { id: string; changesProduction: boolean }[];
    assert.deepEqual([unknown.id, unknown.changesProduction], ['roll-back-1', false]);
  });

  it('run --schema refuses the team step without --yes (nothing run, nothing written) and runs it with --yes', async () => {
    const ws = teamWorkspace();
    const refused = fakeIO(ws);
    assert.equal(await runCommand(['runbooks/checkout.md', '--schema', 'team.schema.json', '--step', 'rollback-1', '--timeline', 't.jsonl'], refused), 2);
    assert.match(refused.err(), /rollback step 1 \(rollback-1\) changes production\b.* pass --yes/);
    assert.equal(existsSync(path.join(ws, 'rolled.txt')), false);
    assert.equal(existsSync(path.join(ws, 't.jsonl')), false);

    const ran = fakeIO(ws);
    assert.equal(await runCommand(['runbooks/checkout.md', '--schema', 'team.schema.json', '--step', '1', '--timeline', 't.jsonl', '--yes'], ran), 0);
    assert.equal(existsSync(path.join(ws, 'rolled.txt')), true);
  });

  it('a schema that cannot be used is exit 2 before anything runs', async () => {
    const ws = teamWorkspace();
    writeFileSync(path.join(ws, 'bad.json'), '{ "type": 12 }');
    const io = fakeIO(ws);
    assert.equal(await runCommand(['runbooks/checkout.md', '--schema', 'bad.json', '--step', '1', '--timeline', 't.jsonl', '--yes'], io), 2);
    assert.match(io.err(), /does not compile/);
    assert.equal(existsSync(path.join(ws, 'rolled.txt')), false);
  });
});
