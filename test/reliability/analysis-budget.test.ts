// No document blocks another: the language server analyses in worker threads within a time and a memory budget.
// A document over a budget gets one clear diagnostic (what, where, which checks did not run) while the documents
// around it keep being served; the next edit tries again. The test does not depend on the machine's speed: for the
// time budget the worker never finishes the hostile document (test/helpers/stallingAnalysisWorker.ts), so the
// two-second budget is exceeded however fast the table parses; the memory budget counts bytes, not time.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InProcessClient } from '../helpers/lspInProcess';
import { STALL_MARKER } from '../helpers/stallingAnalysisWorker';

const WORKER = resolve(__dirname, '..', '..', 'server', 'src', 'engine', 'analysis', 'workerMain.ts');
const STALLING_WORKER = resolve(__dirname, '..', 'helpers', 'stallingAnalysisWorker.ts');
const TODAY = '2026-11-26';
const GOOD = ['# Good', '', '## Meaning', '', 'It means trouble.', ''].join('\n');
/** A 500,000-character table: the shape whose parse once took seconds (the finding names it as the likely cause). */
const TABLE = ['# Big', '', '## Meaning', '', '| a | b | c |', '|---|---|---|', ...Array.from({ length: 30_000 }, (_, i) => `| ${i} | x | y |`), ''].join('\n');

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runbooks-budget-'));
  mkdirSync(join(dir, 'runbooks'));
  return dir;
}

describe('analysis budgets (language server with analysis workers)', function () {
  this.timeout(120_000);
  let client: InProcessClient | undefined;
  afterEach(async () => client?.stop());

  it('a document past the time budget gets engine/too-complex naming the block; the others are served meanwhile', async () => {
    const dir = workspace();
    client = await InProcessClient.start(dir, {
      trusted: true, today: TODAY, host: { analysisWorkerScript: STALLING_WORKER, analysisBudget: { softMs: 20, hardMs: 2000 } },
    });
    const big = await client.open(join(dir, 'runbooks', 'big.md'), `${TABLE}\nexport DB_PASSWORD=Zx8q2Lm9Vw4Rt7Yp\n<!-- ${STALL_MARKER} -->\n`);
    const good = await client.open(join(dir, 'runbooks', 'good.md'), GOOD);
    const order: string[] = [];
    const bigDiagnostics = client.diagnostics(big).then((d) => { order.push('big'); return d; });
    const goodDiagnostics = client.diagnostics(good).then((d) => { order.push('good'); return d; });
    const [bigItems, goodItems] = await Promise.all([bigDiagnostics, goodDiagnostics]);
    assert.deepEqual(order, ['good', 'big'], 'the small runbook was answered while the big one was being analysed');
    assert.ok(goodItems.some((d) => d.code === 'schema/missing-section'));
    const tooComplex = bigItems.find((d) => d.code === 'engine/too-complex');
    assert.ok(tooComplex, JSON.stringify(bigItems.map((d) => d.code)));
    assert.match(tooComplex.message, /^This runbook took longer than 2 s to analyse: the table at lines 5-30007 \(\d+ KB\) is the likely cause\. Only the credential check ran/);
    assert.equal(tooComplex.range.start.line, 4);
    // The text-based credential check still ran.
    assert.ok(bigItems.some((d) => String(d.code).startsWith('credential/')));

    // The next edit tries again: a small version of the same document is analysed in full.
    await client.replace(big, GOOD);
    const again = await client.diagnostics(big);
    assert.ok(!again.some((d) => String(d.code).startsWith('engine/')), JSON.stringify(again.map((d) => [d.code, d.message])));
  });

  it('a document past the memory budget gets engine/too-complex; the server goes on', async () => {
    const dir = workspace();
    client = await InProcessClient.start(dir, {
      trusted: true, today: TODAY, host: { analysisWorkerScript: WORKER, analysisBudget: { softMs: 20, hardMs: 60_000, memoryMb: 48 } },
    });
    const huge = ['# Huge', '', '## Meaning', '', '| a | b | c |', '|---|---|---|', ...Array.from({ length: 40_000 }, (_, i) => `| ${i} | x | y |`), ''].join('\n');
    const big = await client.open(join(dir, 'runbooks', 'huge.md'), huge);
    const items = await client.diagnostics(big);
    const finding = items.find((d) => d.code === 'engine/too-complex');
    assert.ok(finding, JSON.stringify(items.map((d) => d.code)));
    assert.match(finding.message, /needed more than 48 MB of memory to analyse/);
    const good = await client.open(join(dir, 'runbooks', 'good.md'), GOOD);
    assert.ok((await client.diagnostics(good)).some((d) => d.code === 'schema/missing-section'));
  });
});
