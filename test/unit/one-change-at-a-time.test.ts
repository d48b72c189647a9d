import { strict as assert } from 'node:assert';
import { describePendingChange } from '../../server/src/engine/incident/pendingChange';
import { mitigationAwaitingOutcome } from '../../server/src/engine/runner/index';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';

/** A command event as the runner writes it: what the schema said of the step is on the event. */
const command = (kind: 'command-started' | 'command-finished', step: string, changesProduction?: boolean): TimelineEvent => ({
  ts: '2026-11-26T10:00:00.000Z', actor: 'a', kind, text: kind, runbook: 'runbooks/api.md', step, command: 'true', cwd: '/ws', host: 'h',
  ...(changesProduction === undefined ? {} : { changesProduction }),
});
const entry = (kind: TimelineEvent['kind']): TimelineEvent => ({ ts: '2026-11-26T10:00:00.000Z', actor: 'a', kind, text: kind });

describe('one change at a time (from the events, never from runbook files or step ids)', () => {
  it('finds the last change to production with no note, finding or mitigated after it', () => {
    // Step ids that look like diagnostics can change production and the other way round: only the field counts.
    const events = [command('command-started', 'diagnostics-1', true), command('command-finished', 'diagnostics-1', true),
      command('command-started', 'mitigations-2', false), command('command-finished', 'mitigations-2', false)];
    const pending = mitigationAwaitingOutcome(events);
    assert.equal(pending?.event.step, 'diagnostics-1');
    assert.equal(pending?.changesProduction, true);
  });

  it('is satisfied by an outcome after the change, and when nothing changed production', () => {
    for (const outcome of ['note', 'finding', 'mitigated', 'resolved'] as const) {
      const events = [command('command-finished', 'fix-1', true), entry(outcome), command('command-finished', 'check-1', false)];
      assert.equal(mitigationAwaitingOutcome(events), undefined, outcome);
    }
    assert.equal(mitigationAwaitingOutcome([entry('declared'), command('command-finished', 'mitigations-1', false)]), undefined);
    // A hypothesis or decision is not an outcome.
    const events = [command('command-finished', 'fix-2', true), entry('hypothesis'), entry('decision')];
    assert.equal(mitigationAwaitingOutcome(events)?.event.step, 'fix-2');
  });

  it('an old event that does not say whether it changed production is pending as "unknown", and the warning says so', () => {
    const events = [command('command-finished', 'diagnostics-1')];
    const pending = mitigationAwaitingOutcome(events);
    assert.equal(pending?.changesProduction, 'unknown');
    const { message, detail } = describePendingChange(pending!);
    assert.match(message, /diagnostics-1 \(10:00:00 UTC\) may have changed production/);
    assert.match(detail, /does not say whether the step changes production/);
    const known = describePendingChange({ event: command('command-finished', 'fix-1', true), changesProduction: true });
    assert.match(known.message, /mitigation fix-1 \(10:00:00 UTC\) has no recorded outcome/);
  });
});

describe('one change at a time: drill notes', () => {
  it('a drill step note (rehearsed, skipped, unclear) is not an outcome of the change before it', () => {
    const ts = '2026-11-26T10:00:00.000Z';
    const ran = { ts, actor: 'a', kind: 'command-finished', text: 'ran', runbook: 'r.md', step: 'mitigations-1', command: 'x', cwd: '/', host: 'h', exitCode: 0, durationMs: 1, output: '', changesProduction: true } as const;
    const drillNote = { ts, actor: 'a', kind: 'note', text: 'Drill: skipped', runbook: 'r.md', step: 'diagnostics-1', command: 'y', drill: { outcome: 'skipped' } } as unknown as TimelineEvent;
    const note = { ts, actor: 'a', kind: 'note', text: 'error rate back to normal' } as const;
    assert.equal(mitigationAwaitingOutcome([ran, drillNote])?.event.step, 'mitigations-1');
    assert.equal(mitigationAwaitingOutcome([ran, drillNote, note]), undefined);
  });
});
