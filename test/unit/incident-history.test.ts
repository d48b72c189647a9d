// The incident history over generated timelines whose ground truth is known: missing milestones, back-dated events,
// a severity changed mid-incident, drills mixed in, torn lines; per severity count, median, p90, larger contributor,
// missed targets; the runbooks used most and the steps that failed most.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { incidentHistory, type HistoryInput } from '../../server/src/engine/incident/history';
import { severityLevels } from '../../server/src/engine/incident/severities';
import { largerContributor, summarize } from '../../server/src/engine/incident/stats';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';
import { readTimeline } from '../../server/src/engine/timeline/read';
import {
  expectedMetrics, FIXTURE_COUNT, FIXTURE_SEED, generateIncidents, timelineText, type IncidentSpec,
} from '../helpers/generatedHistory';

const MIN = 60_000;
const LEVELS = severityLevels(undefined);

function inputs(specs: readonly IncidentSpec[]): HistoryInput[] {
  return specs.map((spec) => {
    const read = readTimeline(timelineText(spec));
    return { file: `incidents/${spec.name}`, events: read.events, unreadableLines: read.bad.length };
  });
}

const base = (name: string, extra: Partial<IncidentSpec> = {}): IncidentSpec => ({
  name: `${name}.timeline.jsonl`, title: name, severity: 'SEV2', declared: '2026-10-01T12:00:00.000Z',
  impactBeforeMin: 10, detectAfterMin: 4, mitigateAfterMin: 50, resolveAfterMin: 80, ...extra,
});

describe('incident history', () => {
  it('measures each generated incident as generated: MTTD, MTTM, MTTR, missing milestones as null', () => {
    const specs = generateIncidents(7, 40);
    const history = incidentHistory(inputs(specs), { levels: LEVELS });
    assert.equal(history.incidents.length, 40);
    for (const spec of specs) {
      const measured = history.incidents.find((incident) => incident.file === `incidents/${spec.name}`);
      assert.ok(measured, spec.name);
      const { mttdMs, mttmMs, mttrMs } = measured;
      assert.deepEqual({ mttdMs, mttmMs, mttrMs }, expectedMetrics(spec), spec.name);
      assert.equal(measured.drill, spec.drill === true, spec.name);
    }
    // The generator made every kind of case this test claims to cover.
    assert.ok(specs.some((s) => s.backdated) && specs.some((s) => s.drill) && specs.some((s) => s.severityChange) && specs.some((s) => s.torn));
    assert.ok(specs.some((s) => s.detectAfterMin === undefined) && specs.some((s) => s.resolveAfterMin === undefined));
  });

  it('back-dated milestones count at their `at`, not when they were logged', () => {
    const [measured] = incidentHistory(inputs([base('late', { backdated: true })]), { levels: LEVELS }).incidents;
    assert.equal(measured.mttdMs, 4 * MIN);
    assert.equal(measured.mttmMs, 50 * MIN);
    assert.equal(measured.mttrMs, 90 * MIN);
    // Logged after the declaration: read by `ts` the impact would start after it, and MTTD would be 0.
    const events = readTimeline(timelineText(base('late', { backdated: true }))).events;
    const impact = events.find((e) => e.kind === 'impact-started');
    const declared = events.find((e) => e.kind === 'declared');
    assert.ok(impact?.at && declared && Date.parse(impact.ts) > Date.parse(declared.ts) && Date.parse(impact.at) < Date.parse(declared.ts));
  });

  it('an incident whose severity changed is grouped and judged by the highest it reached', () => {
    const timelines = inputs([
      base('escalated', { severity: 'SEV3', severityChange: { severity: 'SEV1', afterMin: 5 }, mitigateAfterMin: 40 }),
      base('steady', { severity: 'SEV3', mitigateAfterMin: 40 }),
    ]);
    // Downgraded again before it was mitigated: the SEV1 it reached still judges it.
    (timelines[0].events as TimelineEvent[]).push({ ts: '2026-10-01T12:20:00.000Z', actor: 'gen', kind: 'severity', severity: 'SEV3', text: 'downgraded' });
    const history = incidentHistory(timelines, { levels: LEVELS });
    const byFile = new Map(history.incidents.map((incident) => [incident.title, incident]));
    assert.equal(byFile.get('escalated')?.severity, 'SEV1');
    assert.equal(byFile.get('escalated')?.metTarget, false, '40 min misses SEV1 (30 min)');
    assert.equal(byFile.get('steady')?.metTarget, true, '40 min meets SEV3 (24 h)');
    assert.deepEqual(Object.keys(history.bySeverity), ['SEV1', 'SEV3']);
    assert.deepEqual(history.bySeverity.SEV1.missedTarget, ['incidents/escalated.timeline.jsonl']);
  });

  it('drills are listed, marked, and kept out of the per-severity figures, runbook and step counts', () => {
    const history = incidentHistory(inputs([
      base('real', { commands: [{ runbook: 'runbooks/a.md', step: 'diagnostics-1', exitCode: 127, afterMin: 3 }] }),
      base('rehearsal', { drill: true, drillRunbook: 'runbooks/b.md', impactBeforeMin: undefined, commands: [{ runbook: 'runbooks/b.md', step: 'diagnostics-1', exitCode: 1, afterMin: 3 }] }),
    ]), { levels: LEVELS });
    assert.deepEqual(history.incidents.map((i) => [i.title, i.drill]), [['real', false], ['rehearsal', true]]);
    assert.equal(history.bySeverity.SEV2.count, 1);
    assert.equal(history.drillsBySeverity.SEV2.count, 1);
    assert.deepEqual(history.mostUsedRunbooks.map((u) => u.runbook), ['runbooks/a.md']);
    assert.deepEqual(history.mostFailedSteps.map((s) => `${s.runbook} ${s.step}`), ['runbooks/a.md diagnostics-1']);
    assert.deepEqual(history.incidents[1].runbooks, ['runbooks/b.md'], "a drill's runbook is named even before a step ran");
  });

  it('a torn line is skipped and counted; the events around it still count', () => {
    const tail = incidentHistory(inputs([base('tail', { torn: 'tail' })]), { levels: LEVELS }).incidents[0];
    assert.equal(tail.unreadableLines, 1);
    assert.equal(tail.mttmMs, 50 * MIN);
    const glued = incidentHistory(inputs([base('glued', { torn: 'glued' })]), { levels: LEVELS }).incidents[0];
    assert.equal(glued.unreadableLines, 1);
    assert.equal(glued.mttmMs, 50 * MIN, 'the event glued to the torn tail (mitigated) is recovered');
    assert.equal(glued.mttrMs, 90 * MIN);
  });

  it('per severity: count, median and p90 (nearest rank), larger contributor, missed targets', () => {
    // Five SEV2 incidents: MTTM 20, 40, 60, 100, 150 min (the last misses 2 h); MTTD 1..5 min; one without detection.
    const specs = [20, 40, 60, 100, 150].map((mttm, i) => base(`s${i}`, { mitigateAfterMin: mttm, detectAfterMin: i === 4 ? undefined : i + 1, declared: `2026-10-0${i + 1}T12:00:00.000Z` }));
    const summary = incidentHistory(inputs(specs), { levels: LEVELS }).bySeverity.SEV2;
    assert.equal(summary.count, 5);
    assert.deepEqual(summary.mttmMs, { median: 60 * MIN, p90: 150 * MIN });
    assert.deepEqual(summary.mttdMs, { median: 2.5 * MIN, p90: 4 * MIN }, 'four values: median is the mean of the middle two');
    assert.equal(summary.largerContributor, 'mitigation');
    assert.deepEqual(summary.missedTarget, ['incidents/s4.timeline.jsonl']);
    assert.equal(summary.targetMitigationMs, 120 * MIN);
  });

  it('detection is the larger contributor when detecting took longer than mitigating', () => {
    const summary = incidentHistory(inputs([base('slow-detect', { impactBeforeMin: 200, detectAfterMin: 180, mitigateAfterMin: 20 })]), { levels: LEVELS }).bySeverity.SEV2;
    assert.equal(summary.largerContributor, 'detection');
    assert.equal(largerContributor([{ mttdMs: null, mttmMs: 5 }]), null, 'no incident with both');
    assert.equal(largerContributor([{ mttdMs: 5, mttmMs: 5 }]), null, 'equal');
  });

  it('median and p90 of nothing are null; one value is both', () => {
    assert.deepEqual(summarize([]), { median: null, p90: null });
    assert.deepEqual(summarize([7]), { median: 7, p90: 7 });
    assert.deepEqual(summarize(Array.from({ length: 10 }, (_v, i) => i + 1)), { median: 6, p90: 9 });
  });

  it('an open incident past its target has missed it at `now`; --since keeps later declarations', () => {
    const open = base('open', { mitigateAfterMin: undefined, resolveAfterMin: undefined, declared: '2026-10-05T12:00:00.000Z' });
    const old = base('old', { declared: '2026-09-01T12:00:00.000Z' });
    const early = incidentHistory(inputs([open, old]), { levels: LEVELS, now: Date.parse('2026-10-05T13:00:00.000Z') });
    assert.equal(early.incidents.find((i) => i.title === 'open')?.metTarget, null, 'an hour in: SEV2 has 2 h');
    const late = incidentHistory(inputs([open, old]), { levels: LEVELS, now: Date.parse('2026-10-05T15:00:00.000Z') });
    assert.equal(late.incidents.find((i) => i.title === 'open')?.metTarget, false);
    assert.deepEqual(incidentHistory(inputs([open, old]), { levels: LEVELS, since: Date.parse('2026-10-01') }).incidents.map((i) => i.title), ['open']);
  });

  it('most used runbooks and most failed steps, counted per incident; a cancelled run is not a failure', () => {
    const history = incidentHistory(inputs([
      base('a', { declared: '2026-10-01T12:00:00.000Z', commands: [
        { runbook: 'runbooks/x.md', step: 'diagnostics-2', exitCode: 127, afterMin: 1 }, { runbook: 'runbooks/x.md', step: 'diagnostics-2', exitCode: 127, afterMin: 2 },
        { runbook: 'runbooks/y.md', step: 'mitigations-1', exitCode: null, afterMin: 3, cancelled: true },
      ] }),
      base('b', { declared: '2026-10-02T12:00:00.000Z', commands: [{ runbook: 'runbooks/x.md', step: 'diagnostics-2', exitCode: 1, afterMin: 1 }] }),
    ]), { levels: LEVELS });
    assert.deepEqual(history.mostUsedRunbooks, [{ runbook: 'runbooks/x.md', incidents: 2, commands: 3 }, { runbook: 'runbooks/y.md', incidents: 1, commands: 1 }]);
    assert.deepEqual(history.mostFailedSteps, [{ runbook: 'runbooks/x.md', step: 'diagnostics-2', failures: 3, incidents: 2 }]);
    assert.equal(history.incidents[0].failedCommands.length, 2);
    assert.equal(history.incidents[0].commands.length, 3);
  });

  it('the e2e fixture folder is the generator\'s output (regenerate it with the generator if this fails)', () => {
    const folder = path.resolve(__dirname, '..', 'fixtures', 'history', 'incidents');
    const specs = generateIncidents(FIXTURE_SEED, FIXTURE_COUNT);
    assert.deepEqual(readdirSync(folder).filter((n) => n.endsWith('.timeline.jsonl')).sort(), specs.map((s) => s.name).sort());
    for (const spec of specs) assert.equal(readFileSync(path.join(folder, spec.name), 'utf8'), timelineText(spec), spec.name);
  });
});
