// Drills in the engine: the events (valid, readable as plain notes), the walk (order, outcomes, step times, resuming),
// the report, the drill rule (never drilled, overdue, the unclear-step note until the step changes) and last_drilled.
import { strict as assert } from 'node:assert';
import { drillVerdict, markDrilledFix } from '../../server/src/engine/drills/check';
import { drillDeclaredEvent, drillReportPath, drillStepNote, drillTimelineFileName } from '../../server/src/engine/drills/events';
import { buildDrillIndex, drillsOf } from '../../server/src/engine/drills/notes';
import { drillProgress, timePerSection } from '../../server/src/engine/drills/progress';
import { renderDrillReport } from '../../server/src/engine/drills/report';
import { applyFixes } from '../../server/src/engine/fixes';
import { renderPostmortem } from '../../server/src/engine/incident/postmortem';
import { incidentName, incidentState } from '../../server/src/engine/incident/state';
import { lintRunbook, parseRunbook } from '../../server/src/engine/index';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';
import { readTimeline } from '../../server/src/engine/timeline/read';
import { timelineEventError } from '../../server/src/engine/timeline/schema';

const RUNBOOK = `---
title: Checkout latency
service: checkout
owner: team-checkout
last_reviewed: 2026-11-01
---

# Checkout latency

## Meaning

p99 latency of checkout is high.

## Common causes

- A slow database.

## Diagnostics

1. Pods:

   \`\`\`bash
   kubectl -n {{namespace}} get pods
   \`\`\`

2. Errors:

   \`\`\`bash
   kubectl-foo errors
   \`\`\`

## Mitigation

### Option 1: roll back

\`\`\`bash
kubectl -n checkout rollout undo deploy/checkout-api
\`\`\`

Expected: latency falls.

## Escalation

Page @checkout-oncall after 15 minutes.
`;

const runbook = parseRunbook(RUNBOOK);
const steps = runbook.steps;
const PATH = 'runbooks/checkout-latency.md';
const T = (hhmm: string): string => `2026-12-03T${hhmm}.000Z`;

function declared(at = '14:00:00'): TimelineEvent {
  return drillDeclaredEvent({ title: 'Checkout latency', severity: 'SEV2', runbook: PATH, actor: 'alex', ts: T(at) });
}
function finished(step: string, at: string, exitCode: number | null, extra: Partial<TimelineEvent> = {}): TimelineEvent {
  return { ts: T(at), actor: 'alex', kind: 'command-finished', text: `${step} ran`, runbook: PATH, step, command: 'x', cwd: '/w', host: 'h', exitCode, durationMs: 800, output: exitCode === 127 ? 'sh: kubectl-foo: command not found' : '', ...extra };
}
function note(outcome: 'rehearsed' | 'skipped' | 'unclear', index: number, at: string, text?: string): TimelineEvent {
  return drillStepNote({ outcome, note: text, runbook: PATH, step: steps[index], actor: 'alex', ts: T(at) });
}

describe('drills', () => {
  it('drill events are valid timeline events, and a reader that knows nothing of drills shows them as a declaration and notes', () => {
    const events = [declared(), note('rehearsed', 2, '14:05:00', 'rolled back'), note('unclear', 0, '14:06:00', 'which namespace?'), note('skipped', 1, '14:07:00')];
    for (const event of events) assert.equal(timelineEventError(event), undefined, JSON.stringify(event));
    assert.deepEqual(events.map((e) => e.kind), ['declared', 'note', 'note', 'note']);
    assert.equal(events[1].text, 'Drill: rehearsed mitigation 1 (mitigations-1) without running it: rolled back');
    assert.equal(events[2].text, 'Drill: diagnostic step 1 (diagnostics-1) is unclear: which namespace?');
    assert.equal(events[2].command, 'kubectl -n {{namespace}} get pods', 'the note records the step it was made on');
    // `drill` is for declared and notes only; a declared drill is `true`, a note's is an object.
    assert.match(timelineEventError({ ...events[1], kind: 'finding' }) ?? '', /drill/);
    assert.match(timelineEventError({ ...events[0], drill: { outcome: 'rehearsed' } }) ?? '', /drill/);
    assert.match(timelineEventError({ ...events[1], drill: { outcome: 'maybe' } }) ?? '', /drill/);
    // A future field inside `drill` is flagged by this reader, never dropped.
    const read = readTimeline(`${JSON.stringify({ ...events[1], drill: { outcome: 'rehearsed', extra: 1 } })}\n`);
    assert.equal(read.events.length, 1);
    assert.equal(read.flagged.length, 1);
  });

  it('names: DRILL wherever the incident is named; files beside the timeline', () => {
    const state = incidentState([declared()]);
    assert.equal(state.drill, true);
    assert.equal(state.drillRunbook, PATH);
    assert.equal(incidentName(state), 'DRILL: Checkout latency');
    assert.equal(incidentName(incidentState([{ ...declared(), drill: undefined }])), 'Checkout latency');
    assert.match(renderPostmortem([declared()], { generatedAt: Date.parse(T('15:00:00')) }), /^# Postmortem: DRILL: Checkout latency\n[\s\S]*DRILL: a rehearsal of runbook `runbooks\/checkout-latency.md`, not a real incident\./);
    assert.equal(drillTimelineFileName(new Date(T('14:00:00')), 'Checkout latency'), '2026-12-03-drill-checkout-latency.timeline.jsonl');
    assert.equal(drillReportPath('/w/incidents/2026-12-03-drill-checkout-latency.timeline.jsonl'), '/w/incidents/2026-12-03-drill-checkout-latency.drill.md');
  });

  it('walks the steps in order: outcomes, unclear flags, the next step, and step times that add up', () => {
    const events = [
      declared('14:00:00'),
      note('unclear', 0, '14:01:00', 'which namespace?'),
      finished('diagnostics-1', '14:02:30', 0),
      finished('diagnostics-2', '14:03:00', 127),
    ];
    const progress = drillProgress(events, steps);
    assert.deepEqual(progress.steps.map((e) => e.outcome), ['ran', 'failed', 'not-reached']);
    assert.equal(progress.next, 2, 'resumes at the mitigation');
    assert.deepEqual(progress.steps.map((e) => e.durationMs), [150_000, 30_000, undefined]);
    assert.deepEqual(progress.steps[0].unclear.map((u) => u.note), ['which namespace?']);

    const later = drillProgress([...events, finished('diagnostics-2', '14:05:00', 0), note('rehearsed', 2, '14:09:00', 'rolled back')], steps);
    assert.deepEqual(later.steps.map((e) => e.outcome), ['ran', 'ran', 'rehearsed'], 'run again after a failure: the last decision counts');
    assert.equal(later.steps[1].durationMs, 150_000, 'both runs of the step: 30 s, then 2 min');
    assert.equal(later.next, undefined);
    assert.deepEqual(timePerSection(later).map((r) => [r.section, r.steps, r.durationMs]), [['Diagnostics', 2, 300_000], ['Mitigation', 1, 240_000]]);
  });

  it('a cancelled run is not a decision; commands of another runbook are not part of the walk', () => {
    const progress = drillProgress([
      declared('14:00:00'),
      finished('diagnostics-1', '14:01:00', null, { cancelled: true }),
      finished('diagnostics-1', '14:02:00', 0, { runbook: 'runbooks/other.md' }),
    ], steps);
    assert.equal(progress.steps[0].outcome, 'not-reached');
    assert.equal(progress.steps[0].runs.length, 1);
    assert.equal(progress.next, 0);
  });

  it('the report: time per step and section, time to mitigation against the target, failed, skipped, flagged, not reached', () => {
    const events = [
      declared('14:00:00'),
      { ts: T('14:00:10'), actor: 'alex', kind: 'role', role: 'IC', person: 'alex', text: 'IC' } as TimelineEvent,
      note('unclear', 0, '14:01:00', 'which namespace? <b>'),
      finished('diagnostics-1', '14:02:00', 0),
      finished('diagnostics-2', '14:04:00', 127),
      note('skipped', 1, '14:05:00', 'no such tool here'),
      { ts: T('14:20:00'), actor: 'alex', kind: 'mitigated', text: 'restored' } as TimelineEvent,
      { ts: T('14:21:00'), actor: 'alex', kind: 'resolved', text: 'Drill finished' } as TimelineEvent,
    ];
    const report = renderDrillReport(events, steps, { source: 'incidents/x.timeline.jsonl', generatedAt: Date.parse(T('14:30:00')) });
    assert.match(report, /^# Drill report: DRILL: Checkout latency\n/);
    assert.match(report, /SEV2 drill declared 2026-12-03 14:00 UTC, incident commander alex\./);
    assert.match(report, /3 steps: 1 ran, 0 failed, 0 rehearsed without running, 1 skipped, 1 not reached; 1 step flagged as unclear\./);
    assert.match(report, /Time to mitigation: 20m, within the SEV2 target of 2h 00m: met\./);
    assert.match(report, /\| 1 \| diagnostic step 1 \(`diagnostics-1`\) \| Diagnostics \| ran \(exit 0\) \| 2m \| unclear: "which namespace\? &lt;b>" \(alex\) \|/);
    assert.match(report, /\| 2 \| diagnostic step 2 \(`diagnostics-2`\) \| Diagnostics \| skipped \| 3m \| skipped: no such tool here \|/);
    assert.match(report, /\| 3 \| mitigation 1 \(`mitigations-1`\) \| Mitigation \| not reached \| - \|  \|/);
    assert.match(report, /\| Diagnostics \| 2 \| 5m \|\n\| Mitigation \| 0 of 1 reached \| - \|/);
    assert.match(report, /## Failed steps\n\n- diagnostic step 2 \(`diagnostics-2`\): exit 127, command not found \(kubectl-foo\) at 14:04 UTC; then skipped\./);
    assert.match(report, /## Flagged as unclear\n\n- diagnostic step 1 \(`diagnostics-1`\): "which namespace\? &lt;b>" \(alex, 14:01 UTC\)/);
    assert.match(report, /## Not reached\n\n- mitigation 1 \(`mitigations-1`\)\./);
  });

  it('the report says when the target was missed, and when the drill was not mitigated', () => {
    const slow = renderDrillReport([declared('14:00:00'), { ts: T('16:30:00'), actor: 'a', kind: 'mitigated', text: 'm' }], steps, { generatedAt: 0 });
    assert.match(slow, /Time to mitigation: 2h 30m, over the SEV2 target of 2h 00m: missed\./);
    const never = renderDrillReport([declared('14:00:00')], steps, { generatedAt: 0 });
    assert.match(never, /The drill was not marked mitigated\./);
    assert.match(never, /\| Met \| not known \(not mitigated yet\) \|/);
  });

  describe('the drill rule', () => {
    const today = '2026-12-10';
    const withDrilled = (date: string): string => RUNBOOK.replace('last_reviewed: 2026-11-01', `last_reviewed: 2026-11-01\nlast_drilled: ${date}`);
    const drillFindings = async (text: string, options: { intervalDays?: number; events?: TimelineEvent[][] } = {}) => {
      const index = buildDrillIndex((options.events ?? []).map((events, i) => ({ file: `/w/incidents/2026-12-0${i + 1}-drill.timeline.jsonl`, events })));
      const result = await lintRunbook(text, { today, drillIntervalDays: options.intervalDays, drills: drillsOf(index, PATH) });
      return result.findings.filter((f) => f.rule === 'drill');
    };

    it('without a drill interval nothing is reported about when it was drilled', async () => {
      assert.deepEqual(await drillFindings(RUNBOOK), []);
    });

    it('never drilled (at the front matter) and overdue (at the date), as warnings', async () => {
      const never = await drillFindings(RUNBOOK, { intervalDays: 90 });
      assert.deepEqual(never.map((f) => [f.code, f.severity, f.range.start.line]), [['drill/never-drilled', 'warning', 0]]);
      assert.match(never[0].message, /never drilled: rehearse it \(Runbooks: Start drill, or runbooks drill\) at least every 90 days/);
      const overdue = await drillFindings(withDrilled('2026-08-01'), { intervalDays: 90 });
      assert.deepEqual(overdue.map((f) => [f.code, f.severity, f.range]), [['drill/overdue', 'warning', { start: { line: 5, character: 14 }, end: { line: 5, character: 24 } }]]);
      assert.match(overdue[0].message, /last drilled on 2026-08-01, 131 days ago, but the drill interval is 90 days \(41 days overdue\)/);
      assert.deepEqual(await drillFindings(withDrilled('2026-10-01'), { intervalDays: 90 }), []);
      assert.deepEqual((await drillFindings(withDrilled('2026-02-30'), { intervalDays: 90 })).map((f) => f.code), ['drill/invalid-date']);
      assert.deepEqual((await drillFindings(withDrilled('2026-12-25'), { intervalDays: 90 })).map((f) => f.code), ['drill/invalid-date']);
    });

    it('a finished drill in the timelines later than last_drilled is offered as the fix', async () => {
      const drill = [declared('14:00:00'), { ts: T('15:00:00'), actor: 'alex', kind: 'resolved', text: 'Drill finished' } as TimelineEvent];
      const [finding] = await drillFindings(withDrilled('2026-08-01'), { intervalDays: 90, events: [drill] });
      assert.equal(finding.code, 'drill/overdue');
      assert.match(finding.message, /The timelines hold a drill of it on 2026-12-03 \(2026-12-01-drill\)\./);
      assert.equal(finding.fix?.title, 'Set last_drilled: 2026-12-03');
      assert.match(applyFixes(withDrilled('2026-08-01'), finding.fix ? [finding.fix] : []).text, /last_drilled: 2026-12-03\n/);
      const unfinished = await drillFindings(withDrilled('2026-08-01'), { intervalDays: 90, events: [[declared('14:00:00')]] });
      assert.equal(unfinished[0].fix, undefined, 'a drill still open is not a drill done');
    });

    it('an unclear note is an information diagnostic on its step until the step changes', async () => {
      const drill = [declared('14:00:00'), note('unclear', 0, '14:01:00', 'which namespace?')];
      const [finding] = await drillFindings(RUNBOOK, { events: [drill] });
      assert.equal(finding.code, 'drill/unclear-step');
      assert.equal(finding.severity, 'info');
      assert.equal(finding.message, 'In the drill of 2026-12-03, alex noted: "which namespace?"');
      const fence = RUNBOOK.split('\n').indexOf('   ```bash');
      assert.deepEqual(finding.range, { start: { line: fence, character: 3 }, end: { line: fence, character: 10 } });
      const edited = RUNBOOK.replace('kubectl -n {{namespace}} get pods', 'kubectl -n checkout get pods');
      assert.deepEqual(await drillFindings(edited, { events: [drill] }), [], 'the step changed: the note is about a step no longer there');
      assert.equal((await drillFindings(RUNBOOK.replace('## Diagnostics', '## Diagnostics\n\nSome words.'), { events: [drill] })).length, 1, 'text around the step may change');
    });
  });

  it('last_drilled: set, added to the front matter, or front matter added', () => {
    const set = (text: string) => applyFixes(text, [markDrilledFix(parseRunbook(text), '2026-12-03')]).text;
    assert.match(set(RUNBOOK), /last_reviewed: 2026-11-01\nlast_drilled: 2026-12-03\n---/);
    assert.match(set(RUNBOOK.replace('last_reviewed: 2026-11-01', 'last_drilled: 2025-01-01')), /last_drilled: 2026-12-03\n/);
    assert.equal(set('# Runbook\n'), '---\nlast_drilled: 2026-12-03\n---\n# Runbook\n');
    assert.deepEqual(drillVerdict({ last_drilled: '2026-12-01' }, '2026-12-03', 30), { state: 'current', lastDrilled: '2026-12-01', ageDays: 2 });
  });
});
