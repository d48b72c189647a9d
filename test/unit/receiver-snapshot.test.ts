import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseRunbook } from '../../server/src/engine/parse';
import { renderPostmortem } from '../../server/src/engine/incident/postmortem';
import { fillFromLabels, takeSnapshot, type DecideStep, type SnapshotOptions } from '../../server/src/engine/receiver/snapshot';
import { stepBlanks } from '../../server/src/engine/steps/blanks';
import type { AlertRecord } from '../../server/src/engine/timeline/event';
import { readTimelineFile } from '../../server/src/engine/timeline/store';
import { fixtureFolder, RUNBOOK_PATH } from './receiver-helpers';
import { GITHUB_TOKEN } from '../cli/cliHarness';
import { SNAPSHOT_DECIDER } from '../../server/src/cli/serve';

const ALERT: AlertRecord = {
  name: 'KubePodCrashLooping', status: 'firing', startsAt: '2026-12-05T10:00:00.000Z',
  labels: { alertname: 'KubePodCrashLooping', namespace: 'checkout', pod: 'api-1' },
};

/** The receiver's decision: the step classifier's (steps/effect.ts), as `runbooks serve` wires it. */
const classified: DecideStep = SNAPSHOT_DECIDER;

function setup(over: Partial<SnapshotOptions> = {}, runbookText?: string): { folder: string; options: SnapshotOptions } {
  const folder = fixtureFolder('runbooks-snapshot-');
  const text = runbookText ?? readFileSync(path.join(folder, RUNBOOK_PATH), 'utf8');
  const options: SnapshotOptions = {
    timeline: path.join(folder, 'incidents', 'x.timeline.jsonl'),
    runbooks: [{ path: RUNBOOK_PATH, runbook: parseRunbook(text) }],
    alert: ALERT, cwd: folder, decide: classified,
    settings: { stepTimeoutMs: 10_000, snapshotBudgetMs: 60_000, labels: {}, killSwitch: path.join(folder, '.runbooks-snapshot-off') },
    ...over,
  };
  return { folder, options };
}

describe('receiver: the read-only snapshot', () => {
  it('runs the steps the decision says need no confirmation, in order, blanks filled from labels; a blank no label fills is skipped and named; no mitigation runs', async () => {
    const { folder, options } = setup();
    const report = await takeSnapshot(options);
    assert.deepEqual(report.ran, ['diagnostics-1', 'diagnostics-2']);
    assert.deepEqual(report.skipped, [{ step: 'diagnostics-3', reason: 'no alert label fills <container-id>' }]);
    assert.equal(report.notEligible, 1);
    assert.equal(existsSync(path.join(folder, 'mitigated.txt')), false);
    const { events } = await readTimelineFile(options.timeline);
    assert.ok(events.every((e) => e.actor === 'runbooks (automatic)'));
    const finished = events.filter((e) => e.kind === 'command-finished');
    assert.deepEqual(finished.map((e) => e.output?.trim()), ['namespace is checkout', 'pod api-1 in checkout']);
    assert.deepEqual(finished.map((e) => [e.effect, e.changesProduction]), [['read-only', false], ['read-only', false]]);
    assert.ok(events.some((e) => e.kind === 'note' && e.text.includes('diagnostics-3') && e.text.includes('<container-id>')));
    // The postmortem's timeline and its list of commands carry the snapshot.
    const postmortem = renderPostmortem(events);
    assert.match(postmortem, /## Commands run[\s\S]*`echo "pod api-1 in checkout"` \(runbook `runbooks\/kube-pod-crash-looping.md`, step `diagnostics-2`\)/);
    assert.match(postmortem, /## Mitigations\n\nNo mitigation was recorded/);
  });

  it('with the real classifier, a diagnostic that changes something or whose effect is unknown never runs', async () => {
    const risky = '# Risky\n\n## Diagnostics\n\n1. Look\n\n   ```bash\n   echo looked\n   ```\n\n2. Touch\n\n   ```bash\n   touch changed.txt\n   ```\n\n'
      + '3. Home-made tool\n\n   ```bash\n   ./make-marker.sh\n   ```\n';
    const { folder, options } = setup({}, risky);
    writeFileSync(path.join(folder, 'make-marker.sh'), '#!/bin/sh\ntouch marker.txt\n', { mode: 0o755 });
    const report = await takeSnapshot(options);
    assert.deepEqual(report.ran, ['diagnostics-1']);
    assert.equal(report.notEligible, 2);
    assert.equal(existsSync(path.join(folder, 'changed.txt')), false);
    assert.equal(existsSync(path.join(folder, 'marker.txt')), false);
  });

  it('default deny: with no classifier connected nothing runs, and the timeline says why', async () => {
    const { options } = setup({ decide: undefined });
    const report = await takeSnapshot(options);
    assert.deepEqual(report.ran, []);
    const { events } = await readTimelineFile(options.timeline);
    assert.deepEqual(events.map((e) => e.kind), ['note']);
    assert.match(events[0].text, /no step classifier/);
  });

  it('a step the decision does not clear never runs, whatever its section', async () => {
    const { options } = setup({ decide: () => ({ effect: 'unknown', needsConfirmation: true, reasons: [] }) });
    const report = await takeSnapshot(options);
    assert.deepEqual(report.ran, []);
    assert.equal(report.notEligible, 4);
    const { events } = await readTimelineFile(options.timeline);
    assert.equal(events.some((e) => e.kind.startsWith('command')), false);
  });

  it('the kill switch file stops it before the next step', async () => {
    const { options } = setup();
    writeFileSync(options.settings.killSwitch, '');
    const report = await takeSnapshot(options);
    assert.deepEqual(report.ran, []);
    const { events } = await readTimelineFile(options.timeline);
    assert.ok(events.some((e) => /kill switch/.test(e.text)));
  });

  it('each step has a timeout, and a step not started within the total budget is skipped and named', async () => {
    const slow = `# Slow\n\n## Diagnostics\n\n1. Wait\n\n   \`\`\`bash\n   sleep 30\n   \`\`\`\n\n2. After\n\n   \`\`\`bash\n   echo after\n   \`\`\`\n`;
    // A clock that reads 0 when the snapshot starts and the budget's end ever after: the first step gets what is left.
    let reads = 0;
    const { options } = setup({ clock: () => (reads++ === 0 ? 0 : 999) }, slow);
    options.settings = { ...options.settings, stepTimeoutMs: 300, snapshotBudgetMs: 1000 };
    const first = await takeSnapshot(options);
    const { events } = await readTimelineFile(options.timeline);
    assert.equal(events.find((e) => e.kind === 'command-finished')?.timedOut, true);
    assert.deepEqual(first.ran, ['diagnostics-1', 'diagnostics-2']);
    reads = 0;
    const spent = setup({ clock: () => (reads++ === 0 ? 0 : 1000) }, slow);
    spent.options.settings = { ...spent.options.settings, snapshotBudgetMs: 1000 };
    const report = await takeSnapshot(spent.options);
    assert.deepEqual(report.ran, []);
    assert.deepEqual(report.skipped.map((s) => s.step), ['diagnostics-1', 'diagnostics-2']);
    assert.match(report.skipped[0].reason, /1 s budget is spent/);
  });

  it('outputs are redacted before they reach the timeline', async () => {
    const leaky = `# Leaky\n\n## Diagnostics\n\n1. Print\n\n   \`\`\`bash\n   echo "token ${GITHUB_TOKEN}"\n   \`\`\`\n`;
    const { options } = setup({}, leaky);
    await takeSnapshot(options);
    const text = readFileSync(options.timeline, 'utf8');
    assert.equal(text.includes(GITHUB_TOKEN), false);
  });

  it('fills blanks from labels: the config mapping first, else the label of the blank\'s own name; a secret-looking blank never', () => {
    const blanks = stepBlanks('kubectl -n $NAMESPACE logs <pod-name> -c {{container}} --token {{api_token}}', {});
    const labels = { namespace: 'checkout', pod: 'api-1', app_container: 'web', api_token: 'x' };
    assert.deepEqual(fillFromLabels(blanks, labels, { container: 'app_container' }), { missing: ['{{api_token}}'] });
    const filled = fillFromLabels(blanks.filter((b) => !b.secret), labels, { container: 'app_container' });
    assert.ok(!('missing' in filled));
    assert.deepEqual({ ...filled.variables }, { NAMESPACE: 'checkout' });
    assert.deepEqual({ ...filled.values }, { 'pod-name': 'api-1', container: 'web' });
  });
});
