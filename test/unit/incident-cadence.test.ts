import { strict as assert } from 'node:assert';
import { nextStatusUpdate } from '../../server/src/engine/incident/cadence';
import { incidentState } from '../../server/src/engine/incident/state';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';

const T = (hhmm: string): string => `2026-11-20T${hhmm}:00.000Z`;
const ms = (hhmm: string): number => Date.parse(T(hhmm));

function ev(kind: TimelineEvent['kind'], ts: string, extra: Partial<TimelineEvent> = {}): TimelineEvent {
  return { ts: T(ts), actor: 'bob', kind, text: kind, ...extra };
}
const due = (events: TimelineEvent[], now: string) => nextStatusUpdate(incidentState(events), ms(now));

describe('status update cadence', () => {
  it('SEV1: first update due 10 minutes after declaration, then every 30 after the last update', () => {
    const declared = [ev('declared', '14:00', { title: 'x', severity: 'SEV1' })];
    assert.equal(due(declared, '14:05').dueAt, ms('14:10'));
    assert.equal(due(declared, '14:05').overdue, false);
    assert.equal(due(declared, '14:11').overdue, true);
    const updated = [...declared, ev('status-update', '14:08', { phase: 'initial' })];
    assert.equal(due(updated, '14:20').dueAt, ms('14:38'));
    assert.equal(due(updated, '14:20').overdue, false);
  });

  it('SEV2: 20 minutes, then every 60', () => {
    const events = [ev('declared', '09:00', { title: 'x', severity: 'SEV2' })];
    assert.equal(due(events, '09:01').dueAt, ms('09:20'));
    assert.equal(due([...events, ev('status-update', '09:15')], '09:30').dueAt, ms('10:15'));
  });

  it('SEV3 and SEV4 have no cadence', () => {
    for (const severity of ['SEV3', 'SEV4'] as const) {
      const result = due([ev('declared', '09:00', { title: 'x', severity })], '12:00');
      assert.equal(result.dueAt, undefined);
      assert.equal(result.overdue, false);
    }
  });

  it('a re-declared severity changes the cadence from the change on', () => {
    const events = [
      ev('declared', '09:00', { title: 'x', severity: 'SEV3' }),
      ev('severity', '10:00', { severity: 'SEV1' }),
    ];
    // nothing was due under SEV3; under SEV1 the first update is due 10 minutes after the change, not after the declaration
    assert.equal(due(events, '10:05').dueAt, ms('10:10'));
    assert.equal(due(events, '10:05').overdue, false);
    const downgraded = [
      ev('declared', '09:00', { title: 'x', severity: 'SEV1' }),
      ev('status-update', '09:05'),
      ev('severity', '09:20', { severity: 'SEV2' }),
      ev('status-update', '09:25'),
    ];
    // the 09:25 update counts under SEV2: the next is 60 minutes later, not 30
    assert.equal(due(downgraded, '09:30').dueAt, ms('10:25'));
  });

  it('uses the back-dated time of a status update', () => {
    const events = [
      ev('declared', '09:00', { title: 'x', severity: 'SEV1' }),
      ev('status-update', '09:40', { at: T('09:09') }),
    ];
    assert.equal(due(events, '09:40').dueAt, ms('09:39'));
    assert.equal(due(events, '09:40').overdue, true);
  });

  it('nothing is due before a declaration or after resolution', () => {
    assert.equal(due([ev('note', '09:00')], '10:00').dueAt, undefined);
    assert.equal(due([ev('declared', '09:00', { title: 'x', severity: 'SEV1' }), ev('resolved', '09:30')], '11:00').dueAt, undefined);
  });
});
