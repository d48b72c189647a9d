// A document whose analysis is cut (over its time or memory budget, or failed) still gets its text-based checks (the
// credential scan) and the finding that says why: issue 23 moved that scan off the server's thread, into the pool's
// workers, because on a 500 KB document it held up every other document's diagnostics. The pool here is a stand-in
// that cuts every full analysis and runs the text-only job it is then given in this thread.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyses } from '../../server/src/lsp/analyses';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { ProjectContext } from '../../server/src/engine/config/context';
import { runAnalysisJob, type AnalysisJob } from '../../server/src/engine/analysis/job';
import type { AnalysisOutcome, AnalysisPool } from '../../server/src/engine/analysis/pool';
import { nodeHost } from '../../server/src/engine/session/host';
import { createSession } from '../../server/src/engine/session/session';

const TABLE = ['| a | b |', '|---|---|', ...Array.from({ length: 20 }, (_, i) => `| ${i} | x |`)];
const TEXT = ['# Big', '', '## Meaning', '', ...TABLE, '', 'export DB_PASSWORD=Zx8q2Lm9Vw4Rt7Yp', ''].join('\n');

function analysesWith(cut: AnalysisOutcome, jobs: AnalysisJob[], folder: string): Analyses {
  const pool = {
    async run(job: AnalysisJob): Promise<AnalysisOutcome> {
      jobs.push(job);
      return job.fallback ? { kind: 'done', result: await runAnalysisJob(job, createSession(nodeHost())) } : cut;
    },
  } as unknown as AnalysisPool;
  const project = new ProjectContext({ trusted: true });
  return new Analyses({
    today: () => '2026-11-26', trusted: () => true, project: () => project, settingsFor: async () => DEFAULT_SETTINGS,
    folderOf: () => folder, pool: () => pool, budgets: () => ({ hardMs: 10_000, memoryMb: 1536 }),
    onResult: (_uri, _runbook, _context, result) => result,
  });
}

/** A workspace folder with the runbook in it, and the open document. */
function workspace(): { folder: string; doc: TextDocument } {
  const folder = mkdtempSync(join(tmpdir(), 'runbooks-fallback-'));
  mkdirSync(join(folder, 'runbooks'));
  const path = join(folder, 'runbooks', 'big.md');
  writeFileSync(path, TEXT);
  return { folder, doc: TextDocument.create(pathToFileURL(path).toString(), 'markdown', 3, TEXT) };
}

describe('analyses: a cut analysis gets its text-only checks in the pool', () => {
  it('over the time budget: the credential check runs as a second pool job; the finding names the budget and the block', async () => {
    const jobs: AnalysisJob[] = [];
    const { folder, doc } = workspace();
    const analysis = await analysesWith({ kind: 'over-budget', why: 'time', elapsedMs: 10_000 }, jobs, folder).get(doc);
    assert.ok(analysis);
    const { findings } = await analysis.result;
    assert.deepEqual(jobs.map((j) => j.fallback), [undefined, { why: 'time', budget: '10 s' }], 'the text-only checks went to the pool');
    assert.equal(jobs[1].version, 3);
    const budget = findings.find((f) => f.code === 'engine/too-complex');
    assert.ok(budget, JSON.stringify(findings.map((f) => f.code)));
    assert.match(budget.message, /^This runbook took longer than 10 s to analyse: the table at lines 5-27 /);
    assert.equal(budget.range.start.line, 4);
    assert.ok(findings.some((f) => f.code.startsWith('credential/')), JSON.stringify(findings.map((f) => f.code)));
    // The model came back with its text and the budget error's class, code and range.
    assert.equal(analysis.runbook.text, TEXT);
    assert.equal(analysis.runbook.parseError?.name, 'AnalysisBudgetError');
    assert.equal((analysis.runbook.parseError as Error & { code?: string }).code, 'engine/too-complex');
  });

  it('failed: the text-only job carries the first line of the failure', async () => {
    const jobs: AnalysisJob[] = [];
    const { folder, doc } = workspace();
    const analysis = await analysesWith({ kind: 'failed', message: 'RangeError: boom\n    at x' }, jobs, folder).get(doc);
    const { findings, failures } = await analysis!.result;
    assert.deepEqual(jobs[1].fallback, { failed: 'RangeError: boom' });
    assert.ok(failures.some((f) => /could not be parsed \(RangeError: boom\)/.test(f.error.message)), JSON.stringify(failures.map((f) => f.error.message)));
    assert.ok(findings.some((f) => f.code.startsWith('credential/')));
  });
});
