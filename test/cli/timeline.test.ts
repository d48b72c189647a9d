import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { timelineCommand } from '../../server/src/cli/timeline';
import { builtCliAvailable, fakeIO, runCli, workspace } from './cliHarness';

const lines = [
  '{"ts":"2026-11-20T14:17:05.412Z","actor":"dana","kind":"declared","title":"Checkout latency","severity":"SEV2","text":"Checkout p99 latency about 3x normal"}',
  '{"ts":"2026-11-20T14:18:02.501Z","actor":"eli","kind":"note","text":"error rate\\nflat"}',
  '{"ts":"2026-11-20T14:19:00.000Z","actor":"eli","kind":"oops","text":"bad kind"}',
  '{"ts":"2026-11-20T14:20:11.000Z","actor":"dana","kind":"mitigated","text":"rolled back"}',
  '{"ts":"2026-11-20T14:2',
];

describe('cli: runbooks timeline', () => {
  it('prints every event (an unknown kind flagged) and names each skipped or flagged line on stderr, exit 1', async () => {
    const ws = workspace();
    writeFileSync(path.join(ws, 'x.timeline.jsonl'), lines.join('\n'));
    const io = fakeIO(ws);
    assert.equal(await timelineCommand(['x.timeline.jsonl'], io), 1);
    assert.equal(io.out(), [
      '14:17:05 UTC  dana  declared  Checkout p99 latency about 3x normal',
      '14:18:02 UTC  eli  note  error rate flat',
      '14:19:00 UTC  eli  oops (incomplete)  bad kind',
      '14:20:11 UTC  dana  mitigated  rolled back',
      '',
    ].join('\n'));
    const errors = io.err().trimEnd().split('\n');
    assert.equal(errors.length, 2);
    assert.match(errors[0], /x\.timeline\.jsonl:3: shown, incomplete: unknown kind "oops"/);
    assert.match(errors[1], /x\.timeline\.jsonl:5: skipped: torn line/);
  });

  it('--format json prints one array of the event objects; a clean file exits 0', async () => {
    const ws = workspace();
    writeFileSync(path.join(ws, 'ok.timeline.jsonl'), [lines[0], lines[3], ''].join('\n'));
    const io = fakeIO(ws);
    assert.equal(await timelineCommand(['ok.timeline.jsonl', '--format', 'json'], io), 0);
    const events = JSON.parse(io.out()) as Array<{ kind: string; title?: string }>;
    assert.deepEqual(events.map((e) => e.kind), ['declared', 'mitigated']);
    assert.equal(events[0].title, 'Checkout latency');
    assert.equal(io.err(), '');
  });

  it('a missing file or unknown format is a usage error (exit 2)', async () => {
    const ws = workspace();
    const missing = fakeIO(ws);
    assert.equal(await timelineCommand(['none.jsonl'], missing), 2);
    assert.match(missing.err(), /cannot read none\.jsonl/);
    const format = fakeIO(ws);
    assert.equal(await timelineCommand(['none.jsonl', '--format', 'xml'], format), 2);
    assert.match(format.err(), /unknown format "xml"/);
  });

  it('the built CLI dispatches `runbooks timeline`', async function () {
    if (!builtCliAvailable()) {
      console.log('      (skipped: bin/runbooks.js or dist/cli.js missing; run npm run build)');
      this.skip();
    }
    const ws = workspace();
    writeFileSync(path.join(ws, 'x.timeline.jsonl'), lines.join('\n'));
    const result = await runCli(['timeline', 'x.timeline.jsonl'], ws);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /14:20:11 UTC {2}dana {2}mitigated {2}rolled back/);
    assert.match(result.stderr, /:5: skipped/);
  });
});
