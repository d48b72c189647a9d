/**
 * No catastrophic backtracking: every regular expression of the engine, reached through the public function that
 * uses it, meets 100 KB of a repeated near-match (the shape that makes a backtracking regex quadratic or worse; the
 * cases are in fixtures/redos-cases.ts). The bound is a count, not a clock: no search may take more than
 * BACKTRACK_BUDGET backtracks (test/helpers/backtrackBudget.ts says why that number and which regexes V8 can count).
 * normalizeHeading's old trailing-punctuation regex took 20 s on the first case (and goes over the budget); the
 * timings are in bench/ (`npm run bench -- --only redos`).
 */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { BACKTRACK_BUDGET, casesOverBacktrackBudget } from '../helpers/backtrackBudget';
import { REDOS_CASES } from './fixtures/redos-cases';

describe('regular expressions meet 100 KB near-matches within a backtrack budget', function () {
  // Guards against a hang only: a catastrophic regex the budget cannot count would never finish.
  this.timeout(300_000);
  let over = new Set<number>();
  before(async () => {
    over = await casesOverBacktrackBudget(resolve(__dirname, 'fixtures', 'redos-cases.ts'), 'REDOS_CASES');
  });

  for (const [index, [label]] of REDOS_CASES.entries()) {
    it(label, () => assert.ok(!over.has(index), `${label}: a search took more than ${BACKTRACK_BUDGET} backtracks on 100 KB`));
  }
});
