import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  MissingPlaceholderError, runStepLogged, workspaceRelativePath,
} from '../../server/src/engine/runner/index';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';
import { readTimeline } from '../../server/src/engine/timeline/store';
import type { Step } from '../../server/src/engine/types';

const ws = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'runbooks-logged-')));
let n = 0;
const timelineFile = (): string => path.join(ws, 'incidents', `t${++n}.timeline.jsonl`);
const read = (file: string): TimelineEvent[] => {
  const { events, bad } = readTimeline(readFileSync(file, 'utf8'));
  assert.deepEqual(bad, []);
  return events;
};

function step(commands: string, id = 'diagnostics-1', changesProduction = false): Step {
  const range = { start: { line: 0, character: 0 }, end: { line: 2, character: 3 } };
  const label = `${changesProduction ? 'mitigation' : 'diagnostic step'} ${id.split('-')[1]}`;
  return { id, position: 1, section: id.split('-')[0], sectionTitle: 'Diagnostics', lang: 'bash', code: commands, commands, range, changesProduction, label };
}

const base = { runbook: 'runbooks/api.md', actor: 'dana', cwd: ws, shell: 'bash', host: 'test-host' };

describe('runner: runStepLogged', () => {
  it('appends command-started before the step runs and command-finished after it', async () => {
    const timeline = timelineFile();
    let startedOnDisk: TimelineEvent[] = [];
    const { result } = await runStepLogged({
      ...base, timeline, step: step('echo one; echo two'),
      onOutput: () => { if (startedOnDisk.length === 0) startedOnDisk = read(timeline); },
    });
    assert.equal(result.exitCode, 0);
    assert.deepEqual(startedOnDisk.map((e) => e.kind), ['command-started']);
    const [started, finished] = read(timeline);
    assert.deepEqual(
      { ...started, ts: 'x', id: 'ulid' },
      { ts: 'x', id: 'ulid', actor: 'dana', kind: 'command-started', text: 'Ran diagnostic step 1 (diagnostics-1): echo one; echo two',
        runbook: 'runbooks/api.md', step: 'diagnostics-1', command: 'echo one; echo two', cwd: ws, host: 'test-host',
        section: 'diagnostics', changesProduction: false, effect: 'read-only',
        effectReasons: [{ command: 'echo one', effect: 'read-only', why: 'reads only' }, { command: 'echo two', effect: 'read-only', why: 'reads only' }] },
    );
    assert.ok(started.id && finished.id && started.id < finished.id, 'each event has an id, in the order written');
    assert.equal(finished.exitCode, 0);
    assert.equal(finished.output, 'one\ntwo');
    assert.match(finished.text, /^diagnostics-1 exited 0 in \d+\.\ds$/);
  });

  it('redacts a secret the step prints, in the output excerpt', async () => {
    const timeline = timelineFile();
    const token = 'ghp_' + 'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2';
    await runStepLogged({ ...base, timeline, step: step(`printf 'token: %s\\n' ${token.slice(0, 10)}${token.slice(10)}`) });
    const raw = readFileSync(timeline, 'utf8');
    assert.ok(!raw.includes(token), raw);
    assert.match(read(timeline)[1].output ?? '', /token: \[REDACTED\]/);
  });

  it('runs with every value but logs password-box values as [REDACTED] and scrubs them from output', async () => {
    const timeline = timelineFile();
    const { result } = await runStepLogged({
      ...base, timeline, step: step('echo "{{region}} {{ api_token }}"'),
      values: { region: 'eu-west-1', api_token: 'tok-12345' }, secretNames: ['api_token'],
    });
    assert.equal(result.output, 'eu-west-1 tok-12345');
    const raw = readFileSync(timeline, 'utf8');
    assert.ok(!raw.includes('tok-12345'), raw);
    const [started, finished] = read(timeline);
    assert.equal(started.command, 'echo "eu-west-1 [REDACTED]"');
    assert.equal(finished.output, 'eu-west-1 [REDACTED]');
  });

  it('refuses to run with a placeholder missing, writing nothing', async () => {
    const timeline = timelineFile();
    await assert.rejects(
      runStepLogged({ ...base, timeline, step: step('echo {{pod}} {{ns}}'), values: { ns: 'x' } }),
      (err: Error) => err instanceof MissingPlaceholderError && err.message === 'no value for placeholder {{pod}}',
    );
    assert.equal(existsSync(timeline), false);
  });

  it('does not run a step whose start cannot be logged', async () => {
    const notAFile = path.join(ws, 'a-directory');
    mkdirSync(notAFile);
    const marker = path.join(ws, 'ran.txt');
    await assert.rejects(runStepLogged({ ...base, timeline: notAFile, step: step(`touch ${marker}`) }), /EISDIR/);
    assert.equal(existsSync(marker), false);
  });

  it('logs a cancelled run as cancelled with an unknown exit code', async () => {
    const timeline = timelineFile();
    const controller = new AbortController();
    const running = runStepLogged({
      ...base, timeline, step: step('echo started; sleep 30'), signal: controller.signal,
      onOutput: () => controller.abort(),
    });
    await running;
    const finished = read(timeline)[1];
    assert.equal(finished.cancelled, true);
    assert.equal(finished.timedOut, undefined);
    assert.equal(finished.exitCode, null);
    assert.match(finished.text, /cancelled after/);
  });

  it('logs a timed-out run as timedOut', async () => {
    const timeline = timelineFile();
    await runStepLogged({ ...base, timeline, step: step('sleep 30'), timeoutMs: 200, killGraceMs: 200 });
    const finished = read(timeline)[1];
    assert.equal(finished.timedOut, true);
    assert.equal(finished.exitCode, null);
    assert.equal(finished.text, 'diagnostics-1 timed out after 0.2s (killed)');
  });

  it('workspaceRelativePath gives a /-separated path under the folder', () => {
    assert.equal(workspaceRelativePath('/ws', '/ws/runbooks/api.md'), 'runbooks/api.md');
    assert.equal(workspaceRelativePath('/ws', 'runbooks/db.md'), 'runbooks/db.md');
  });
});
