import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'runbooks.js');

/** A runbook of `lines` deeply nested quote-and-list lines: a costly shape, analysed in a budgeted worker. */
function nested(lines: number): string {
  const body = Array.from({ length: lines }, () => `${'> '.repeat(30)}${'- '.repeat(6)}*a [b](c) **d** \`e\` _f_ <g>`);
  return ['---', 'title: Nested', '---', '# Nested', '', ...body, ''].join('\n');
}

describe('cli: runbooks lint ends when its output is written, budget workers or not', function () {
  this.timeout(240_000);

  // A generous limit: it tells a run that ended from one left waiting on its budget worker (which used to keep the
  // process alive for ever), not a fast machine from a slow one.
  const LIMIT_MS = 120_000;

  it('a file over the size cap (engine/too-large, checked in a budget worker) and a costly one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-exit-'));
    const big = nested(12_000);
    assert.ok(big.length > 1_048_576, `${big.length}`);
    writeFileSync(join(dir, 'big.md'), big);
    writeFileSync(join(dir, 'small.md'), nested(200));
    const r = spawnSync(process.execPath, [BIN, 'lint', '--today', '2026-11-26', dir], { encoding: 'utf8', timeout: LIMIT_MS });
    assert.equal(r.signal, null, `the run did not end within ${LIMIT_MS / 1000} s: ${r.stdout.slice(-300)}`);
    assert.match(r.stdout, /big\.md:1:1: error engine\/too-large/);
    assert.match(r.stdout, /2 runbooks checked/);
    assert.equal(r.status, 1);
  });
});
