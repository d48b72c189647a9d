import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { BACKTRACK_BUDGET, casesOverBacktrackBudget } from '../helpers/backtrackBudget';
import { CREDENTIAL_CASES } from './fixtures/redos-cases';

/**
 * Every detector's regex must stay linear on hostile input: 100 KB of a repeated near-match per pattern (the inputs are
 * CREDENTIAL_NEAR_MATCHES in fixtures/redos-cases.ts). The bound is a count of regex backtracks, not a clock, so it
 * does not depend on the machine; catastrophic backtracking takes billions. The timings are in bench/ (`npm run bench -- --only redos`).
 */
describe('credentials: linear work on adversarial input', function () {
  // Guards against a hang only: a catastrophic regex the budget cannot count would never finish.
  this.timeout(300_000);
  let over = new Set<number>();
  before(async () => {
    over = await casesOverBacktrackBudget(resolve(__dirname, 'fixtures', 'redos-cases.ts'), 'CREDENTIAL_CASES');
  });

  for (const [index, [name]] of CREDENTIAL_CASES.entries()) {
    it(`scans 100 KB of ${name} within the backtrack budget`, () =>
      assert.ok(!over.has(index), `${name}: a search took more than ${BACKTRACK_BUDGET} backtracks`));
  }
});
