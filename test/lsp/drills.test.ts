// The language server's drills and incident history, over the protocol: the unclear-step note on its step (until the
// step changes), never-drilled with a drill interval, the Start drill lens, last_drilled as an edit, the steps a drill
// walks, the team's severity levels, and the incident history of the workspace.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { IncidentHistoryResult, DrillStepsResult } from '../../server/src/lsp/protocol';
import type { SeverityLevel } from '../../server/src/engine/incident/severities';
import { InProcessClient } from '../helpers/lspInProcess';
import { applyEdits } from '../helpers/text';
import { generateIncidents, writeIncidents } from '../helpers/generatedHistory';

const TODAY = '2026-12-10';

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

## Mitigation

### Option 1: roll back

\`\`\`bash
kubectl -n checkout rollout undo deploy/checkout-api
\`\`\`

Expected: latency falls.

## Escalation

Page @checkout-oncall after 15 minutes.
`;

const DRILL = [
  { ts: '2026-12-03T14:00:00.000Z', actor: 'alex', kind: 'declared', drill: true, title: 'Checkout latency', severity: 'SEV2', runbook: 'runbooks/checkout.md', text: 'DRILL' },
  {
    ts: '2026-12-03T14:01:00.000Z', actor: 'alex', kind: 'note', runbook: 'runbooks/checkout.md', step: 'diagnostics-1', command: 'kubectl -n {{namespace}} get pods',
    drill: { outcome: 'unclear', note: 'which namespace?' }, text: 'Drill: diagnostic step 1 (diagnostics-1) is unclear: which namespace?',
  },
  { ts: '2026-12-03T14:30:00.000Z', actor: 'alex', kind: 'resolved', text: 'Drill finished' },
];

function workspace(options: { config?: string } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'runbooks-lsp-drills-'));
  mkdirSync(join(dir, 'runbooks'));
  mkdirSync(join(dir, 'incidents'));
  writeFileSync(join(dir, 'incidents', '2026-12-03-drill-checkout-latency.timeline.jsonl'), `${DRILL.map((e) => JSON.stringify(e)).join('\n')}\n`);
  if (options.config) writeFileSync(join(dir, '.runbooks.yaml'), options.config);
  return dir;
}

const drillDiagnostics = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => String(d.code).startsWith('drill/'));

describe('language server: drills and incident history', function () {
  this.timeout(30_000);
  let client: InProcessClient;
  afterEach(async () => client?.stop());

  it('shows a drill\'s unclear note on its step as information, until the step changes', async () => {
    const folder = workspace();
    client = await InProcessClient.start(folder, { trusted: true, today: TODAY });
    const uri = await client.open(join(folder, 'runbooks', 'checkout.md'), RUNBOOK);
    const fence = RUNBOOK.split('\n').indexOf('   ```bash');
    assert.deepEqual(drillDiagnostics(await client.diagnostics(uri)).map((d) => [d.code, d.severity, d.range, d.message]), [
      ['drill/unclear-step', 3, { start: { line: fence, character: 3 }, end: { line: fence, character: 10 } }, 'In the drill of 2026-12-03, alex noted: "which namespace?"'],
    ]);
    await client.replace(uri, RUNBOOK.replace('kubectl -n {{namespace}} get pods', 'kubectl -n checkout get pods'));
    assert.deepEqual(drillDiagnostics(await client.diagnostics(uri)), []);
  });

  it('with a drill interval: never drilled is a warning, with the finished drill of the timelines as its fix; last_drilled is an edit', async () => {
    const folder = workspace({ config: 'drills:\n  intervalDays: 30\n' });
    client = await InProcessClient.start(folder, { trusted: true, today: TODAY });
    const uri = await client.open(join(folder, 'runbooks', 'checkout.md'), RUNBOOK);
    const [never] = drillDiagnostics(await client.diagnostics(uri)).filter((d) => d.code === 'drill/never-drilled');
    assert.equal(never.severity, 2);
    assert.equal(never.range.start.line, 0);
    assert.deepEqual((await client.codeActions(uri, [never])).map((a) => a.title), ['Set last_drilled: 2026-12-03']);

    const lenses = await client.codeLenses(uri);
    assert.equal(lenses.find((l) => l.command?.command === 'runbooks.startDrill')?.command?.title, 'Never drilled · Start drill');

    const applied = await client.rpc.sendRequest('workspace/executeCommand', { command: 'runbooks.markDrilled', arguments: [uri, '2026-12-03'] });
    assert.equal(applied, true);
    const edits = client.applied[0]?.changes?.[uri] ?? [];
    const updated = applyEdits(RUNBOOK, edits);
    assert.match(updated, /last_reviewed: 2026-11-01\nlast_drilled: 2026-12-03\n---/);
    await client.replace(uri, updated);
    assert.deepEqual(drillDiagnostics(await client.diagnostics(uri)).map((d) => d.code), ['drill/unclear-step']);
    const lens = (await client.codeLenses(uri)).find((l) => l.command?.command === 'runbooks.startDrill');
    assert.equal(lens?.command?.title, 'Drilled 7 days ago · Start drill');
    assert.equal(await client.rpc.sendRequest('workspace/executeCommand', { command: 'runbooks.markDrilled', arguments: [uri, 'soon'] }), false, 'not a date: no edit');
  });

  it('without a drill interval nothing is said about when the runbook was drilled', async () => {
    const folder = workspace();
    client = await InProcessClient.start(folder, { trusted: true, today: TODAY });
    const uri = await client.open(join(folder, 'runbooks', 'checkout.md'), RUNBOOK);
    assert.deepEqual(drillDiagnostics(await client.diagnostics(uri)).map((d) => d.code), ['drill/unclear-step']);
  });

  it('gives a drill the runbook\'s steps in order, with its title and path; a file that is not a runbook has none', async () => {
    const folder = workspace();
    client = await InProcessClient.start(folder, { trusted: true, today: TODAY });
    const uri = await client.open(join(folder, 'runbooks', 'checkout.md'), RUNBOOK);
    const answer = await client.request<DrillStepsResult>('runbooks/drillSteps', { uri });
    assert.ok(answer.ok);
    assert.equal(answer.title, 'Checkout latency');
    assert.equal(answer.runbookPath, 'runbooks/checkout.md');
    assert.deepEqual(answer.steps.map((s) => [s.position, s.id, s.label, s.sectionTitle, s.changesProduction]), [
      [1, 'diagnostics-1', 'diagnostic step 1', 'Diagnostics', false], [2, 'mitigations-1', 'mitigation 1', 'Mitigation', true],
    ]);
    const notes = await client.open(join(folder, 'notes.md'), '# Notes\n');
    const refused = await client.request<DrillStepsResult>('runbooks/drillSteps', { uri: notes });
    assert.equal(refused.ok, false);
  });

  it('answers the team\'s severity levels from the config, else SEV1-SEV4', async () => {
    const plain = workspace();
    client = await InProcessClient.start(plain, { trusted: true, today: TODAY });
    assert.deepEqual((await client.request<SeverityLevel[]>('runbooks/severityLevels', {})).map((l) => l.name), ['SEV1', 'SEV2', 'SEV3', 'SEV4']);
    await client.stop();
    const team = workspace({ config: 'severities:\n  - { name: s1, definition: Blocks everyone, updateEveryMinutes: 15, targetMitigationMinutes: 60 }\n  - { name: s2 }\n' });
    client = await InProcessClient.start(team, { trusted: true, today: TODAY });
    const levels = await client.request<SeverityLevel[]>('runbooks/severityLevels', { uri: `file://${join(team, 'incidents', 'x.timeline.jsonl')}` });
    assert.deepEqual(levels, [{ name: 's1', definition: 'Blocks everyone', firstUpdateMs: 900_000, updateEveryMs: 900_000, targetMitigationMs: 3_600_000 }, { name: 's2' }]);
  });

  it('measures the workspace\'s timelines for the history view, drills apart, open incidents judged at the host\'s now', async () => {
    const folder = workspace();
    const specs = generateIncidents(3, 9);
    writeIncidents(join(folder, 'incidents'), specs);
    client = await InProcessClient.start(folder, { trusted: true, today: TODAY, host: { now: () => Date.parse('2026-12-10T00:00:00Z') } });
    const result = await client.request<IncidentHistoryResult>('runbooks/incidentHistory', {});
    assert.deepEqual(result.searched, [join(folder, 'incidents')]);
    assert.equal(result.history.incidents.length, 10, 'nine generated and the drill of the fixture');
    assert.equal(result.history.incidents.filter((i) => i.drill).length, specs.filter((s) => s.drill).length + 1);
    const realCount = Object.values(result.history.bySeverity).reduce((n, s) => n + s.count, 0);
    assert.equal(realCount, specs.filter((s) => !s.drill).length);
    assert.ok(result.history.incidents.every((i) => i.file.startsWith('incidents/')));
  });
});
