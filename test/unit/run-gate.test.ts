// The editor's questions before a run (client/src/run/runGate.ts), driven with a fake UI. runStep.ts itself, with its
// modal, is covered by run-step-editor.test.ts (the real runStep on a fake vscode): both fail in `npm test`.
import { strict as assert } from 'node:assert';
import { openRunGate, type RunGateUI } from '../../client/src/run/runGate';
import { parseRunbook } from '../../server/src/engine/parse';
import { decideStep } from '../../server/src/engine/steps/effect';
import type { ResolvedStep } from '../../server/src/lsp/protocol';

const RUNBOOK = [
  '# Checkout errors', '',
  '## Diagnosis', '',
  '```bash', 'kubectl get pods -n shop', '```', '',
  '```bash', 'kubectl delete pod web-1 -n shop', '```', '',
  '```console', 'NAME READY', 'web-1 1/1', '```', '',
  '## Solutions List', '',
  '### Roll back', '', '```bash', 'kubectl rollout undo deploy/web', '```', '', 'Expected: errors stop.', '',
  '## Solutions Detail', '',
  '### Force the pod out', '', '```bash', 'kubectl get pods -n shop', '```', '', 'Expected: a new pod.', '',
].join('\n');

function resolved(id: string): ResolvedStep {
  const schemaAliases = parseRunbook(RUNBOOK).schema;
  // Both "Solutions" headings map to mitigations, as `runbooks init` writes it for such a collection.
  const schema = { ...schemaAliases, aliasIndex: new Map([...schemaAliases.aliasIndex, ['solutions list', 'mitigations'], ['solutions detail', 'mitigations']]) };
  const step = parseRunbook(RUNBOOK, schema).steps.find((s) => s.id === id);
  assert.ok(step, `no step ${id}`);
  return { ...step, decision: decideStep(step) };
}

/** A fake UI that says yes to everything and records what it was asked. */
function fakeUI(answers: { warn?: boolean } = {}) {
  const asked: string[] = [];
  const ui: RunGateUI = {
    refuse: (message) => void asked.push(`refuse: ${message}`),
    warn: async (message, _detail, button) => {
      asked.push(`warn: ${message} [${button}]`);
      return answers.warn ?? true;
    },
    timeline: async () => '/tmp/incident.timeline.jsonl',
    blanks: async () => ({ values: {}, variables: {}, secretNames: [] }),
    oneChangeAtATime: async () => {
      asked.push('one change at a time');
      return true;
    },
  };
  return { ui, asked };
}

describe('run gate: what the editor asks before a step runs', () => {
  it('runs a read-only diagnostic without a question', async () => {
    const { ui, asked } = fakeUI();
    const gate = await openRunGate(resolved('diagnostics-1'), ui, { confirmChanges: true });
    assert.ok(gate);
    assert.deepEqual(asked, []);
  });

  it('asks before a kubectl delete under Diagnosis, naming the command; a no runs nothing', async () => {
    const { ui, asked } = fakeUI({ warn: false });
    const gate = await openRunGate(resolved('diagnostics-2'), ui, { confirmChanges: true });
    assert.equal(gate, undefined);
    assert.deepEqual(asked, [
      'one change at a time',
      'warn: Run diagnostic step 2 (diagnostics-2)? It changes production: `kubectl delete pod web-1 -n shop` deletes resources. [Run diagnostic step 2]',
    ]);
  });

  it('asks before a step under the second mitigation heading, even one whose commands only read', async () => {
    const step = resolved('mitigations-2');
    assert.equal(step.sectionTitle, 'Solutions Detail');
    const { ui, asked } = fakeUI();
    assert.ok(await openRunGate(step, ui, { confirmChanges: true }));
    assert.deepEqual(asked, ['one change at a time', 'warn: Run mitigation 2 (mitigations-2)? It changes production: its section "Solutions Detail" says so in the schema. [Run mitigation 2]']);
  });

  it('refuses a console block with no prompt: it runs nothing', async () => {
    const { ui, asked } = fakeUI();
    assert.equal(await openRunGate(resolved('diagnostics-3'), ui, { confirmChanges: true }), undefined);
    assert.equal(asked.length, 1);
    assert.match(asked[0], /^refuse: diagnostics-3 runs nothing: a `console` block runs only its lines that start with the `\$ ` prompt, and it has none\. Nothing was run\.$/);
  });
});
