// Issue 23: a keystroke in a small runbook never waits behind another document's analysis. A document of a costly
// shape waits out a short delay (a newer version replaces it there, no worker ended and started again), then runs on
// a worker of its own at a lower thread priority, while the small document's versions are answered on the primary.
// No wall-clock bounds: the big document never finishes (test/helpers/stallingAnalysisWorker.ts), and the test waits
// on events of the pool (its trace), not on time.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnalysisPool, type AnalysisOutcome } from '../../server/src/engine/analysis/pool';
import type { AnalysisJob } from '../../server/src/engine/analysis/job';
import type { TraceFields } from '../../server/src/engine/analysis/trace';
import { STALL_MARKER } from '../helpers/stallingAnalysisWorker';

const STALLING_WORKER = join(__dirname, '..', 'helpers', 'stallingAnalysisWorker.ts');
const SMALL = '---\ntitle: T\nservice: s\nowner: o\nlast_reviewed: 2026-11-01\n---\n\n# T\n\n## Meaning\n\nIt means something.\n';
/** More than 2,000 table rows: a costly shape (isCostly), and it stalls the worker for good. */
const BIG = ['# Big', '', '## Meaning', '', `<!-- ${STALL_MARKER} -->`, '', '| a | b |', '|---|---|', ...Array.from({ length: 2_100 }, (_, i) => `| ${i} | x |`), ''].join('\n');

function job(name: string, version: number, text: string): AnalysisJob {
  return {
    uri: `file:///w/runbooks/${name}.md`, version, text, path: `/w/runbooks/${name}.md`,
    profile: { sections: {}, severities: {}, reviewIntervalDays: 90, staleErrorAfterDays: 180 },
    today: '2026-11-26', linkRoot: '/w', linkTtlMs: 60_000, severitiesOnlyLower: false,
  };
}

type Event = TraceFields & { name: string };

function tracedPool(options: { costlyDelayMs: number }): { pool: AnalysisPool; events: Event[] } {
  const events: Event[] = [];
  const pool = new AnalysisPool({ script: STALLING_WORKER, softMs: 60_000, hardMs: 600_000, maxWorkers: 3, ...options, trace: { event: (name, fields) => events.push({ name, ...fields }) } });
  return { pool, events };
}

/** Resolves once `ready()` holds, checked every 10 ms; gives up (fails) after 100 s, so that a failure ends the run. */
async function until(ready: () => boolean, what: string): Promise<void> {
  for (let i = 0; !ready(); i++) {
    if (i > 10_000) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The nice values of this process's threads (Linux). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

describe('analysis pool: lanes (a costly document never holds up a quick one)', function () {
  this.timeout(120_000);
  const none = { isCancellationRequested: false };

  it('a costly document waits out its delay; a newer version replaces it there without ending a worker', async () => {
    const { pool, events } = tracedPool({ costlyDelayMs: 600_000 });
    try {
      assert.equal((await pool.run(job('small', 1, SMALL), none)).kind, 'done');
      const first = pool.run(job('big', 1, BIG), none);
      void pool.run(job('big', 2, `${BIG}x`), none);
      assert.equal((await first).kind, 'cancelled');
      const delayed = events.filter((e) => e.name === 'pool.delay').map((e) => e.v);
      assert.deepEqual(delayed, [1, 2]);
      assert.deepEqual(events.filter((e) => e.name === 'pool.restart'), [], 'no worker was ended');
      assert.equal(events.filter((e) => e.name === 'pool.queue' && e.costly === true).length, 0, 'neither version reached a worker');
    } finally {
      pool.dispose();
    }
  });

  it("the small document's versions are all answered on another worker while the costly analysis is stalled", async () => {
    const { pool, events } = tracedPool({ costlyDelayMs: 0 });
    try {
      assert.equal((await pool.run(job('small', 1, SMALL), none)).kind, 'done');
      let big: AnalysisOutcome | undefined;
      void pool.run(job('big', 1, BIG), none).then((o) => { big = o; });
      const bigQueued = events.find((e) => e.name === 'pool.queue' && e.costly === true);
      assert.ok(bigQueued);
      await until(() => events.some((e) => e.name === 'pool.start' && e.id === bigQueued.id), 'the big document started');
      const bigSlot = events.find((e) => e.name === 'pool.start' && e.id === bigQueued.id)?.slot;
      for (let version = 2; version <= 6; version++) {
        assert.equal((await pool.run(job('small', version, `${SMALL}typing ${version}\n`), none)).kind, 'done');
      }
      assert.equal(big, undefined, 'the big document is still being analysed');
      const smallSlots = new Set(events.filter((e) => e.name === 'pool.queue' && e.costly === false).map((e) => e.slot));
      assert.ok(!smallSlots.has(bigSlot), `small on ${[...smallSlots]}, big on ${bigSlot}`);
      if (process.platform === 'linux') {
        // The worker analysing the big document lowered its thread's priority; this thread did not.
        await until(() => threadNiceValues().some((n) => n > 0), 'a thread lowered its priority');
        assert.equal(threadNiceValues()[0], 0);
      }
    } finally {
      pool.dispose();
    }
  });
});
