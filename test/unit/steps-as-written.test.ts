import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintRunbook, parseRunbook, stepWarnings, type Finding } from '../../server/src/engine/index';
import { runStepLogged } from '../../server/src/engine/runner/index';
import { stepBlanks } from '../../server/src/engine/steps/blanks';
import { fillPlaceholders } from '../../server/src/engine/steps/placeholders';
import { readTimeline } from '../../server/src/engine/timeline/store';
import { runCommand } from '../../server/src/cli/run';
import { fakeIO } from '../cli/cliHarness';
import { applyEdits, at } from '../helpers/text';

const TODAY = '2026-11-26';
/** A runbook whose Diagnostics section holds `blocks`, one step each. */
const runbook = (...blocks: string[]): string => `# Checkout\n\n## Diagnostics\n\n${blocks.map((b) => `${b}\n`).join('\n')}`;
const steps = (text: string) => parseRunbook(text).steps;
const findings = async (text: string, prefix: string): Promise<Finding[]> =>
  (await lintRunbook(text, { today: TODAY })).findings.filter((f) => f.code.startsWith(prefix));

describe('steps that run as written', () => {
  describe('transcripts', () => {
    it('a shell block of $ prompts and output runs its commands without prompts and never its output, whatever its tag', () => {
      for (const lang of ['shell', 'bash', 'console']) {
        const [step] = steps(runbook(`\`\`\`${lang}\n$ kubectl get pods \\\n    -n checkout\nNAME   READY\napi-1  1/1\n$ cat <<EOF\n> one\n> EOF\none\n\`\`\``));
        assert.equal(step.commands, 'kubectl get pods \\\n    -n checkout\ncat <<EOF\none\nEOF', lang);
      }
      const [plain] = steps(runbook('```bash\nkubectl get pods\n```'));
      assert.equal(plain.commands, 'kubectl get pods');
    });

    it('a block that mixes prompted and unprompted commands is reported at the first unprompted line; the fix prompts them', async () => {
      const text = runbook('```shell\nexport APP_KEY="..."\nexport REGION=eu\n\n$ ./stats.sh\n#Check,Date\n"check",1\n```');
      const [finding] = await findings(text, 'steps/transcript-output');
      assert.equal(at(finding.range), '5:0-5:20');
      assert.equal(finding.severity, 'warning');
      assert.equal(finding.message, 'This block mixes commands with and without a `$ ` prompt: run as written it would execute its output lines, so Run runs only the prompted commands, and 2 lines from line 6 (`export APP_KEY="..."`) would not run. Put `$ ` before every command.');
      const fixed = applyEdits(text, finding.fix?.edits ?? []);
      assert.equal(steps(fixed)[0].commands, 'export APP_KEY="..."\nexport REGION=eu\n./stats.sh');
      assert.deepEqual(await findings(fixed, 'steps/transcript-output'), []);
    });
  });

  describe('output pasted into a step', () => {
    // As openshift-runbooks' NoOvnClusterManagerLeader.md and prometheus-operator/runbooks' AlertmanagerClusterCrashlooping.md write it.
    it('a table under a header of capitals, in a block without prompts, is reported at its header; the fix makes the block a transcript', async () => {
      const text = runbook('```shell\noc get lease -n ovn \\\n  -o wide\n\nNAME                    HOLDER    AGE\novn-kubernetes-master   ovnkube   32m\n\n# then the logs\noc logs -n ovn deploy/ovnkube\n```');
      const [finding, ...more] = await findings(text, 'steps/pasted-output');
      assert.equal(more.length, 0);
      assert.equal(at(finding.range), '8:0-8:37');
      assert.equal(finding.severity, 'warning');
      assert.match(finding.message, /^Line 9 \(`NAME HOLDER AGE`\) and the line under it look like a command's output/);
      assert.match(stepWarnings(parseRunbook(text), steps(text)[0]).join('\n'), /pasted output \(line 9: NAME HOLDER AGE\)/);
      const fixed = applyEdits(text, finding.fix?.edits ?? []);
      assert.equal(steps(fixed)[0].commands, 'oc get lease -n ovn \\\n  -o wide\noc logs -n ovn deploy/ovnkube', 'the continuation keeps no prompt; the output does not run');
      assert.deepEqual(await findings(fixed, 'steps/'), []);
    });

    it('commands in capitals, transcripts, here-documents and blocks of output alone are not reported', async () => {
      for (const block of [
        '```bash\nexport NAME=shop\necho "$NAME  $REGION"\n```',
        '```shell\n$ oc get pods\nNAME   READY\napi-1  1/1\n```',
        '```bash\ncat <<EOF > /tmp/x\nNAME   VALUE\na      1\nEOF\n```',
        '```bash\nNAME   READY\napi-1  1/1\n```',
      ]) assert.deepEqual(await findings(runbook(block), 'steps/pasted-output'), [], block);
    });
  });

  describe('unfinished steps', () => {
    it('TODO, XXX and a lone ... in what runs are reported with their exact range; Run says so first', async () => {
      const text = runbook('```bash\nkubectl -n checkout get pods\ncurl -H "X-Token: XXX" https://api\n```', '```bash\nkubectl logs deploy/api ...\n```', '```bash\n# TODO: pick the right pod\nkubectl delete pod x\n```');
      const found = await findings(text, 'steps/unfinished');
      assert.deepEqual(found.map((f) => [at(f.range), f.message]), [
        ['6:18-6:21', 'This step still contains "XXX" (line 7): it looks unfinished. Fill it in, or leave it out of the runnable block.'],
        ['10:24-10:27', 'This step still contains "..." (line 11): it looks unfinished. Fill it in, or leave it out of the runnable block.'],
        ['14:2-14:6', 'This step still contains "TODO" (line 15): it looks unfinished. Fill it in, or leave it out of the runnable block.'],
      ]);
      const rb = parseRunbook(text);
      assert.deepEqual(stepWarnings(rb, rb.steps[1]), ['diagnostics-2 still contains "..." at line 11: it looks unfinished.']);
    });

    it('git ranges, output after a prompt, a console block of output and another program\'s session are not unfinished', async () => {
      const text = runbook('```bash\ngit log main...HEAD\n```', '```console\n$ kubectl get pods\n...\n```', '```console\n - alertname = X\n...\n```', '```shell\npgbouncer=# show clients;\n...\n```');
      assert.deepEqual(await findings(text, 'steps/unfinished'), []);
    });
  });

  describe('blanks as real runbooks write them', () => {
    it('$VARIABLES the step never sets, ${POD} and <angle> blanks are found by name with their line; set, defaulted, quoted and provided ones are not', () => {
      const commands = [
        'oc -n $NAMESPACE get pod "${POD}" -o name', 'awk \'{print $1}\' | grep "${LEVEL:-info}"', 'for p in a b; do echo "$p"; done',
        'read -r NODE; echo $NODE $HOME $1', 'kubectl logs <pod-name> -c {{container}}', 'PVC=\'<claim from the alert>\'; echo $PVC $KUBECONFIG',
        '# replace <something> in a comment: not asked',
      ].join('\n');
      assert.deepEqual(stepBlanks(commands, { KUBECONFIG: '/k' }).map((b) => [b.written, b.kind, b.line]), [
        ['<pod-name>', 'placeholder', 4], ['{{container}}', 'placeholder', 4], ['<claim from the alert>', 'placeholder', 5],
        ['$NAMESPACE', 'variable', 0], ['$POD', 'variable', 0],
      ]);
      // Without the run's environment every unset variable is listed (the client filters by its own).
      assert.ok(stepBlanks(commands).some((b) => b.name === 'KUBECONFIG'));
    });

    it('an angle blank is quoted as one word like {{name}}: a value cannot start another command', () => {
      assert.equal(fillPlaceholders('kubectl logs <pod-name> -n "<namespace>"', { 'pod-name': 'x; touch /tmp/pwned', namespace: 'a"b' }), 'kubectl logs \'x; touch /tmp/pwned\' -n "a\\"b"');
    });

    it('variable values are set before the commands run and recorded in the timeline, a secret one as [REDACTED]', async () => {
      const ws = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'runbooks-blanks-')));
      const timeline = path.join(ws, 't.timeline.jsonl');
      const [step] = steps(runbook('```bash\necho "ns=$NAMESPACE token=$API_TOKEN"\n```'));
      const { result } = await runStepLogged({
        timeline, runbook: 'r.md', step, actor: 'dana', cwd: ws, shell: 'bash', host: 'h', env: {},
        variables: { NAMESPACE: "check'out", API_TOKEN: 'hunter2-abc' }, secretNames: ['API_TOKEN'],
      });
      assert.equal(result.output.trim(), "ns=check'out token=hunter2-abc");
      const [started, finished] = readTimeline(readFileSync(timeline, 'utf8')).events;
      assert.equal(started.command, "NAMESPACE='check'\\''out'\nAPI_TOKEN='[REDACTED]'\necho \"ns=$NAMESPACE token=$API_TOKEN\"");
      assert.equal(finished.output, "ns=check'out token=[REDACTED]");
    });

    it('the CLI asks for them with --set NAME=value, and without a terminal a missing one stops the run before anything runs', async () => {
      const ws = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'runbooks-blanks-cli-')));
      writeFileSync(path.join(ws, 'r.md'), runbook('```bash\necho "ns=$RB_TEST_NAMESPACE pod=<pod-name>"\n```'));
      const missing = fakeIO(ws);
      assert.equal(await runCommand(['r.md', '--step', '1', '--timeline', 't.jsonl'], missing), 2);
      assert.match(missing.err(), /diagnostics-1 needs <pod-name>, \$RB_TEST_NAMESPACE; pass --set pod-name=VALUE --set RB_TEST_NAMESPACE=VALUE/);
      const given = fakeIO(ws);
      assert.equal(await runCommand(['r.md', '--step', '1', '--timeline', 't.jsonl', '--set', 'RB_TEST_NAMESPACE=checkout', '--set', 'pod-name=api-1'], given), 0);
      assert.equal(given.out(), 'ns=checkout pod=api-1\n');
      const asked = fakeIO(ws, { isTTY: true, input: ['api-2', 'payments'] });
      assert.equal(await runCommand(['r.md', '--step', '1', '--timeline', 't.jsonl'], asked), 0);
      assert.match(asked.err(), /pod-name \(<pod-name>, line 1 of the step\): RB_TEST_NAMESPACE \(\$RB_TEST_NAMESPACE, line 1 of the step\): /);
      assert.equal(asked.out(), 'ns=payments pod=api-2\n');
    });

    it('the CLI refuses an unfinished step without a terminal unless --yes, saying why first', async () => {
      const ws = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'runbooks-unfinished-cli-')));
      writeFileSync(path.join(ws, 'r.md'), runbook('```bash\necho TODO\n```'));
      const io = fakeIO(ws);
      assert.equal(await runCommand(['r.md', '--step', '1', '--timeline', 't.jsonl'], io), 2);
      assert.equal(io.err(), 'runbooks run: warning: diagnostics-1 still contains "TODO" at line 6: it looks unfinished.\nrunbooks run: diagnostics-1 may not run as written; pass --yes to run it anyway\n');
      const yes = fakeIO(ws);
      assert.equal(await runCommand(['r.md', '--step', '1', '--timeline', 't.jsonl', '--yes'], yes), 0);
      assert.equal(yes.out(), 'TODO\n');
    });
  });
});
