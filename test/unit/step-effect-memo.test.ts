// The step classifier remembers each script's verdicts (issue 23: the shell parse of every step was most of a
// keystroke's analysis time). What is remembered must never answer for another command table, and a caller that
// changes what it got must not change what the next caller gets. The speed itself is measured in bench/latency.ts.
import { strict as assert } from 'node:assert';
import { classifyCommands, commandEffects, CommandTables } from '../../server/src/engine/steps/effect';

describe('step effect: remembered verdicts', () => {
  // One session's tables and verdicts, shared by every call below (as an engine session shares them).
  const tables = new CommandTables();

  it('a team table and the bundled one answer the same script each by its own rules, in any order', () => {
    const script = 'mytool flush --all';
    const team = { commands: { readOnly: [], changes: ['mytool flush'] }, tables };
    assert.equal(classifyCommands(script, { tables }).effect, 'unknown');
    assert.equal(classifyCommands(script, team).effect, 'changes');
    assert.equal(classifyCommands(script, { tables }).effect, 'unknown', 'the bundled table did not answer from the team one');
    // A copy of the same config (what an analysis worker receives each keystroke) uses the same rules.
    assert.equal(classifyCommands(script, { ...structuredClone({ commands: team.commands }), tables }).effect, 'changes');
    // Untrusted: the team's readOnly list does not count, so the verdict differs from the trusted one.
    const readOnly = { commands: { readOnly: ['mytool flush'], changes: [] }, tables };
    assert.equal(classifyCommands(script, readOnly).effect, 'read-only');
    assert.equal(classifyCommands(script, { ...readOnly, trusted: false }).effect, 'unknown');
  });

  it('what a caller gets is its own copy', () => {
    const first = commandEffects('kubectl delete pod web-1', { tables });
    assert.equal(first[0].effect, 'changes');
    first[0].effect = 'read-only';
    first.push({ command: 'x', effect: 'read-only', why: 'y' });
    const second = commandEffects('kubectl delete pod web-1', { tables });
    assert.equal(second.length, 1);
    assert.equal(second[0].effect, 'changes');
  });
});
