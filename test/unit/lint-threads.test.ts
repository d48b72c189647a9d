// How many threads `runbooks lint` uses: `--jobs` when given, else what the machine can use. On two cores a second
// thread costs more CPU than it saves wall time until a run is long (figures in server/src/cli/lint-pool.ts).
import { strict as assert } from 'node:assert';
import { lintThreads, parseJobs } from '../../server/src/cli/lint-pool';

describe('lint threads', () => {
  it('by default, on two cores, one thread for a collection of a few hundred runbooks and two for thousands', () => {
    assert.equal(lintThreads(274, undefined, 2), 1);
    assert.equal(lintThreads(2_000, undefined, 2), 1);
    assert.equal(lintThreads(5_000, undefined, 2), 2);
    assert.equal(lintThreads(1, undefined, 1), 1);
  });

  it('by default, on more cores, one thread per core as soon as each has 40 files', () => {
    assert.equal(lintThreads(274, undefined, 8), 6);
    assert.equal(lintThreads(5_000, undefined, 8), 8);
    assert.equal(lintThreads(30, undefined, 8), 1);
  });

  it('--jobs is followed, as far as there are 40 files per thread', () => {
    assert.equal(lintThreads(120, 2, 2), 2);
    assert.equal(lintThreads(274, 4, 2), 4);
    assert.equal(lintThreads(50, 4, 8), 1);
    assert.equal(lintThreads(5_000, 1, 8), 1);
  });

  it('--jobs takes a positive whole number (lint, coverage and links alike)', () => {
    assert.equal(parseJobs(undefined), undefined);
    assert.equal(parseJobs('3'), 3);
    for (const bad of ['0', '-1', '1.5', 'x', '']) assert.deepEqual(parseJobs(bad), { error: '--jobs must be a positive whole number' }, bad);
  });
});
