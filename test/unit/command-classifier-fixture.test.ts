// The command classifier against real commands labelled by hand (test/fixtures/commands/labelled.tsv: the shared
// corpora and public runbook pages, with their source): every command that changes something is classified
// `changes` (100% recall), so none can run without a confirmation; the read-only figures are printed.
import { strict as assert } from 'node:assert';
import { classifyCommands } from '../../server/src/engine/steps/effect';
import { labelledCommands } from '../helpers/labelledCommands';

describe('command classifier: hand-labelled real commands', () => {
  const rows = labelledCommands();

  it('has at least 250 commands, each with a source', () => {
    assert.ok(rows.length >= 250, `${rows.length} rows`);
    for (const r of rows) assert.ok(r.source && r.command, JSON.stringify(r));
  });

  it('classifies every command that changes something as changes (recall 100%); reports read-only precision', () => {
    const missed = rows.filter((r) => r.label === 'changes').map((r) => ({ ...r, got: classifyCommands(r.command) }))
      .filter((r) => r.got.effect !== 'changes').map((r) => `${r.got.effect}: ${r.command} (${r.source})`);
    assert.deepEqual(missed, []);
    const readOnly = rows.filter((r) => r.label === 'read-only');
    const classifiedReadOnly = rows.filter((r) => classifyCommands(r.command).effect === 'read-only');
    const truePositives = classifiedReadOnly.filter((r) => r.label === 'read-only').length;
    const precision = truePositives / classifiedReadOnly.length;
    assert.equal(precision, 1, 'a command labelled changes was classified read-only');
    // eslint-disable-next-line no-console
    console.log(`      ${rows.length} commands (${rows.length - readOnly.length} changes, ${readOnly.length} read-only): changes recall 100%; `
      + `read-only precision ${(precision * 100).toFixed(1)}% (${truePositives}/${classifiedReadOnly.length}), `
      + `read-only recall ${((truePositives / readOnly.length) * 100).toFixed(1)}% (${truePositives}/${readOnly.length}; the rest ask first)`);
  });
});
