import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCommand } from '../../server/src/cli/run';
import { readTimeline } from '../../server/src/engine/timeline/store';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';
import { builtCliAvailable, CLI, fakeIO, GITHUB_TOKEN, runCli, workspace } from './cliHarness';

const RUNBOOK = 'runbooks/test.md';
const TIMELINE = 'incidents/2026-11-26-test.timeline.jsonl';

/** The timeline's events; fails the test if any line is bad. */
function events(ws: string): TimelineEvent[] {
  const { events: all, bad } = readTimeline(readFileSync(path.join(ws, TIMELINE), 'utf8'));
  assert.deepEqual(bad, []);
  return all;
}

describe('cli: runbooks run', () => {
  it('runs a step by position, streams its output and logs command-started and command-finished', async () => {
    const ws = workspace();
    const io = fakeIO(ws);
    assert.equal(await runCommand([RUNBOOK, '--step', '1', '--timeline', TIMELINE, '--actor', 'dana'], io), 0);
    assert.equal(io.out(), `hello from ${path.basename(ws)}\n`);
    assert.match(io.err(), /diagnostics-1 exited 0/);
    const [started, finished, ...rest] = events(ws);
    assert.equal(rest.length, 0);
    assert.equal(started.kind, 'command-started');
    assert.equal(finished.kind, 'command-finished');
    for (const event of [started, finished]) {
      assert.equal(event.actor, 'dana');
      assert.equal(event.runbook, 'runbooks/test.md');
      assert.equal(event.step, 'diagnostics-1');
      assert.equal(event.command, 'echo "hello from $(basename "$PWD")"');
      assert.equal(event.cwd, ws);
      assert.ok(event.host);
    }
    assert.equal(finished.exitCode, 0);
    assert.equal(finished.output, `hello from ${path.basename(ws)}`);
    assert.equal(typeof finished.durationMs, 'number');
    assert.equal(finished.cancelled, undefined);
  });

  it('returns the step\'s exit code and never writes a secret the step printed', async () => {
    const ws = workspace();
    const io = fakeIO(ws);
    assert.equal(await runCommand([RUNBOOK, '--step', 'diagnostics-3', '--timeline', TIMELINE], io), 3);
    const raw = readFileSync(path.join(ws, TIMELINE), 'utf8');
    assert.ok(!raw.includes(GITHUB_TOKEN), raw);
    const finished = events(ws)[1];
    assert.equal(finished.exitCode, 3);
    assert.match(finished.output ?? '', /token=\[REDACTED\]/);
    assert.match(finished.command ?? '', /\[REDACTED\]/);
  });

  it('without a TTY a missing placeholder is a usage error: exit 2, nothing run or written', async () => {
    const ws = workspace();
    const io = fakeIO(ws);
    assert.equal(await runCommand([RUNBOOK, '--step', '2', '--timeline', TIMELINE, '--set', 'namespace=prod'], io), 2);
    assert.match(io.err(), /needs \{\{db_password\}\}; pass --set db_password=VALUE/);
    assert.equal(existsSync(path.join(ws, TIMELINE)), false);
  });

  it('fills --set values; a secret-looking value runs but is [REDACTED] in the log and is scrubbed from output', async () => {
    const ws = workspace();
    const io = fakeIO(ws);
    const code = await runCommand(
      [RUNBOOK, '--step', '2', '--timeline', TIMELINE, '--set', 'namespace=prod', '--set', 'db_password=hunter2-xyz'], io);
    assert.equal(code, 0);
    assert.equal(io.out(), 'namespace=prod password=hunter2-xyz\n');
    const raw = readFileSync(path.join(ws, TIMELINE), 'utf8');
    assert.ok(!raw.includes('hunter2-xyz'), raw);
    const [started, finished] = events(ws);
    assert.equal(started.command, 'echo "namespace=prod password=[REDACTED]"');
    assert.equal(finished.output, 'namespace=prod password=[REDACTED]');
  });

  it('asks missing placeholders on a TTY', async () => {
    const ws = workspace();
    const io = fakeIO(ws, { isTTY: true, input: ['staging', 's3cret-pw'] });
    assert.equal(await runCommand([RUNBOOK, '--step', '2', '--timeline', TIMELINE], io), 0);
    assert.equal(io.out(), 'namespace=staging password=s3cret-pw\n');
    assert.match(io.err(), /namespace: /);
    assert.match(io.err(), /db_password \(hidden\): /);
    assert.ok(!io.err().includes('s3cret-pw'), 'a secret answer was echoed');
    assert.ok(!readFileSync(path.join(ws, TIMELINE), 'utf8').includes('s3cret-pw'));
  });

  it('a mitigation needs --yes without a TTY (exit 2, nothing run), and runs with it', async () => {
    const ws = workspace();
    const refused = fakeIO(ws);
    assert.equal(await runCommand([RUNBOOK, '--step', 'mitigations-1', '--timeline', TIMELINE], refused), 2);
    assert.match(refused.err(), /mitigation 1 \(mitigations-1\) changes production\b.* pass --yes/);
    assert.equal(existsSync(path.join(ws, 'restarted.txt')), false);
    assert.equal(existsSync(path.join(ws, TIMELINE)), false);

    assert.equal(await runCommand([RUNBOOK, '--step', 'mitigations-1', '--timeline', TIMELINE, '--yes'], fakeIO(ws)), 0);
    assert.equal(readFileSync(path.join(ws, 'restarted.txt'), 'utf8'), 'restarted\n');
    assert.deepEqual(events(ws).map((e) => e.step), ['mitigations-1', 'mitigations-1']);
  });

  it('on a TTY a mitigation shows the command and runs only after y', async () => {
    const ws = workspace();
    const declined = fakeIO(ws, { isTTY: true, input: ['n'] });
    assert.equal(await runCommand([RUNBOOK, '--step', '5', '--timeline', TIMELINE], declined), 1);
    assert.match(declined.err(), /Mitigation 1 \(mitigations-1\) will run:\s+echo restarted > restarted.txt/);
    assert.equal(existsSync(path.join(ws, 'restarted.txt')), false);
    assert.equal(existsSync(path.join(ws, TIMELINE)), false);

    const accepted = fakeIO(ws, { isTTY: true, input: ['y'] });
    assert.equal(await runCommand([RUNBOOK, '--step', '5', '--timeline', TIMELINE], accepted), 0);
    assert.equal(existsSync(path.join(ws, 'restarted.txt')), true);
  });

  it('a timeout stops the step, is logged as timedOut and exits 124', async () => {
    const ws = workspace();
    const io = fakeIO(ws);
    assert.equal(await runCommand([RUNBOOK, '--step', 'diagnostics-4', '--timeline', TIMELINE, '--timeout', '0.5'], io), 124);
    const finished = events(ws)[1];
    assert.equal(finished.timedOut, true);
    assert.equal(finished.exitCode, null);
    assert.equal(finished.output, 'waiting');
  });

  it('usage errors exit 2 and write nothing', async () => {
    const ws = workspace();
    const cases: Array<[string[], RegExp]> = [
      [[RUNBOOK, '--timeline', TIMELINE], /--step is required/],
      [[RUNBOOK, '--step', '1'], /--timeline is required/],
      [[RUNBOOK, '--step', '99', '--timeline', TIMELINE], /no step "99".*steps: 1 \(diagnostics-1\)/],
      [[RUNBOOK, '--step', '1', '--timeline', TIMELINE, '--set', 'novalue'], /--set expects name=value/],
      [[RUNBOOK, '--step', '1', '--timeline', TIMELINE, '--bogus'], /Unknown option '--bogus'/],
      [['missing.md', '--step', '1', '--timeline', TIMELINE], /missing\.md: cannot read: ENOENT/],
    ];
    for (const [argv, message] of cases) {
      const io = fakeIO(ws);
      assert.equal(await runCommand(argv, io), 2, argv.join(' '));
      assert.match(io.err(), message);
    }
    assert.equal(existsSync(path.join(ws, TIMELINE)), false);
  });

  describe('the built CLI', () => {
    before(function () {
      if (!builtCliAvailable()) {
        console.log('      (skipped: bin/runbooks.js or dist/cli.js missing; run npm run build)');
        this.skip();
      }
    });

    it('`runbooks run` runs a step and exits with its code', async () => {
      const ws = workspace();
      const ok = await runCli(['run', RUNBOOK, '--step', '1', '--timeline', TIMELINE, '--actor', 'ci'], ws);
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(ok.stdout, `hello from ${path.basename(ws)}\n`);
      const failing = await runCli(['run', RUNBOOK, '--step', '3', '--timeline', TIMELINE], ws);
      assert.equal(failing.code, 3, failing.stderr);
      assert.deepEqual(events(ws).map((e) => [e.kind, e.exitCode]), [
        ['command-started', undefined], ['command-finished', 0], ['command-started', undefined], ['command-finished', 3],
      ]);
    });

    it('on a real terminal, a secret placeholder is typed without echo and never logged', async function () {
      // A pseudo-terminal is needed to see echo; Node has none built in, python3's pty module provides one.
      const python = spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' });
      if (python.status !== 0) {
        console.log('      (skipped: python3 with the pty module is not available)');
        this.skip();
      }
      const ws = workspace();
      const script = [
        'import os, pty, select, sys, time',
        'pid, fd = pty.fork()',
        'if pid == 0:',
        '    os.execv(sys.argv[1], sys.argv[1:])',
        'out = b""',
        'def pump(seconds):',
        '    global out',
        '    end = time.time() + seconds',
        '    while time.time() < end:',
        '        r, _, _ = select.select([fd], [], [], 0.05)',
        '        if r:',
        '            try: out += os.read(fd, 4096)',
        '            except OSError: return',
        'def until(text):',
        '    end = time.time() + 20',
        '    while text not in out and time.time() < end: pump(0.1)',
        'until(b"namespace: "); os.write(fd, b"prod-ns\\r")',
        'until(b"(hidden): "); os.write(fd, b"Typed-Secret-42\\r")',
        'until(b"logged to"); pump(0.3)',
        'sys.stdout.write(out.decode("utf8", "replace"))',
      ].join('\n');
      const result = spawnSync('python3', ['-c', script, process.execPath, CLI, 'run', RUNBOOK, '--step', '2', '--timeline', TIMELINE],
        { cwd: ws, encoding: 'utf8', timeout: 60_000 });
      const screen = result.stdout;
      assert.equal(result.status, 0, result.stderr);
      assert.match(screen, /db_password \(hidden\): /, screen);
      const beforeOutput = screen.slice(0, screen.indexOf('namespace=prod-ns password='));
      assert.ok(beforeOutput.includes('prod-ns'), `a visible answer should echo: ${screen}`);
      assert.ok(!beforeOutput.includes('Typed-Secret-42'), `the secret was echoed: ${screen}`);
      const raw = readFileSync(path.join(ws, TIMELINE), 'utf8');
      assert.ok(!raw.includes('Typed-Secret-42'), raw);
      assert.equal(events(ws)[0].command, 'echo "namespace=prod-ns password=[REDACTED]"');
    });

    it('Ctrl+C (SIGINT) cancels the step, kills its process group, logs cancelled and exits 130', async () => {
      const ws = workspace();
      const child = spawn(process.execPath, [CLI, 'run', RUNBOOK, '--step', '4', '--timeline', TIMELINE], {
        cwd: ws, stdio: ['ignore', 'pipe', 'pipe'],
      });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      child.kill('SIGINT');
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      assert.equal(code, 130);
      const finished = events(ws)[1];
      assert.equal(finished.cancelled, true);
      assert.equal(finished.exitCode, null);
      assert.ok((finished.durationMs ?? 0) < 20_000);
    });
  });
});
