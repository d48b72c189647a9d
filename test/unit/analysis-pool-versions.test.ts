import assert from 'node:assert/strict';
import { join } from 'node:path';
import { AnalysisPool, supersedes } from '../../server/src/engine/analysis/pool';
import type { AnalysisJob } from '../../server/src/engine/analysis/job';
import { STALL_MARKER } from '../helpers/stallingAnalysisWorker';

const WORKER = join(__dirname, '..', '..', 'server', 'src', 'engine', 'analysis', 'workerMain.ts');
/** A worker that never finishes a document holding STALL_MARKER: "slow" on any machine, however fast. */
const STALLING_WORKER = join(__dirname, '..', 'helpers', 'stallingAnalysisWorker.ts');
const TEXT = '---\ntitle: T\nservice: s\nowner: o\nlast_reviewed: 2026-11-01\n---\n\n# T\n\n## Meaning\n\nIt means something.\n';

function job(version: number): AnalysisJob {
  return {
    uri: 'file:///w/runbooks/t.md', version, text: TEXT, path: '/w/runbooks/t.md',
    profile: { sections: {}, severities: {}, reviewIntervalDays: 90, staleErrorAfterDays: 180 },
    today: '2026-11-26', linkRoot: '/w', linkTtlMs: 60_000, severitiesOnlyLower: false,
  };
}

describe('analysis pool: which jobs a new one cancels', function () {
  this.timeout(60_000);

  it('a later version of an open document supersedes an earlier one; the file on disk (version -1) neither way', () => {
    assert.equal(supersedes(job(2), job(1)), true);
    assert.equal(supersedes(job(1), job(2)), false);
    assert.equal(supersedes(job(-1), job(1)), false, 'the closed-file analysis must not cancel the open document');
    assert.equal(supersedes(job(1), job(-1)), false);
    assert.equal(supersedes({ ...job(2), uri: 'file:///w/other.md' }, job(1)), false);
  });

  it('queued in a worker: the open document and the file on disk are both analysed; an older version is cancelled', async () => {
    const pool = new AnalysisPool({ script: WORKER, softMs: 10_000, hardMs: 20_000, maxWorkers: 1 });
    try {
      const none = { isCancellationRequested: false };
      // All three wait together while the worker starts.
      const [open1, disk, open2] = await Promise.all([pool.run(job(1), none), pool.run(job(-1), none), pool.run(job(2), none)]);
      assert.equal(open1.kind, 'cancelled', 'version 1 is superseded by version 2');
      assert.equal(disk.kind, 'done', 'the file on disk was analysed, not cancelled by the open document');
      assert.equal(open2.kind, 'done');
      const [open3, disk2] = await Promise.all([pool.run(job(3), none), pool.run(job(-1), none)]);
      assert.equal(open3.kind, 'done', 'the open document was analysed, not cancelled by the file on disk');
      assert.equal(disk2.kind, 'done');
    } finally {
      pool.dispose();
    }
  });

  it('a job queued behind one that turns slow moves to another worker and is answered long before it ends', async () => {
    // The big document never finishes (the stalling worker), so it is slow after 50 ms on any machine and ends (over
    // budget) only after 20 s. The small runbook, queued behind it before it was slow, must not wait that long.
    const table = ['# Big', '', '## Meaning', '', `<!-- ${STALL_MARKER} -->`, ''].join('\n');
    const pool = new AnalysisPool({ script: STALLING_WORKER, softMs: 50, hardMs: 20_000, maxWorkers: 2 });
    try {
      const none = { isCancellationRequested: false };
      // A first job readies the primary worker, so the big one starts running at once.
      assert.equal((await pool.run(job(1), none)).kind, 'done');
      const order: string[] = [];
      const big = pool.run({ ...job(1), uri: 'file:///w/runbooks/big.md', path: '/w/runbooks/big.md', text: table }, none).then((o) => { order.push('big'); return o; });
      const small = pool.run(job(2), none).then((o) => { order.push('small'); return o; });
      assert.equal((await small).kind, 'done');
      assert.deepEqual(order, ['small'], 'the small runbook was answered while the big one was still being analysed');
      void big; // ended unanswered by the dispose below: its worker is terminated
    } finally {
      pool.dispose();
    }
  });
});
