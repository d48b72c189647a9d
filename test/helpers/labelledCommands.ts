// The hand-labelled real commands of test/fixtures/commands/labelled.tsv (label, source, command).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LabelledCommand {
  label: 'read-only' | 'changes';
  source: string;
  command: string;
}

/** The hand-labelled commands, in file order. */
export function labelledCommands(): LabelledCommand[] {
  const text = readFileSync(join(__dirname, '..', 'fixtures', 'commands', 'labelled.tsv'), 'utf8');
  return text.split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('label\t')).map((line) => {
    const [label, source, command] = line.split('\t');
    assert.ok(label === 'read-only' || label === 'changes', `bad label in: ${line}`);
    return { label, source, command };
  });
}
