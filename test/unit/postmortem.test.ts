import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { renderPostmortem } from '../../server/src/engine/incident/postmortem';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';

const SAMPLE = path.join(__dirname, '../../samples/incidents/2026-11-20-checkout-latency.timeline.jsonl');
const sampleEvents = (): TimelineEvent[] => readFileSync(SAMPLE, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as TimelineEvent);

/** The body of one `## heading` section (up to the next H2). */
function sectionOf(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  assert.notEqual(start, -1, `missing section ${heading}`);
  const rest = markdown.slice(start + heading.length + 5);
  const end = rest.indexOf('\n## ');
  return (end === -1 ? rest : rest.slice(0, end)).trim();
}

/** Rows of the first GFM table in `text`, cells split on unescaped pipes. */
function tableRows(text: string): string[][] {
  return text.split('\n').filter((line) => line.startsWith('| ')).slice(2)
    .map((line) => line.slice(2, -2).split(/(?<!\\) \| /));
}

describe('postmortem draft from the sample timeline', () => {
  const markdown = renderPostmortem(sampleEvents(), { source: 'incidents/sample.timeline.jsonl', generatedAt: Date.parse('2026-11-21T09:00:00Z') });

  it('has every section in order, with empty root cause and action items', () => {
    const headings = markdown.split('\n').filter((line) => line.startsWith('## ')).map((line) => line.slice(3));
    assert.deepEqual(headings, ['Summary', 'Severity', 'Impact window', 'Metrics', 'Roles', 'Timeline', 'Commands run',
      'Hypotheses and findings', 'Decisions', 'Mitigations', 'Status updates', 'Root cause', 'Action items']);
    assert.ok(markdown.startsWith('# Postmortem: Checkout latency\n'));
    assert.doesNotMatch(sectionOf(markdown, 'Root cause').replace(/<!--[\s\S]*?-->/g, ''), /\S/);
    assert.deepEqual(tableRows(sectionOf(markdown, 'Action items')), []);
  });

  it('computes the metrics from the back-dated milestones', () => {
    const rows = tableRows(sectionOf(markdown, 'Metrics'));
    assert.deepEqual(rows.map((row) => [row[0], row[1]]), [
      ['MTTD (time to detect)', '12m'], // detected 14:14 - impact 14:02
      ['MTTM (time to mitigate)', '21m'], // mitigated 14:38 - declared 14:17
      ['MTTR (time to recover)', '1h 03m'], // resolved 15:05 - impact 14:02
    ]);
    const impact = tableRows(sectionOf(markdown, 'Impact window'));
    assert.deepEqual(impact[0], ['Impact started', '2026-11-20 14:02']);
  });

  it('lists the severity history with the re-declaration', () => {
    const severity = sectionOf(markdown, 'Severity');
    assert.match(severity, /^- SEV2 \(High\) from 2026-11-20 14:17 UTC:/m);
    assert.match(severity, /^- SEV1 \(Critical\) from 2026-11-20 14:29 UTC \(re-declared\):/m);
  });

  it('has one timeline row per event in time order, command start/finish pairs merged', () => {
    const rows = tableRows(sectionOf(markdown, 'Timeline'));
    const events = sampleEvents();
    const starts = events.filter((event) => event.kind === 'command-started').length;
    assert.equal(rows.length, events.length - starts);
    assert.deepEqual(rows[0].slice(0, 2), ['2026-11-20 14:02 (logged 14:19)', 'dana']);
    assert.ok(rows.every((row) => row.length === 3), 'a pipe in a command split a row');
    const times = rows.map((row) => row[0].slice(0, 16));
    assert.deepEqual(times, [...times].sort());
    assert.ok(rows.some((row) => row[2] === 'Ran, exit 0 after 912ms: `kubectl -n checkout rollout history deployment/checkout-api \\| tail -n 5`'));
    assert.ok(rows.some((row) => row[2].startsWith('Ran, exit 28 (failed) after 10s: `curl -s "http://prometheus.internal:9090/')));
  });

  it('lists commands with their results and output, hypotheses, findings, decisions and mitigations', () => {
    const commands = sectionOf(markdown, 'Commands run');
    assert.equal(commands.split('\n').filter((line) => line.startsWith('- ')).length, 5);
    assert.match(commands, /`kubectl -n checkout rollout undo deployment\/checkout-api` \(runbook `samples\/complete.md`, step `mitigations-1`\): exit 0 after 38s/);
    assert.match(commands, /\n  deployment "checkout-api" successfully rolled out\n/);
    assert.match(commands, /step `diagnostics-2`\): exit 28 \(failed\) after 10s/);
    assert.match(sectionOf(markdown, 'Hypotheses and findings'), /Hypothesis: checkout v4\.12[\s\S]*Finding: DB pool max went from 50 to 20/);
    assert.match(sectionOf(markdown, 'Decisions'), /Roll back checkout to v4\.11/);
    const mitigations = sectionOf(markdown, 'Mitigations');
    // From what the events recorded of the schema: the rollback changed production, the diagnostics did not.
    assert.match(mitigations, /change to production: step `mitigations-1` \(section `mitigations`\) ran `kubectl -n checkout rollout undo deployment\/checkout-api`: exit 0/);
    assert.doesNotMatch(mitigations, /diagnostics-/);
    assert.match(mitigations, /service restored: Rollback to v4\.11 complete/);
  });

  it('is blameless: generated prose names no person', () => {
    for (const heading of ['Summary', 'Severity', 'Hypotheses and findings', 'Decisions', 'Mitigations']) {
      assert.doesNotMatch(sectionOf(markdown, heading), /\b(dana|eli)\b/, heading);
    }
    assert.match(sectionOf(markdown, 'Summary'), /5 commands ran from runbooks \(1 did not succeed\); 1 hypothesis and 1 finding were recorded/);
  });
});

describe('postmortem draft edge cases', () => {
  const at = '2026-11-20T10:00:00.000Z';
  it('keeps hostile text literal: HTML shows as text, pipes and backticks do not break tables or code', () => {
    const markdown = renderPostmortem([
      { ts: at, actor: 'a|b', kind: 'declared', title: 'T', severity: 'SEV3', text: '<img src=x onerror=alert(1)>' },
      { ts: at, actor: 'x', kind: 'command-finished', text: '', runbook: 'r.md', step: 'diagnostics-1', command: 'echo `a` | tr a b', cwd: '/', host: 'h', exitCode: 0, durationMs: 5, output: '```\nx' },
    ]);
    assert.doesNotMatch(markdown, /<img/);
    assert.match(markdown, /&lt;img src=x onerror=alert\(1\)>/);
    const rows = tableRows(sectionOf(markdown, 'Timeline'));
    assert.ok(rows.every((row) => row.length === 3));
    assert.equal(rows[0][1], 'a\\|b');
    assert.match(markdown, /``echo `a` \| tr a b``/);
    assert.match(sectionOf(markdown, 'Commands run'), /  ````text\n  ```\n  x\n  ````/);
  });

  it("shows an event's own text when its kind-specific fields are missing", () => {
    const markdown = renderPostmortem([
      { ts: at, actor: 'a', kind: 'declared', title: 'Checkout down', severity: 'SEV2', text: 'declared' },
      { ts: at, actor: 'carol', kind: 'role', text: 'bob is IC' },
      { ts: at, actor: 'carol', kind: 'severity', text: 'bumped to the top level' },
    ] as TimelineEvent[]);
    const timeline = sectionOf(markdown, 'Timeline');
    assert.match(timeline, /\| bob is IC \|/);
    assert.match(timeline, /\| bumped to the top level \|/);
    assert.doesNotMatch(markdown, /assigned to \?|set to \?/);
  });

  it('names the missing milestone of each unknown metric, impact start recorded but not detection', () => {
    const metrics = sectionOf(renderPostmortem([
      { ts: at, actor: 'a', kind: 'declared', title: 'Checkout down', severity: 'SEV2', text: 'declared' },
      { ts: at, actor: 'a', kind: 'impact-started', text: 'impact' },
    ] as TimelineEvent[]), 'Metrics');
    assert.match(metrics, /\| MTTD \(time to detect\) \| unknown: the detection was not recorded \|/);
    assert.match(metrics, /^- Detection not recorded: MTTD unknown\./m);
    assert.doesNotMatch(metrics, /Impact start not recorded/);
  });

  it('says what is missing instead of inventing it', () => {
    const markdown = renderPostmortem([{ ts: at, actor: 'a', kind: 'note', text: 'just a note' }], { bad: [{ line: 2, reason: 'not valid JSON' }] });
    assert.match(markdown, /^# Postmortem: Untitled incident/);
    assert.match(sectionOf(markdown, 'Metrics'), /\| MTTD \(time to detect\) \| unknown: the impact start and the detection were not recorded \|/);
    assert.match(sectionOf(markdown, 'Metrics'), /^- Impact start not recorded: MTTD and MTTR unknown\./m);
    assert.match(sectionOf(markdown, 'Unreadable timeline lines'), /- line 2: not valid JSON/);
  });
});
