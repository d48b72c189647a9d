import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCommand } from '../../server/src/cli/run';
import { runStepLogged } from '../../server/src/engine/runner/index';
import {
  fillPlaceholders, loggedCommand, missingPlaceholders, PlaceholderValueError, placeholderValues,
} from '../../server/src/engine/steps/placeholders';
import { readTimeline } from '../../server/src/engine/timeline/store';
import type { Step } from '../../server/src/engine/types';
import { fakeIO } from '../cli/cliHarness';

const ws = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'runbooks-inject-')));
const marker = path.join(ws, 'pwned');

/** Values that would run `touch <marker>` (or change the command) if they were inserted as shell code. */
const HOSTILE = [
  `x; touch ${marker}`, `$(touch ${marker})`, `\`touch ${marker}\``, `' ; touch ${marker} ; '`, `" ; touch ${marker} ; "`,
  `x && touch ${marker} #`, `x | tee ${marker}`, `> ${marker}`, `\\`, `*`, `~`, `a  b`, '$HOME', "it's", '$\'\\x41\'', '!!', '',
];

/** The same placeholder in every quoting context a runbook writes it in; each script prints the value on one line. */
const CONTEXTS: Array<[string, string]> = [
  ['a bare word', 'printf "%s\\n" {{v}}'],
  ['double quotes', 'printf "%s\\n" "{{v}}"'],
  ['double quotes with text around', 'printf "%s\\n" "<{{v}}>" | sed "s/^<//; s/>$//"'],
  ['single quotes', "printf '%s\\n' '{{v}}'"],
  ["ANSI-C quotes $'...'", "printf '%s\\n' $'{{v}}'"],
  ['a command substitution inside double quotes', 'printf "%s\\n" "$(printf "%s" "{{v}}")"'],
  ['an unquoted here-document', 'cat <<EOF\n{{v}}\nEOF'],
  ['a quoted here-document', "cat <<'EOF'\n{{v}}\nEOF"],
];

function bash(script: string): string {
  const result = spawnSync('bash', ['-c', script], { cwd: ws, encoding: 'utf8' });
  return result.stdout.replace(/\n$/, '');
}

describe('placeholders: a value is one literal shell word', () => {
  afterEach(() => rmSync(marker, { force: true }));

  for (const [where, script] of CONTEXTS) {
    it(`in ${where}: no value runs anything, and the shell sees the value exactly`, () => {
      for (const value of HOSTILE) {
        const filled = fillPlaceholders(script, { v: value });
        assert.equal(bash(filled), value, `${where}: ${JSON.stringify(value)} -> ${filled}`);
        assert.equal(existsSync(marker), false, `${where}: ${JSON.stringify(value)} ran a command: ${filled}`);
      }
    });
  }

  it('a comment stays a comment', () => {
    assert.equal(bash(fillPlaceholders('echo ok # {{v}}', { v: `x; touch ${marker}` })), 'ok');
    assert.equal(existsSync(marker), false);
  });

  it('refuses a value holding a line break (it could end a here-document or a comment)', () => {
    assert.throws(() => fillPlaceholders('echo {{v}}', { v: 'a\ntouch x' }), (err: Error) => err instanceof PlaceholderValueError && /\{\{v\}\}/.test(err.message));
  });

  it('{{name|raw}} inserts shell code, as the runbook asked', () => {
    assert.equal(fillPlaceholders('kubectl get pods {{ selector | raw }}', { selector: '-l app=orders --field-selector status.phase!=Running' }),
      'kubectl get pods -l app=orders --field-selector status.phase!=Running');
  });

  it('logs what the shell ran with secret values as [REDACTED], keeping the quoting that shows one word', () => {
    const text = 'psql -c {{query}} --password {{db_password}} && curl -H "X-Token: {{api_token}}" {{extra|raw}}';
    const values = { query: 'select 1; drop table x', db_password: 'pa ss;word', api_token: 'tok-123', extra: '-v; touch /tmp/x' };
    assert.equal(loggedCommand(text, values, ['db_password', 'api_token']),
      `psql -c 'select 1; drop table x' --password '[REDACTED]' && curl -H "X-Token: [REDACTED]" -v; touch /tmp/x`);
    // A raw secret that is shell code is shown as it ran (the store's detectors redact what they recognise in it);
    // one plain word cannot change the command, so it is hidden.
    assert.equal(loggedCommand('login {{auth|raw}}', { auth: '-u ops -p x; id' }, ['auth']), 'login -u ops -p x; id');
    assert.equal(loggedCommand('login {{auth|raw}}', { auth: 'Zx81kq' }, ['auth']), 'login [REDACTED]');
  });
});

describe('placeholders: injection through runbooks run and the timeline', () => {
  afterEach(() => rmSync(marker, { force: true }));

  it('--set "name=x; touch ..." runs no second command, and the timeline shows the value as one quoted word', async () => {
    const runbook = path.join(ws, 'inject.md');
    writeFileSync(runbook, '# Orders\n\n## Diagnosis\n\n```bash\necho {{name}}\necho {{api_token}}\n```\n');
    const io = fakeIO(ws);
    const timeline = 'incidents/inject.timeline.jsonl';
    const code = await runCommand([runbook, '--step', '1', '--timeline', timeline, '--set', `name=x; touch ${marker}`,
      '--set', `api_token=y; touch ${marker}`], io);
    assert.equal(code, 0, io.err());
    assert.equal(existsSync(marker), false, 'the injected command ran');
    assert.equal(io.out(), `x; touch ${marker}\ny; touch ${marker}\n`);
    const [started] = readTimeline(readFileSync(path.join(ws, timeline), 'utf8')).events;
    assert.equal(started.command, `echo 'x; touch ${marker}'\necho '[REDACTED]'`);
  });

  it('prompts and fills placeholders named like Object members (constructor, toString, __proto__)', async () => {
    const runbook = path.join(ws, 'names.md');
    writeFileSync(runbook, '# Names\n\n## Diagnosis\n\n```bash\necho {{constructor}} {{toString}} {{__proto__}} {{hasOwnProperty}}\n```\n');
    const io = fakeIO(ws, { isTTY: true, input: ['a', 'b', 'c', 'd'] });
    assert.equal(await runCommand([runbook, '--step', '1', '--timeline', 'incidents/names.timeline.jsonl'], io), 0, io.err());
    assert.equal(io.out(), 'a b c d\n');
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) assert.match(io.err(), new RegExp(`${name}: `));
    const given = fakeIO(ws);
    const args = ['--set', 'constructor=1', '--set', 'toString=2', '--set', '__proto__=3', '--set', 'hasOwnProperty=4'];
    assert.equal(await runCommand([runbook, '--step', '1', '--timeline', 'incidents/names.timeline.jsonl', ...args], given), 0, given.err());
    assert.equal(given.out(), '1 2 3 4\n');
  });

  it('engine: any name can hold a value', () => {
    const values = placeholderValues(Object.fromEntries([['__proto__', 'p'], ['constructor', 'c']]));
    assert.deepEqual(missingPlaceholders('{{__proto__}} {{constructor}} {{toString}}', values), ['toString']);
  });

  it('runStepLogged refuses a multi-line value before anything runs or is written', async () => {
    const step: Step = { id: 'diagnostics-1', position: 1, section: 'diagnostics', sectionTitle: 'Diagnosis', lang: 'bash', code: 'echo {{v}}', commands: 'echo {{v}}',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, changesProduction: false, label: 'diagnostic step 1' };
    const timeline = path.join(ws, 'refused.timeline.jsonl');
    await assert.rejects(runStepLogged({ timeline, runbook: 'r.md', step, actor: 'a', cwd: ws, values: { v: 'a\nb' } }), PlaceholderValueError);
    assert.equal(existsSync(timeline), false);
  });
});
