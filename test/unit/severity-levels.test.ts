// The team's severity levels: the reference's defaults, a config's own scheme (GitLab's s1-s4) used by the cadence
// and the status update, and "met its target" (MTTM below the target of the highest severity reached).
import { strict as assert } from 'node:assert';
import { cadenceOf, nextStatusUpdate } from '../../server/src/engine/incident/cadence';
import {
  DEFAULT_SEVERITY_LEVELS, highestSeverityReached, severityLevels, targetOutcome,
} from '../../server/src/engine/incident/severities';
import { incidentState } from '../../server/src/engine/incident/state';
import { prefilledUpdate } from '../../server/src/engine/incident/statusUpdate';
import { renderPostmortem } from '../../server/src/engine/incident/postmortem';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';

const T = (hhmm: string, day = '20'): string => `2026-11-${day}T${hhmm}:00.000Z`;
const ms = (hhmm: string, day = '20'): number => Date.parse(T(hhmm, day));
const MIN = 60_000;

function ev(kind: TimelineEvent['kind'], ts: string, extra: Partial<TimelineEvent> = {}): TimelineEvent {
  return { ts: T(ts), actor: 'alice', kind, text: kind, ...extra };
}

const GITLAB = severityLevels([
  { name: 's1', definition: 'Blocks all users', updateEveryMinutes: 15, targetMitigationMinutes: 60 },
  { name: 's2', definition: 'Blocks some users', updateEveryMinutes: 45, targetMitigationMinutes: 240 },
  { name: 's3', definition: 'Degraded' },
  { name: 's4' },
]);

describe('severity levels', () => {
  it('defaults to the reference: SEV1-SEV4, targets 30 min, 2 h, 24 h, 1 week, cadences 10/30 and 20/60', () => {
    const levels = severityLevels(undefined);
    assert.deepEqual(levels.map((l) => [l.name, l.targetMitigationMs]), [['SEV1', 30 * MIN], ['SEV2', 120 * MIN], ['SEV3', 24 * 60 * MIN], ['SEV4', 7 * 24 * 60 * MIN]]);
    assert.deepEqual(cadenceOf('SEV1', levels), { firstMs: 10 * MIN, everyMs: 30 * MIN });
    assert.deepEqual(cadenceOf('SEV2', levels), { firstMs: 20 * MIN, everyMs: 60 * MIN });
    assert.equal(cadenceOf('SEV3', levels), undefined);
    assert.equal(levels[0].label, 'Critical');
    assert.match(levels[3].definition ?? '', /^No user impact/);
    assert.deepEqual(severityLevels([]), levels, 'an empty list is no list');
  });

  it('a config scheme (s1-s4) sets the cadence: first update within its interval, then every interval', () => {
    assert.deepEqual(cadenceOf('s1', GITLAB), { firstMs: 15 * MIN, everyMs: 15 * MIN });
    assert.equal(cadenceOf('s3', GITLAB), undefined, 'a level without updateEveryMinutes has no cadence');
    assert.equal(cadenceOf('SEV1', GITLAB), undefined, 'the defaults do not apply once the config names levels');
    const state = incidentState([ev('declared', '10:00', { title: 'x', severity: 's1' })]);
    assert.equal(nextStatusUpdate(state, ms('10:05'), GITLAB).dueAt, ms('10:15'));
    assert.equal(nextStatusUpdate(state, ms('10:16'), GITLAB).overdue, true);
    assert.equal(nextStatusUpdate(state, ms('10:05')).dueAt, undefined, 'under the default levels s1 is unknown: no cadence');
    assert.match(prefilledUpdate('initial', [ev('declared', '10:00', { title: 'Login errors', severity: 's2' })], ms('10:00'), GITLAB), /Next update by 10:45 UTC/);
  });

  it('the highest severity reached is ranked by the scheme; a name it does not know is not ranked', () => {
    const escalated = incidentState([
      ev('declared', '10:00', { title: 'x', severity: 's3' }), ev('severity', '10:10', { severity: 's1' }), ev('severity', '10:40', { severity: 's2' }),
    ]);
    assert.equal(escalated.severity, 's2');
    assert.equal(highestSeverityReached(escalated, GITLAB), 's1');
    assert.equal(highestSeverityReached(escalated, DEFAULT_SEVERITY_LEVELS), 's2', 'no known level: the one in force');
  });

  describe('met its target', () => {
    const declared = (severity: string) => ev('declared', '10:00', { title: 'x', severity });

    it('is MTTM (mitigated - declared) strictly below the target: 29 min meets SEV1, 30 min does not', () => {
      const at = (minutes: number) => incidentState([declared('SEV1'), { ...ev('mitigated', '10:00'), ts: new Date(ms('10:00') + minutes * MIN).toISOString() }]);
      assert.equal(targetOutcome(at(29), DEFAULT_SEVERITY_LEVELS).met, true);
      assert.equal(targetOutcome(at(30), DEFAULT_SEVERITY_LEVELS).met, false);
      assert.equal(targetOutcome(at(30), DEFAULT_SEVERITY_LEVELS).targetMs, 30 * MIN);
    });

    it('counts a back-dated mitigation at its `at`', () => {
      const state = incidentState([declared('SEV1'), ev('mitigated', '11:30', { at: T('10:20') })]);
      assert.equal(targetOutcome(state, DEFAULT_SEVERITY_LEVELS).met, true);
    });

    it('judges an incident whose severity changed by the highest it reached', () => {
      // SEV3 escalated to SEV1 and back to SEV2, mitigated 50 min after the declaration: SEV1's 30 min target is missed.
      const state = incidentState([declared('SEV3'), ev('severity', '10:05', { severity: 'SEV1' }), ev('severity', '10:30', { severity: 'SEV2' }), ev('mitigated', '10:50')]);
      const outcome = targetOutcome(state, DEFAULT_SEVERITY_LEVELS);
      assert.equal(outcome.severity, 'SEV1');
      assert.equal(outcome.met, false);
      const downgraded = incidentState([declared('SEV2'), ev('severity', '10:05', { severity: 'SEV3' }), ev('mitigated', '13:00')]);
      assert.equal(targetOutcome(downgraded, DEFAULT_SEVERITY_LEVELS).severity, 'SEV2');
      assert.equal(targetOutcome(downgraded, DEFAULT_SEVERITY_LEVELS).met, false, '3 h misses SEV2, though SEV3 would have met it');
    });

    it('still open: missed once the target has passed at `now`, else not known; no target or level: not known', () => {
      const open = incidentState([declared('SEV1')]);
      assert.equal(targetOutcome(open, DEFAULT_SEVERITY_LEVELS, ms('10:20')).met, null);
      assert.equal(targetOutcome(open, DEFAULT_SEVERITY_LEVELS, ms('10:30')).met, false);
      assert.equal(targetOutcome(open, DEFAULT_SEVERITY_LEVELS).met, null, 'without a now nothing is missed yet');
      assert.equal(targetOutcome(incidentState([declared('s3'), ev('mitigated', '10:01')]), GITLAB).met, null, 's3 has no target');
      assert.equal(targetOutcome(incidentState([declared('P1'), ev('mitigated', '10:01')]), GITLAB).met, null, 'P1 is not a level');
      assert.equal(targetOutcome(incidentState([ev('severity', '10:00', { severity: 'SEV1' }), ev('mitigated', '10:01')]), DEFAULT_SEVERITY_LEVELS).met, null, 'no declaration');
    });
  });

  it('the postmortem names levels and definitions from the scheme, and its highest severity by the scheme order', () => {
    const events = [ev('declared', '10:00', { title: 'Login errors', severity: 's2' }), ev('severity', '10:10', { severity: 's1' }), ev('severity', '10:30', { severity: 's2' })];
    const markdown = renderPostmortem(events, { generatedAt: ms('12:00'), levels: GITLAB });
    assert.match(markdown, /a s2 incident \(at its highest s1\), investigating\./);
    assert.match(markdown, /- s1 from 2026-11-20 10:10 UTC \(re-declared\): Blocks all users\./);
    assert.doesNotMatch(renderPostmortem(events, { generatedAt: ms('12:00') }), /at its highest/, 'the default scheme does not rank s1/s2');
  });
});
