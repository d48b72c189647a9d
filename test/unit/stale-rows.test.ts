import assert from 'node:assert/strict';
import { describeReview } from '../../client/src/staleRows';

describe('stale runbooks list rows', () => {
  it('never says "never reviewed" twice (description and detail)', () => {
    const row = { uri: 'file:///r.md', title: 'R', lastReviewed: null, daysOverdue: 0, message: 'Never reviewed', lastSuccessfulRun: null };
    assert.equal(describeReview(row), 'no successful step run recorded');
    assert.doesNotMatch(`${describeReview(row)} ${row.message}`.toLowerCase(), /never reviewed.*never reviewed/);
  });
  it('adds the review date the verdict does not say, and the last successful run', () => {
    const row = { uri: 'file:///r.md', title: 'R', lastReviewed: '2026-01-02', daysOverdue: 240, message: 'Reviewed 330 days ago; interval 90 days; 240 days overdue', lastSuccessfulRun: '2026-11-20' };
    assert.equal(describeReview(row), 'last reviewed 2026-01-02 · steps last ran OK 2026-11-20');
  });
  it('leaves the date out when the verdict already names it', () => {
    const row = { uri: 'file:///r.md', title: 'R', lastReviewed: '2027-01-01', daysOverdue: 0, message: 'Review date 2027-01-01 is in the future', lastSuccessfulRun: null };
    assert.equal(describeReview(row), 'no successful step run recorded');
  });
});
