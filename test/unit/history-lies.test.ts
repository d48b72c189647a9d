// History that lies: impossible durations flagged and left out of medians and targets; a dangling link in the
// incidents folder named, not "Incidents: 0"; a timeline of a million torn lines summarised, not listed line by line.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historyCommand } from '../../server/src/cli/history';
import { incidentHistory } from '../../server/src/engine/incident/history';
import { severityLevels } from '../../server/src/engine/incident/severities';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';
import { MAX_BAD_LINES_KEPT, readTimeline } from '../../server/src/engine/timeline/read';
import { fakeIO } from '../cli/cliHarness';

const LEVELS = severityLevels(undefined);
const ev = (kind: string, ts: string, extra: Record<string, unknown> = {}): TimelineEvent => ({ ts, actor: 'a', kind, text: kind, ...extra }) as TimelineEvent;

function incident(name: string, mitigated: string, resolved: string): { file: string; events: TimelineEvent[] } {
  return {
    file: name,
    events: [
      ev('impact-started', '2026-10-01T11:50:00.000Z'),
      ev('declared', '2026-10-01T12:00:00.000Z', { title: name, severity: 'SEV2' }),
      ev('mitigated', mitigated),
      ev('resolved', resolved),
    ],
  };
}

describe('history that lies', () => {
  it('mitigated four hours before declared: no MTTM, no "met", named; resolved in year 275760: no MTTR; medians from the real ones', () => {
    const history = incidentHistory([
      incident('before.jsonl', '2026-10-01T08:00:00.000Z', '2026-10-01T13:00:00.000Z'),
      incident('far.jsonl', '2026-10-01T12:30:00.000Z', '+275760-01-01T00:00:00.000Z'),
      incident('real.jsonl', '2026-10-01T12:20:00.000Z', '2026-10-01T12:50:00.000Z'),
    ], { levels: LEVELS });
    const [before, far, real] = ['before.jsonl', 'far.jsonl', 'real.jsonl'].map((f) => history.incidents.find((i) => i.file === f));
    assert.equal(before?.mttmMs, null);
    assert.equal(before?.metTarget, null, 'an impossible MTTM meets no target');
    assert.deepEqual(before?.impossible, ['MTTM -4h 00m (mitigated - declared) is negative']);
    assert.equal(far?.mttrMs, null);
    assert.match(far?.impossible[0] ?? '', /^MTTR \d+d \d+h \(resolved - impact started\) is longer than a year$/);
    assert.equal(real?.impossible.length, 0);
    const sev2 = history.bySeverity.SEV2;
    assert.equal(sev2.mttmMs.median, 25 * 60_000, 'median of 30 min and 20 min: the -4 h is left out');
    assert.equal(sev2.mttrMs.median, (70 + 60) / 2 * 60_000, 'median of 70 and 60 min: year 275760 left out');
  });

  it('a timeline of a million torn lines keeps the first 100 reasons and counts the rest', () => {
    const torn = '{"ts":"2026-11-20T10:00:00.000Z","actor":"a","kind":"note","text":"torn\n';
    const read = readTimeline(`{"ts":"2026-11-20T09:00:00.000Z","actor":"a","kind":"note","text":"ok"}\n${torn.repeat(1_000_000)}`);
    assert.equal(read.events.length, 1);
    assert.equal(read.skipped, 1_000_000);
    assert.equal(read.bad.length, MAX_BAD_LINES_KEPT);
    assert.deepEqual(read.bad[0], { line: 2, reason: 'not valid JSON' });
  });

  it('runbooks history: a dangling link in the folder is named once; torn lines are one summary line', async () => {
    const ws = realpathSync(mkdtempSync(join(tmpdir(), 'runbooks-history-lies-')));
    mkdirSync(join(ws, 'incidents'));
    symlinkSync(join(ws, 'nowhere.timeline.jsonl'), join(ws, 'incidents', 'gone.timeline.jsonl'));
    const line = (e: Record<string, unknown>) => `${JSON.stringify({ ts: '2026-10-01T12:00:00.000Z', actor: 'a', ...e })}\n`;
    writeFileSync(join(ws, 'incidents', 'torn.timeline.jsonl'), line({ kind: 'declared', title: 'Torn', severity: 'SEV2', text: 'Declared' }) + '{"ts":"2026-10-01T12:\n'.repeat(500));
    for (const args of [['incidents'], ['incidents/*.timeline.jsonl']]) {
      const io = fakeIO(ws);
      assert.equal(await historyCommand([...args, '--now', '2026-12-01T00:00Z'], io), 0, io.err());
      const err = io.err().split('\n').filter(Boolean);
      assert.deepEqual(err.filter((l) => l.includes('gone.timeline.jsonl')).length, 1, io.err());
      assert.match(io.err(), /incidents\/gone\.timeline\.jsonl: not read: it is a symbolic link/);
      assert.ok(err.includes('runbooks history: incidents/torn.timeline.jsonl: 500 lines skipped (line 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 490 more)'), io.err());
      assert.match(io.out(), /^Incidents: 1$/m);
    }
  });
});
