/**
 * Runs a step's commands with the user's shell as its own process group, streaming output.
 * Cancel (AbortSignal) and timeout kill the whole group: SIGTERM, then SIGKILL after a grace period.
 */
import { spawn } from 'node:child_process';
import { EXCERPT_LINES, OutputTail } from './output-tail';

export type OutputStream = 'stdout' | 'stderr';

export interface RunCommandsOptions {
  /** The shell script to run, placeholders already filled. */
  commands: string;
  /** Working directory (the workspace folder). */
  cwd: string;
  /** Shell binary; default `$SHELL`, else `bash`. */
  shell?: string;
  env?: NodeJS.ProcessEnv;
  /** Aborting kills the process group; the result says `cancelled`. */
  signal?: AbortSignal;
  /** Kill the group after this many milliseconds (0 or undefined: no limit); the result says `timedOut`. */
  timeoutMs?: number;
  /** Time between SIGTERM and SIGKILL; default 2000 ms. */
  killGraceMs?: number;
  /** Lines the excerpt will keep (default 50); `output` holds these plus a margin for redaction (see OutputTail). */
  excerptLines?: number;
  /** Called with each chunk of output as it arrives. */
  onOutput?: (chunk: string, stream: OutputStream) => void;
}

export interface RunResult {
  /** The exit code, or null when it is not known (killed by a signal, never started). */
  exitCode: number | null;
  /** The signal that ended the shell, if any. */
  signal: NodeJS.Signals | null;
  durationMs: number;
  /**
   * The last lines of stdout+stderr in arrival order, ANSI stripped, neither redacted nor cut: a margin of lines before
   * the excerpt is kept so that redaction sees a multi-line secret whole (outputExcerpt cuts after redaction).
   */
  output: string;
  cancelled: boolean;
  timedOut: boolean;
  /** Why the command could not be started, if it could not. */
  error?: string;
}

/** How long to wait for output pipes to close after the shell exited (a background child may hold them open). */
const PIPE_DRAIN_MS = 1000;

/** The shell used to run steps: `$SHELL`, else bash. */
export function defaultShell(env: NodeJS.ProcessEnv = process.env): string {
  return env.SHELL && env.SHELL.trim() ? env.SHELL : 'bash';
}

/** Runs `commands` with `<shell> -c` in `cwd` and resolves when it has ended (never rejects). */
export function runCommands(options: RunCommandsOptions): Promise<RunResult> {
  const started = Date.now();
  const tail = new OutputTail(options.excerptLines ?? EXCERPT_LINES);
  const graceMs = options.killGraceMs ?? 2000;
  if (options.signal?.aborted) {
    return Promise.resolve({ exitCode: null, signal: null, durationMs: 0, output: '', cancelled: true, timedOut: false });
  }

  return new Promise<RunResult>((resolve) => {
    let cancelled = false;
    let timedOut = false;
    let exitCode: number | null = null;
    let exitSignal: NodeJS.Signals | null = null;
    let spawnError: string | undefined;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];

    const child = spawn(options.shell ?? defaultShell(options.env ?? process.env), ['-c', options.commands], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true, // its own process group, so a kill reaches everything the step started
      stdio: ['ignore', 'pipe', 'pipe'],
    });

    const killGroup = (signal: NodeJS.Signals): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // ESRCH: the group is already gone
      }
    };
    const stop = (): void => {
      killGroup('SIGTERM');
      const hard = setTimeout(() => killGroup('SIGKILL'), graceMs);
      hard.unref();
      timers.push(hard);
    };
    const onAbort = (): void => {
      if (settled || cancelled || timedOut) return;
      cancelled = true;
      stop();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.timeoutMs && options.timeoutMs > 0) {
      timers.push(setTimeout(() => {
        if (settled || cancelled) return;
        timedOut = true;
        stop();
      }, options.timeoutMs));
    }

    const onData = (stream: OutputStream) => (data: Buffer): void => {
      const chunk = data.toString('utf8');
      tail.push(chunk);
      options.onOutput?.(chunk, stream);
    };
    child.stdout?.on('data', onData('stdout'));
    child.stderr?.on('data', onData('stderr'));

    const finish = (): void => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      options.signal?.removeEventListener('abort', onAbort);
      // A killed run's leftovers must not outlive it; a normal run's background jobs are the user's business.
      if (cancelled || timedOut) killGroup('SIGKILL');
      resolve({
        exitCode,
        signal: exitSignal,
        durationMs: Date.now() - started,
        output: spawnError ? [tail.text(), spawnError].filter(Boolean).join('\n') : tail.text(),
        cancelled,
        timedOut,
        ...(spawnError ? { error: spawnError } : {}),
      });
    };

    child.on('error', (err) => {
      spawnError = `could not start ${options.shell ?? defaultShell(options.env ?? process.env)}: ${err.message}`;
      finish();
    });
    child.on('exit', (code, signal) => {
      exitCode = code;
      exitSignal = signal;
      const drain = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish();
      }, PIPE_DRAIN_MS);
      drain.unref();
      timers.push(drain);
    });
    child.on('close', finish);
  });
}
