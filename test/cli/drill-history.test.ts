// `runbooks history` (the JSON shape of the issue, the text report, --since, bad input) and `runbooks drill` (without a
// terminal it says what is needed; on one it walks the steps to its report and last_drilled; it continues an open
// drill and refuses a real incident's timeline).
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { generateIncidents, writeIncidents } from '../helpers/generatedHistory';
import { fakeIO } from './cliHarness';

const RUNBOOK = `---
title: Drill me
service: drill
owner: team-drill
last_reviewed: 2026-11-01
---

# Drill me

## Meaning

The drill service is down.

## Common causes

- A bad deploy.

## Diagnostics

1. Say hello:

   \`\`\`bash
   echo hello-from-the-drill
   \`\`\`

2. Fail:

   \`\`\`bash
   exit 3
   \`\`\`

## Mitigation

### Option 1: restart

\`\`\`bash
echo restarted > restarted.txt
\`\`\`

Expected: the service answers again.

## Escalation

Page @drill-oncall after 15 minutes.
`;

function folder(): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'runbooks-drill-')));
  mkdirSync(path.join(dir, 'runbooks'));
  writeFileSync(path.join(dir, 'runbooks', 'drill-me.md'), RUNBOOK);
  return dir;
}

const events = (file: string): Array<Record<string, unknown>> => readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('runbooks history', () => {
  it('--format json has the shape of the issue: incidents with times in ms (null where missing), bySeverity summaries', async () => {
    const dir = folder();
    const specs = generateIncidents(11, 12);
    writeIncidents(path.join(dir, 'incidents'), specs);
    const io = fakeIO(dir);
    assert.equal(await main(['history', '--format', 'json', '--now', '2026-12-31T00:00Z'], io), 0, io.err());
    const report = JSON.parse(io.out()) as { incidents: Record<string, unknown>[]; bySeverity: Record<string, Record<string, unknown>> };
    assert.equal(report.incidents.length, 12);
    for (const incident of report.incidents) {
      assert.deepEqual(Object.keys(incident).slice(0, 12), ['file', 'title', 'severity', 'drill', 'declared', 'mttdMs', 'mttmMs', 'mttrMs', 'metTarget', 'runbooks', 'commands', 'failedCommands']);
      for (const key of ['mttdMs', 'mttmMs', 'mttrMs']) assert.ok(incident[key] === null || typeof incident[key] === 'number', key);
      assert.ok(incident.metTarget === null || typeof incident.metTarget === 'boolean');
      assert.match(String(incident.file), /^incidents\/.+\.timeline\.jsonl$/);
    }
    assert.ok(report.incidents.some((i) => i.mttdMs === null), 'a generated incident without detection has mttdMs null');
    for (const [name, summary] of Object.entries(report.bySeverity)) {
      assert.match(name, /^SEV[1-4]$/);
      assert.deepEqual(Object.keys(summary).sort(), ['count', 'largerContributor', 'missedTarget', 'mttdMs', 'mttmMs', 'mttrMs', 'targetMitigationMs']);
      assert.deepEqual(Object.keys(summary.mttmMs as object), ['median', 'p90']);
      assert.ok(['detection', 'mitigation', null].includes(summary.largerContributor as string | null));
    }
    const counted = Object.values(report.bySeverity).reduce((n, s) => n + (s.count as number), 0);
    assert.equal(counted, specs.filter((s) => !s.drill).length, 'drills are not counted per severity');
    assert.match(io.err(), /1 line skipped \(line \d+\)/, 'the torn line is named on stderr');
  });

  it('prints the text report; --since keeps later incidents; a missing folder and a bad date are usage errors', async () => {
    const dir = folder();
    const specs = generateIncidents(11, 12);
    writeIncidents(path.join(dir, 'ops', 'timelines'), specs);
    const io = fakeIO(dir);
    assert.equal(await main(['history', 'ops/timelines', '--now', '2026-12-31T00:00Z'], io), 0, io.err());
    assert.equal(specs.filter((s) => s.drill).length, 1);
    assert.match(io.out(), /^Incidents: 11 \(and 1 drill, listed apart\)\n\nDECLARED \(UTC\)\s+SEVERITY\s+MTTD\s+MTTM\s+MTTR\s+TARGET\s+FAILED\s+TITLE\n/);
    assert.match(io.out(), /\nBy severity \(the highest each incident reached\)\n\nSEVERITY\s+COUNT\s+TARGET\s+MTTD median\/p90/);
    assert.match(io.out(), /\nSteps that failed most\n {2}runbooks\/[a-z-]+\.md diagnostics-2\s+\d+ failures? in \d+ incidents?\n/);
    assert.match(io.out(), /\nDrills: 1\n\nDECLARED \(UTC\)/);
    assert.match(io.out(), /\nMissed their target\n {2}SEV1 {2}ops\/timelines\/\S+\.timeline\.jsonl\n/);
    const since = fakeIO(dir);
    assert.equal(await main(['history', 'ops/timelines', '--since', '2026-11-01', '--format', 'json'], since), 0);
    const declared = (JSON.parse(since.out()) as { incidents: { declared: string }[] }).incidents.map((i) => i.declared);
    assert.ok(declared.length > 0 && declared.every((d) => d >= '2026-11-01'), declared.join(' '));
    const missing = fakeIO(dir);
    assert.equal(await main(['history', 'nowhere'], missing), 2);
    assert.match(missing.err(), /nowhere: no such file or folder/);
    const bad = fakeIO(dir);
    assert.equal(await main(['history', '--since', 'last week'], bad), 2);
    assert.match(bad.err(), /--since expects a date/);
  });
});

describe('runbooks drill', () => {
  it('without a terminal: says a drill is interactive and writes nothing (exit 2)', async () => {
    const dir = folder();
    const io = fakeIO(dir, { isTTY: false });
    assert.equal(await main(['drill', 'runbooks/drill-me.md', '--timeline', 'incidents/d.timeline.jsonl'], io), 2);
    assert.match(io.err(), /a drill is interactive: for each step it asks whether to run it, mark it rehearsed .* Run it on a terminal; nothing was written\./);
    assert.equal(existsSync(path.join(dir, 'incidents')), false);
    const usage = fakeIO(dir, { isTTY: true });
    assert.equal(await main(['drill', 'runbooks/drill-me.md'], usage), 2);
    assert.match(usage.err(), /--timeline is required/);
  });

  it('on a terminal: walks the steps (flag, run, a failure, rehearse), marks it mitigated, writes the report and last_drilled', async () => {
    const dir = folder();
    const input = ['f', 'where does it run?', 'r', 'r', 'n', 'm', 'would restart the service', 'y', 'y'];
    const io = fakeIO(dir, { isTTY: true, input });
    const code = await main(['drill', 'runbooks/drill-me.md', '--timeline', 'incidents/d.timeline.jsonl', '--actor', 'alex', '--severity', 'SEV2', '--today', '2026-12-03'], io);
    assert.equal(code, 0, io.err());
    const timeline = path.join(dir, 'incidents', 'd.timeline.jsonl');
    const logged = events(timeline);
    assert.deepEqual(logged.map((e) => [e.kind, e.step ?? (e.drill === true ? 'drill' : '')]), [
      ['declared', 'drill'], ['role', ''], ['note', 'diagnostics-1'], ['command-started', 'diagnostics-1'], ['command-finished', 'diagnostics-1'],
      ['command-started', 'diagnostics-2'], ['command-finished', 'diagnostics-2'], ['note', 'mitigations-1'], ['mitigated', ''], ['resolved', ''],
    ]);
    assert.deepEqual(logged[2].drill, { outcome: 'unclear', note: 'where does it run?' });
    assert.equal(logged[6].exitCode, 3);
    assert.deepEqual(logged[7].drill, { outcome: 'rehearsed', note: 'would restart the service' });
    assert.equal(existsSync(path.join(dir, 'restarted.txt')), false, 'a rehearsed mitigation does not run');
    assert.match(io.out(), /hello-from-the-drill/, 'the step ran with its output streamed');
    const report = readFileSync(path.join(dir, 'incidents', 'd.drill.md'), 'utf8');
    assert.match(report, /^# Drill report: DRILL: Drill me\n/);
    assert.match(report, /3 steps: 1 ran, 1 failed, 1 rehearsed without running, 0 skipped, 0 not reached; 1 step flagged as unclear\./);
    assert.match(report, /within the SEV2 target of 2h 00m: met\./);
    assert.match(report, /- diagnostic step 2 \(`diagnostics-2`\): exit 3 at \d\d:\d\d UTC\./);
    assert.match(report, /would have: would restart the service/);
    assert.match(readFileSync(path.join(dir, 'runbooks', 'drill-me.md'), 'utf8'), /last_reviewed: 2026-11-01\nlast_drilled: 2026-12-03\n---/);
    assert.match(io.err(), /DRILL: Drill me \(runbooks\/drill-me\.md\) as SEV2/);
  });

  it('input that ends leaves the drill open; the same command continues it at the next step', async () => {
    const dir = folder();
    const args = ['drill', 'runbooks/drill-me.md', '--timeline', 'incidents/d.timeline.jsonl', '--actor', 'alex', '--today', '2026-12-03'];
    const first = fakeIO(dir, { isTTY: true, input: ['s', 'not today'] });
    assert.equal(await main(args, first), 1);
    assert.match(first.err(), /input ended; the drill is left open/);
    const second = fakeIO(dir, { isTTY: true, input: ['s', '', 'e', 'n', 'n'] });
    assert.equal(await main(args, second), 0, second.err());
    assert.match(second.err(), /continuing the drill/);
    assert.match(second.err(), /\[2\/3\] Diagnostic step 2 \(diagnostics-2\)/);
    const logged = events(path.join(dir, 'incidents', 'd.timeline.jsonl'));
    assert.deepEqual(logged.filter((e) => e.kind === 'note').map((e) => [e.step, (e.drill as { outcome: string }).outcome]), [['diagnostics-1', 'skipped'], ['diagnostics-2', 'skipped']]);
    assert.equal(logged.filter((e) => e.kind === 'declared').length, 1);
    assert.match(readFileSync(path.join(dir, 'incidents', 'd.drill.md'), 'utf8'), /## Not reached\n\n- mitigation 1 \(`mitigations-1`\)\./);
    assert.doesNotMatch(readFileSync(path.join(dir, 'runbooks', 'drill-me.md'), 'utf8'), /last_drilled/, 'declined');
  });

  it('refuses the timeline of a real incident, a drill of another runbook, and a severity the levels do not have', async () => {
    const dir = folder();
    mkdirSync(path.join(dir, 'incidents'));
    writeFileSync(path.join(dir, 'incidents', 'real.timeline.jsonl'), `${JSON.stringify({ ts: '2026-12-01T10:00:00.000Z', actor: 'a', kind: 'declared', title: 'Real', severity: 'SEV1', text: 'x' })}\n`);
    const real = fakeIO(dir, { isTTY: true, input: ['e'] });
    assert.equal(await main(['drill', 'runbooks/drill-me.md', '--timeline', 'incidents/real.timeline.jsonl'], real), 2);
    assert.match(real.err(), /is the timeline of a real incident; a drill gets a timeline of its own; nothing was written/);
    assert.equal(events(path.join(dir, 'incidents', 'real.timeline.jsonl')).length, 1);
    writeFileSync(path.join(dir, 'incidents', 'other.timeline.jsonl'), `${JSON.stringify({ ts: '2026-12-01T10:00:00.000Z', actor: 'a', kind: 'declared', drill: true, runbook: 'runbooks/other.md', title: 'Other', severity: 'SEV1', text: 'x' })}\n`);
    const other = fakeIO(dir, { isTTY: true, input: ['e'] });
    assert.equal(await main(['drill', 'runbooks/drill-me.md', '--timeline', 'incidents/other.timeline.jsonl'], other), 2);
    assert.match(other.err(), /is a drill of runbooks\/other\.md, not of runbooks\/drill-me\.md/);
    const severity = fakeIO(dir, { isTTY: true });
    assert.equal(await main(['drill', 'runbooks/drill-me.md', '--timeline', 'incidents/n.timeline.jsonl', '--severity', 'P1'], severity), 2);
    assert.match(severity.err(), /--severity must be one of SEV1, SEV2, SEV3, SEV4/);
  });
});
