import assert from 'node:assert/strict';
import { lintRunbook, parseRunbook, markReviewedFix, type Finding } from '../../server/src/engine/index';
import { applyEdits, textAt } from '../helpers/text';

const BODY = '\n# T\n';

async function stale(text: string, today: string, options: { reviewIntervalDays?: number; staleErrorAfterDays?: number } = {}): Promise<Finding[]> {
  const { findings } = await lintRunbook(text, { today, ...options });
  return findings.filter((f) => f.rule === 'stale');
}

describe('engine: stale rule', () => {
  const fm = (lines: string) => `---\ntitle: T\n${lines}---\n${BODY}`;

  it('within the interval: no finding', async () => {
    assert.deepEqual(await stale(fm('last_reviewed: 2026-09-01\n'), '2026-11-26'), []);
  });

  it('overdue: a warning on the value with date, age and interval', async () => {
    const text = fm('last_reviewed: 2026-08-01\n');
    const [f] = await stale(text, '2026-11-26');
    assert.equal(f.severity, 'warning');
    assert.equal(textAt(text, f.range), '2026-08-01');
    assert.equal(f.message, 'Runbook is stale: last reviewed on 2026-08-01, 117 days ago, but the review interval is 90 days (27 days overdue). Check its commands and contacts still work, then mark it reviewed.');
  });

  it('review_interval_days in the front matter wins over the setting; the setting wins over 90', async () => {
    const text = fm('last_reviewed: 2026-08-01\nreview_interval_days: 180\n');
    assert.deepEqual(await stale(text, '2026-11-26'), []);
    assert.equal((await stale(fm('last_reviewed: 2026-08-01\n'), '2026-11-26', { reviewIntervalDays: 30 }))[0].message.includes('interval is 30 days (87 days overdue)'), true);
  });

  it('overdue by more than a year (configurable) is an error', async () => {
    const text = fm('last_reviewed: 2025-01-01\n');
    assert.equal((await stale(text, '2026-11-26'))[0].severity, 'error');
    assert.equal((await stale(text, '2026-11-26', { staleErrorAfterDays: 1000 }))[0].severity, 'warning');
  });

  it('missing last_reviewed: a warning at the front matter, or line 1 when there is none', async () => {
    const text = fm('owner: x\n');
    const [f] = await stale(text, '2026-11-26');
    assert.equal(f.severity, 'warning');
    assert.equal(textAt(text, f.range), '---');
    assert.match(f.message, /never reviewed/);
    const [g] = await stale('# Title only\n', '2026-11-26');
    assert.equal(textAt('# Title only\n', g.range), '# Title only');
  });

  it('a date in the future or not a real date is an error on the value', async () => {
    const future = fm('last_reviewed: 2027-01-01\n');
    const [f] = await stale(future, '2026-11-26');
    assert.equal(f.severity, 'error');
    assert.equal(textAt(future, f.range), '2027-01-01');
    assert.match(f.message, /in the future/);
    const unreal = fm('last_reviewed: 2026-02-30\n');
    const [g] = await stale(unreal, '2026-11-26');
    assert.equal(g.severity, 'error');
    assert.equal(textAt(unreal, g.range), '2026-02-30');
    assert.match(g.message, /not a real date/);
    const quoted = fm('last_reviewed: "last spring"\n');
    assert.equal(textAt(quoted, (await stale(quoted, '2026-11-26'))[0].range), '"last spring"');
  });

  it('CRLF files give the same lines and the same messages', async () => {
    const lf = fm('last_reviewed: 2026-01-01\n');
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = await stale(lf, '2026-11-26');
    const b = await stale(crlf, '2026-11-26');
    assert.deepEqual(b, a.map((f) => ({ ...f, fix: b[0].fix })));
    assert.equal(b[0].fix?.edits[0].newText, '2026-11-26');
  });

  it('"Mark reviewed today" sets the value, adds the key, or adds front matter, keeping the rest as written', () => {
    const today = '2026-11-26';
    const set = fm('last_reviewed: 2024-01-01 # old\n');
    assert.equal(applyEdits(set, markReviewedFix(parseRunbook(set), today).edits), fm('last_reviewed: 2026-11-26 # old\n'));
    const add = '---\ntitle:   "Keep  me"\nowner: x # comment\n---\n# T\n';
    assert.equal(applyEdits(add, markReviewedFix(parseRunbook(add), today).edits), '---\ntitle:   "Keep  me"\nowner: x # comment\nlast_reviewed: 2026-11-26\n---\n# T\n');
    const empty = '---\nlast_reviewed:\n---\n# T\n';
    assert.equal(applyEdits(empty, markReviewedFix(parseRunbook(empty), today).edits), '---\nlast_reviewed: 2026-11-26\n---\n# T\n');
    const none = '# T\r\n\r\n## Meaning\r\n';
    assert.equal(applyEdits(none, markReviewedFix(parseRunbook(none), today).edits), '---\r\nlast_reviewed: 2026-11-26\r\n---\r\n# T\r\n\r\n## Meaning\r\n');
    const crlf = '---\r\ntitle: T\r\n---\r\n# T\r\n';
    assert.equal(applyEdits(crlf, markReviewedFix(parseRunbook(crlf), today).edits), '---\r\ntitle: T\r\nlast_reviewed: 2026-11-26\r\n---\r\n# T\r\n');
  });

  it('after the fix the stale finding is gone', async () => {
    const text = fm('last_reviewed: 2020-01-01\n');
    const [f] = await stale(text, '2026-11-26');
    assert.deepEqual(await stale(applyEdits(text, f.fix?.edits ?? []), '2026-11-26'), []);
  });
});
