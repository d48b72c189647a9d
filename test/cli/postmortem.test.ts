import { strict as assert } from 'node:assert';
import { copyFileSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { postmortemCommand } from '../../server/src/cli/postmortem';
import { builtCliAvailable, fakeIO, GITHUB_TOKEN, runCli, workspace } from './cliHarness';

const SAMPLE = path.resolve(__dirname, '../../samples/incidents/2026-11-20-checkout-latency.timeline.jsonl');

describe('cli: runbooks postmortem', () => {
  it('writes the draft of the sample timeline to stdout, nothing on stderr', async () => {
    const ws = workspace();
    copyFileSync(SAMPLE, path.join(ws, 'incident.timeline.jsonl'));
    const io = fakeIO(ws);
    assert.equal(await postmortemCommand(['incident.timeline.jsonl'], io), 0);
    assert.match(io.out(), /^# Postmortem: Checkout latency\n/);
    assert.match(io.out(), /\| MTTR \(time to recover\) \| 1h 03m \|/);
    assert.match(io.out(), /from `incident\.timeline\.jsonl`/);
    assert.equal(io.err(), '');
  });

  it('-o writes the file; skipped and flagged lines are named on stderr with line numbers and listed in the draft', async () => {
    const ws = workspace();
    const lines = readFileSync(SAMPLE, 'utf8').trimEnd().split('\n');
    lines.splice(2, 0, '{"ts":"2026-11-20T14:18:00.000Z","actor":"x","kind":"oops","text":"?"}');
    writeFileSync(path.join(ws, 't.jsonl'), `${lines.join('\n')}\n{"ts":"2026-11-20T15`);
    const io = fakeIO(ws);
    assert.equal(await postmortemCommand(['t.jsonl', '-o', 'docs/postmortem.md'], io), 0);
    assert.equal(io.out(), '');
    const errors = io.err().trimEnd().split('\n');
    assert.match(errors[0], /^t\.jsonl:3: in the draft, incomplete: unknown kind "oops"/);
    assert.match(errors[1], new RegExp(`^t\\.jsonl:${lines.length + 1}: skipped: torn line`));
    assert.match(errors[2], /wrote docs\/postmortem\.md/);
    const written = readFileSync(path.join(ws, 'docs/postmortem.md'), 'utf8');
    assert.match(written, /## Incomplete events\n\n.*\n\n- line 3 \("oops" \(unknown kind\)\): unknown kind "oops"/);
    assert.match(written, new RegExp(`## Unreadable timeline lines\\n\\n- line ${lines.length + 1}: torn line`));
    assert.match(written, /## Action items/);
  });

  it('redacts a secret that reached the timeline file by hand', async () => {
    const ws = workspace();
    writeFileSync(path.join(ws, 't.jsonl'), [
      '{"ts":"2026-11-20T10:00:00.000Z","actor":"a","kind":"declared","title":"Leak","severity":"SEV3","text":"started"}',
      `{"ts":"2026-11-20T10:01:00.000Z","actor":"a","kind":"note","text":"used token ${GITHUB_TOKEN} to check"}`,
      '',
    ].join('\n'));
    const io = fakeIO(ws);
    assert.equal(await postmortemCommand(['t.jsonl'], io), 0);
    assert.ok(!io.out().includes(GITHUB_TOKEN), 'the token reached the postmortem');
    assert.match(io.out(), /used token .*REDACTED.* to check/);
  });

  it('usage errors exit 2; an unreadable timeline exits 1 and writes nothing', async () => {
    const ws = workspace();
    const none = fakeIO(ws);
    assert.equal(await postmortemCommand([], none), 2);
    assert.match(none.err(), /missing <timeline-file>/);
    const option = fakeIO(ws);
    assert.equal(await postmortemCommand(['a', '--nope'], option), 2);
    assert.match(option.err(), /unknown option --nope/);
    const noValue = fakeIO(ws);
    assert.equal(await postmortemCommand(['a', '-o'], noValue), 2);
    const missing = fakeIO(ws);
    assert.equal(await postmortemCommand(['missing.jsonl', '-o', 'out.md'], missing), 1);
    assert.match(missing.err(), /cannot read missing\.jsonl/);
    assert.equal(existsSync(path.join(ws, 'out.md')), false);
  });

  it('the built CLI dispatches `runbooks postmortem`', async function () {
    if (!builtCliAvailable()) {
      console.log('      (skipped: bin/runbooks.js or dist/cli.js missing; run npm run build)');
      this.skip();
    }
    const ws = workspace();
    copyFileSync(SAMPLE, path.join(ws, 'i.jsonl'));
    const result = await runCli(['postmortem', 'i.jsonl'], ws);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^# Postmortem: Checkout latency/);
  });
});
