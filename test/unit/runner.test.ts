import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, existsSync, realpathSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCommands } from '../../server/src/engine/runner/run-commands';
import { outputExcerpt, stripAnsi, OutputTail } from '../../server/src/engine/runner/output-tail';

const cwd = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'runbooks-runner-')));
const shell = 'bash';

/** True while a process with this pid exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('runner: runCommands', () => {
  it('records exit code 0 and the output of a successful step', async () => {
    const result = await runCommands({ commands: 'echo hello\necho world', cwd, shell });
    assert.equal(result.exitCode, 0);
    assert.equal(result.output, 'hello\nworld');
    assert.equal(result.cancelled, false);
    assert.equal(result.timedOut, false);
    assert.ok(result.durationMs >= 0);
  });

  it('records a non-zero exit code as it is', async () => {
    const result = await runCommands({ commands: 'echo failing >&2; exit 3', cwd, shell });
    assert.equal(result.exitCode, 3);
    assert.equal(result.output, 'failing');
  });

  it('runs the block as written (a failing line does not stop it) in the given folder', async () => {
    const result = await runCommands({ commands: 'false\npwd', cwd, shell });
    assert.equal(result.exitCode, 0);
    assert.equal(result.output, cwd);
  });

  it('streams stdout and stderr through the callback, in order', async () => {
    const chunks: Array<[string, string]> = [];
    await runCommands({
      commands: 'echo out; sleep 0.1; echo err >&2', cwd, shell,
      onOutput: (chunk, stream) => chunks.push([stream, chunk]),
    });
    assert.deepEqual(chunks, [['stdout', 'out\n'], ['stderr', 'err\n']]);
  });

  it('keeps the last 50 lines in the excerpt, with ANSI codes stripped (the output holds a margin for redaction)', async () => {
    const result = await runCommands({
      commands: 'for i in $(seq 1 60); do printf "\\033[31mline %d\\033[0m\\n" $i; done', cwd, shell,
    });
    assert.equal(result.output.split('\n').length, 60);
    const lines = outputExcerpt(result.output).split('\n');
    assert.equal(lines.length, 50);
    assert.equal(lines[0], 'line 11');
    assert.equal(lines[49], 'line 60');
    assert.ok(!result.output.includes('\u001b'));
  });

  it('cancel kills the whole process group and is recorded as cancelled with an unknown exit code', async () => {
    const pidFile = path.join(cwd, 'bg.pid');
    const controller = new AbortController();
    const running = runCommands({
      commands: `sleep 30 & echo $! > ${pidFile}; wait`, cwd, shell, signal: controller.signal, killGraceMs: 500,
    });
    await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '');
    const backgroundPid = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(alive(backgroundPid));
    controller.abort();
    const result = await running;
    assert.equal(result.cancelled, true);
    assert.equal(result.timedOut, false);
    assert.equal(result.exitCode, null);
    // Not a speed bound: a run that was not killed would last as long as its `sleep 30`.
    assert.ok(result.durationMs < 30_000, 'the run ended before the sleep it was running');
    await waitFor(() => !alive(backgroundPid));
  });

  it('a timeout kills the step and is recorded as timedOut', async () => {
    const result = await runCommands({ commands: 'echo before; sleep 30; echo after', cwd, shell, timeoutMs: 300 });
    assert.equal(result.timedOut, true);
    assert.equal(result.cancelled, false);
    assert.equal(result.exitCode, null);
    assert.equal(result.output, 'before');
  });

  it('escalates to SIGKILL when the step ignores SIGTERM', async () => {
    const result = await runCommands({
      commands: "trap '' TERM; echo ready; sleep 30 & wait; sleep 30", cwd, shell, timeoutMs: 300, killGraceMs: 300,
    });
    assert.equal(result.timedOut, true);
    assert.equal(result.exitCode, null);
    assert.equal(result.signal, 'SIGKILL');
  });

  it('does not start when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const marker = path.join(cwd, 'must-not-exist');
    const result = await runCommands({ commands: `touch ${marker}`, cwd, shell, signal: controller.signal });
    assert.equal(result.cancelled, true);
    assert.equal(result.exitCode, null);
    assert.equal(existsSync(marker), false);
  });

  it('a shell that cannot start gives an unknown exit code and says why', async () => {
    const result = await runCommands({ commands: 'echo hi', cwd, shell: '/nonexistent/shell' });
    assert.equal(result.exitCode, null);
    assert.match(result.error ?? '', /could not start \/nonexistent\/shell/);
  });

  it('uses $SHELL when no shell is given', async () => {
    const result = await runCommands({
      commands: 'echo "$0"', cwd, env: { ...process.env, SHELL: '/bin/sh' },
    });
    assert.equal(result.output, '/bin/sh');
  });
});

describe('runner: output excerpt', () => {
  it('strips colour, cursor and OSC sequences', () => {
    assert.equal(stripAnsi('\u001b[1;32mok\u001b[0m \u001b]0;title\u0007done\u001b[2K'), 'ok done');
  });

  it('keeps what a progress bar showed last and joins lines split across chunks', () => {
    const tail = new OutputTail(3);
    for (const chunk of ['a\nprog', 'ress 10%\rprogress 100%\n', 'b\nc', '\nd']) tail.push(chunk);
    assert.equal(outputExcerpt(tail.text(), 3), 'b\nc\nd');
    const progress = new OutputTail(5);
    progress.push('progress 10%\rprogress 100%\nend\n');
    assert.equal(outputExcerpt(progress.text(), 5), 'progress 100%\nend');
  });
});

/** Polls `condition` every 20 ms; the 15 s limit (under the test timeout) guards against a hang only (no speed is asserted). */
async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 15 s (a hang)');
    await new Promise((r) => setTimeout(r, 20));
  }
}
