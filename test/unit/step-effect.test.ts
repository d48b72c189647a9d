import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfigText } from '../../server/src/engine/config/index';
import { mitigationAwaitingOutcome, runStepLogged } from '../../server/src/engine/runner/index';
import { readTimeline } from '../../server/src/engine/timeline/store';
import { classifyCommands, decideStep, type DecidableStep } from '../../server/src/engine/steps/effect';
import { lintRunbook } from '../../server/src/engine/lint';

const effect = (commands: string, options = {}) => classifyCommands(commands, options).effect;

function step(commands: string, over: Partial<DecidableStep> = {}): DecidableStep {
  return { id: 'diagnostics-1', label: 'diagnostic step 1', commands, section: 'diagnostics', sectionTitle: 'Diagnostics', changesProduction: false, sectionReadOnly: true, lang: 'bash', ...over };
}

describe('step effect: the command classifier', () => {
  it('looks through pipes, &&, subshells, $(...), sudo, ssh, watch, xargs and kubectl exec', () => {
    assert.equal(effect('kubectl get pods | grep -v Running && (cd /tmp; ls)'), 'read-only');
    assert.equal(effect('echo $(kubectl delete pod x)'), 'changes');
    assert.equal(effect('sudo -u git systemctl restart nginx'), 'changes');
    assert.equal(effect(`ssh -i key.pem db1 'redis-cli FLUSHALL'`), 'changes');
    assert.equal(effect(`watch -n 5 'kubectl get pods'`), 'read-only');
    assert.equal(effect('kubectl get pods -o name | xargs kubectl delete'), 'changes');
    assert.equal(effect('kubectl exec -it web-1 -- redis-cli info'), 'read-only');
    assert.equal(effect('kubectl exec -it web-1 -- sh'), 'unknown');
    assert.equal(effect('timeout 10 env A=b kubectl logs web-1'), 'read-only');
    assert.equal(effect('find /var/log -name "*.gz" -exec rm {} \\;'), 'changes');
  });

  it('a redirection to a file changes something; to /dev/null it does not', () => {
    assert.equal(effect('kubectl get pods > pods.txt'), 'changes');
    assert.equal(effect('kubectl get pods 2>/dev/null >&2'), 'read-only');
  });

  it('lets the query or the request decide for SQL clients, redis-cli and curl', () => {
    assert.equal(effect(`psql -c 'SELECT count(*) FROM pg_stat_activity'`), 'read-only');
    assert.equal(effect(`psql -c 'SELECT pg_terminate_backend(123)'`), 'changes');
    assert.equal(effect(`mysql -e "DROP TABLE t"`), 'changes');
    assert.equal(effect('redis-cli -h cache INFO memory'), 'read-only');
    assert.equal(effect('redis-cli -h cache CONFIG SET maxmemory 1gb'), 'changes');
    assert.equal(effect('curl -s https://api/health'), 'read-only');
    assert.equal(effect('curl -XPOST https://api/flush'), 'changes');
    assert.equal(effect(`curl https://api/items --data '{"a":1}'`), 'changes');
  });

  it('knows virsh and image manifests (as kubevirt/monitoring\'s runbooks use them)', () => {
    assert.equal(effect('kubectl exec -it virt-launcher-x -n ns -- virsh list'), 'read-only');
    assert.equal(effect('virsh -c qemu:///system dumpxml vm1'), 'read-only');
    assert.equal(effect('virsh destroy vm1'), 'changes');
    assert.equal(effect('virsh qemu-agent-command vm1 \'{"execute": "guest-exec"}\''), 'changes');
    assert.equal(effect('virsh console vm1'), 'unknown');
    assert.equal(effect('podman manifest inspect reg/img:latest'), 'read-only');
    assert.equal(effect('docker manifest push reg/img'), 'changes');
  });

  it('is unknown for a tool it does not know, and never read-only then', () => {
    const r = classifyCommands('frobnicate --all');
    assert.equal(r.effect, 'unknown');
    assert.deepEqual(r.reasons, [{ command: 'frobnicate --all', effect: 'unknown', why: 'frobnicate is not in the command table' }]);
  });

  it('takes the team table, but in an untrusted workspace only towards changes', () => {
    const commands = { readOnly: ['frobnicate status'], changes: ['kubectl get secrets'] };
    assert.equal(effect('frobnicate status', { commands }), 'read-only');
    assert.equal(effect('kubectl get secrets', { commands }), 'changes');
    assert.equal(effect('frobnicate status', { commands, trusted: false }), 'unknown');
    assert.equal(effect('kubectl get secrets', { commands, trusted: false }), 'changes');
  });
});

describe('step effect: the one decision (default deny)', () => {
  it('runs without confirmation only a read-only step in a read-only section', () => {
    assert.equal(decideStep(step('kubectl get pods')).needsConfirmation, false);
    assert.equal(decideStep(step('kubectl get pods', { sectionReadOnly: false, section: 'mitigations', changesProduction: true })).needsConfirmation, true);
    assert.equal(decideStep(step('kubectl get pods', { sectionReadOnly: undefined, section: undefined, sectionTitle: 'Notes' })).needsConfirmation, true);
    assert.equal(decideStep(step('frobnicate')).needsConfirmation, true);
  });

  it('names the command that changes production in the confirmation', () => {
    const d = decideStep(step('kubectl get pods\nkubectl delete pod web-1 --force'));
    assert.equal(d.effect, 'changes');
    assert.equal(d.needsConfirmation, true);
    assert.deepEqual(d.reasons, [{ command: 'kubectl delete pod web-1 --force', effect: 'changes', why: 'deletes resources' }]);
    assert.equal(d.confirmation?.message, 'Run diagnostic step 1 (diagnostics-1)? It changes production: `kubectl delete pod web-1 --force` deletes resources.');
    assert.equal(d.confirmation?.button, 'Run diagnostic step 1');
  });

  it('refuses a console block with no prompt: it runs nothing', () => {
    const d = decideStep(step('', { lang: 'console' }));
    assert.match(d.refusal ?? '', /diagnostics-1 runs nothing: a `console` block runs only its lines that start with the `\$ ` prompt/);
  });
});

describe('step effect: findings', () => {
  const text = ['# X', '', '## Diagnosis', '', '```bash', 'kubectl get pods', 'kubectl delete pod web-1', 'frob', '```', '', '```console', 'NAME READY', '```', ''].join('\n');
  const stepFindings = async (severities = {}) => (await lintRunbook(text, { today: '2026-01-01', severities })).findings
    .filter((f) => f.rule === 'steps').map((f) => [f.code, f.severity, f.range.start.line, f.range.start.character, f.range.end.character]);

  it('a diagnostic kubectl delete and a console block without a prompt, with exact ranges; unknown-effect only when the config names it', async () => {
    assert.deepEqual(await stepFindings(), [
      ['steps/changes-in-diagnostics', 'warning', 6, 0, 24],
      ['steps/empty', 'warning', 10, 0, 10],
    ]);
    assert.deepEqual(await stepFindings({ 'steps/unknown-effect': 'info' }), [
      ['steps/changes-in-diagnostics', 'warning', 6, 0, 24],
      ['steps/unknown-effect', 'info', 7, 0, 4],
      ['steps/empty', 'warning', 10, 0, 10],
    ]);
  });
});

describe('step effect: the fix of a console block that runs nothing', () => {
  const fixOf = async (block: string[]) => {
    const text = ['# X', '', '## Diagnosis', '', '```console', ...block, '```', ''].join('\n');
    const finding = (await lintRunbook(text, { today: '2026-01-01' })).findings.find((f) => f.code === 'steps/empty');
    assert.ok(finding, 'expected a steps/empty finding');
    const lines = text.split('\n');
    for (const edit of [...(finding.fix?.edits ?? [])].reverse()) {
      const { start, end } = edit.range;
      assert.equal(start.line, end.line);
      lines[start.line] = lines[start.line].slice(0, start.character) + edit.newText + lines[start.line].slice(end.character);
    }
    return { title: finding.fix?.title, fixed: lines.slice(4, 6 + block.length).join('\n'), after: (await lintRunbook(lines.join('\n'), { today: '2026-01-01' })).findings.filter((f) => f.rule === 'steps') };
  };

  it('a $ before each command the classifier knows, continued lines and output left as they are; then the step runs them', async () => {
    const r = await fixOf(['oc -n openshift-monitoring logs -l app=thanos-query \\', '  --tail 50', 'level=warn msg="slow query"', '  oc get pods']);
    assert.equal(r.title, 'Add the $ prompt to the 2 commands (the rest is output)');
    assert.equal(r.fixed, ['```console', '$ oc -n openshift-monitoring logs -l app=thanos-query \\', '  --tail 50', 'level=warn msg="slow query"', '  $ oc get pods', '```'].join('\n'));
    assert.deepEqual(r.after, []);
  });

  it('one command alone: its line named, no "rest"', async () => {
    const r = await fixOf(['kubectl get events -n payments']);
    assert.equal(r.title, 'Add the $ prompt to line 6');
  });

  it('no command it knows (alert labels, a log excerpt): the block is tagged text, and runs nothing without a finding', async () => {
    const r = await fixOf(['alertname=EtcdMembersDown', 'severity=critical']);
    assert.equal(r.title, 'Tag the block `text` (it shows output only)');
    assert.equal(r.fixed.split('\n')[0], '```text');
    assert.deepEqual(r.after, []);
  });
});

describe('step effect: the timeline and the config', () => {
  it('command-started and command-finished record the effect and the commands that decided it', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'runbooks-effect-')));
    const timeline = join(dir, 'incidents', 'x.timeline.jsonl');
    const range = { start: { line: 0, character: 0 }, end: { line: 2, character: 3 } };
    const commands = 'echo hi > out.txt';
    await runStepLogged({
      timeline, runbook: 'r.md', actor: 'dana', cwd: dir, host: 'h',
      step: { id: 'diagnostics-1', position: 1, section: 'diagnostics', sectionTitle: 'Diagnostics', lang: 'bash', code: commands, commands, range, changesProduction: false, sectionReadOnly: true, label: 'diagnostic step 1' },
    });
    const { events } = readTimeline(readFileSync(timeline, 'utf8'));
    assert.deepEqual(events.map((e) => [e.kind, e.effect, e.effectReasons]), [
      ['command-started', 'changes', [{ command: '> out.txt', effect: 'changes', why: 'writes out.txt' }]],
      ['command-finished', 'changes', [{ command: '> out.txt', effect: 'changes', why: 'writes out.txt' }]],
    ]);
    // A change logged from a read-only section still waits for its outcome (one change at a time).
    assert.equal(mitigationAwaitingOutcome(events)?.changesProduction, true);
  });

  it('the config takes commands: readOnly and changes, each a pattern that starts with a tool', () => {
    assert.deepEqual(parseConfigText('commands:\n  readOnly: ["mytool status"]\n  changes: ["mytool flush"]\n').config?.commands, { readOnly: ['mytool status'], changes: ['mytool flush'] });
    const bad = parseConfigText('commands:\n  changes: ["--force"]\n');
    assert.deepEqual(bad.problems.map((p) => [p.message, p.range.start.line]), [['"commands.changes.0" must start with a tool name (a command pattern such as "kubectl get" or "mytool status|show").', 1]]);
  });
});
