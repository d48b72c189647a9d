import { strict as assert } from 'node:assert';
import { incidentMetrics } from '../../server/src/engine/incident/metrics';
import { incidentState } from '../../server/src/engine/incident/state';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';

const T = (hhmm: string): string => `2026-11-20T${hhmm}:00.000Z`;
const ms = (hhmm: string): number => Date.parse(T(hhmm));
const MIN = 60_000;

function ev(kind: TimelineEvent['kind'], ts: string, extra: Partial<TimelineEvent> = {}): TimelineEvent {
  return { ts: T(ts), actor: 'alice', kind, text: extra.text ?? kind, ...extra };
}

describe('incident state and metrics', () => {
  it('folds title, severity, status, IC and milestones from the events', () => {
    const state = incidentState([
      ev('declared', '14:26', { title: 'Checkout errors', severity: 'SEV2' }),
      ev('role', '14:27', { role: 'IC', person: 'bob' }),
      ev('role', '14:28', { role: 'SME', person: 'carol' }),
      ev('note', '14:29'),
    ]);
    assert.equal(state.title, 'Checkout errors');
    assert.equal(state.severity, 'SEV2');
    assert.equal(state.status, 'investigating');
    assert.equal(state.ic, 'bob');
    assert.deepEqual(state.smes, ['carol']);
    assert.equal(state.declaredAt, ms('14:26'));
  });

  it('uses the back-dated `at` of an impact start logged later, for MTTD and MTTR', () => {
    const events = [
      ev('declared', '14:26', { title: 'Checkout errors', severity: 'SEV2' }),
      // logged at 14:30 but impact began at 14:00
      ev('impact-started', '14:30', { at: T('14:00') }),
      ev('detected', '14:31', { at: T('14:22') }),
      ev('mitigated', '14:35'),
      ev('resolved', '14:40'),
    ];
    const state = incidentState(events);
    assert.equal(state.impactStartedAt, ms('14:00'));
    assert.equal(state.status, 'resolved');
    const metrics = incidentMetrics(state);
    assert.equal(metrics.mttdMs, 22 * MIN);
    assert.equal(metrics.mttmMs, 9 * MIN);
    assert.equal(metrics.mttrMs, 40 * MIN);
  });

  it('leaves out each metric whose milestone is missing', () => {
    const declaredOnly = incidentMetrics(incidentState([ev('declared', '10:00', { title: 'x', severity: 'SEV3' })]));
    assert.deepEqual(declaredOnly, {});
    const noImpactStart = incidentMetrics(incidentState([
      ev('declared', '10:00', { title: 'x', severity: 'SEV3' }), ev('detected', '10:01'), ev('mitigated', '10:10'), ev('resolved', '10:20'),
    ]));
    assert.equal(noImpactStart.mttdMs, undefined, 'MTTD needs an impact start');
    assert.equal(noImpactStart.mttrMs, undefined, 'MTTR needs an impact start');
    assert.equal(noImpactStart.mttmMs, 10 * MIN);
    const notMitigated = incidentState([ev('declared', '10:00', { title: 'x', severity: 'SEV3' }), ev('impact-started', '09:50')]);
    assert.equal(notMitigated.status, 'investigating');
    assert.equal(incidentMetrics(notMitigated).mttmMs, undefined);
  });

  it('takes the latest severity in time order, not file order, and records re-declarations', () => {
    const state = incidentState([
      ev('declared', '10:00', { title: 'x', severity: 'SEV3' }),
      ev('severity', '10:30', { severity: 'SEV1' }),
      // logged last, but back-dated before the SEV1 change
      ev('severity', '10:40', { severity: 'SEV2', at: T('10:20') }),
    ]);
    assert.equal(state.severity, 'SEV1');
    assert.deepEqual(state.severityHistory.map((change) => change.severity), ['SEV3', 'SEV2', 'SEV1']);
  });

  it('reports mitigated before resolved, and the latest mitigation counts', () => {
    const state = incidentState([
      ev('declared', '10:00', { title: 'x', severity: 'SEV2' }), ev('mitigated', '10:10'), ev('mitigated', '10:25'),
    ]);
    assert.equal(state.status, 'mitigated');
    assert.equal(incidentMetrics(state).mttmMs, 25 * MIN);
  });

  it('ignores events whose time cannot be read instead of failing', () => {
    const state = incidentState([{ ts: 'garbage', actor: 'a', kind: 'resolved', text: '' }, ev('declared', '10:00', { title: 'x', severity: 'SEV4' })]);
    assert.equal(state.status, 'investigating');
  });
});
