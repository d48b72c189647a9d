/**
 * Running git for timeline sharing: never interactive (no terminal prompt, no askpass, ssh in batch mode), bounded in
 * time (a remote that hangs is killed after `timeoutMs`), and with a fixed identity for the commits it makes, so it
 * works on a machine without `user.name`. Nothing here reads or writes the user's HEAD, index or working tree.
 */
import { spawn } from 'node:child_process';

/** What a git command gave back. */
export interface GitResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** True when it was killed for taking longer than its time budget. */
  timedOut: boolean;
}

export interface GitOptions {
  input?: string;
  timeoutMs?: number;
  /** Extra environment, e.g. GIT_INDEX_FILE for a private index. */
  env?: Record<string, string>;
}

/** The environment every git command of the sharing loop gets: nothing may wait for a person. */
export function nonInteractiveGitEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GCM_INTERACTIVE: 'never',
    GIT_SSH_COMMAND: base.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes -o ConnectTimeout=10',
    // The commits on the sharing ref are the tool's, not the person's: no user.name needed, no signing prompt.
    GIT_AUTHOR_NAME: 'runbooks', GIT_AUTHOR_EMAIL: 'runbooks@localhost',
    GIT_COMMITTER_NAME: 'runbooks', GIT_COMMITTER_EMAIL: 'runbooks@localhost',
    GIT_OPTIONAL_LOCKS: '0',
    LC_ALL: 'C',
  };
}

/** Runs `git args` in `cwd`; resolves (never rejects) with its exit code and output. */
export function runGit(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
  return new Promise((resolve) => {
    // credential.interactive=never asks Git Credential Manager not to open a window; the helpers still answer.
    const child = spawn('git', ['-c', 'credential.interactive=never', '-c', 'core.askPass=', ...args], {
      cwd, env: { ...nonInteractiveGitEnv(), ...options.env }, stdio: ['pipe', 'pipe', 'pipe'], detached: process.platform !== 'win32',
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      kill(child.pid);
    }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, stdout: '', stderr: error.message, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Kills a git command and what it started (ssh, a remote helper): its whole process group where there is one. */
function kill(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Runs git and returns its trimmed stdout; throws GitError with git's own words when it fails. */
export async function gitOutput(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  const result = await runGit(cwd, args, options);
  if (result.code !== 0) throw new GitError(args, result);
  return result.stdout.trim();
}

/** A git command that failed: which one, and what git said (its first lines). */
export class GitError extends Error {
  constructor(readonly args: readonly string[], readonly result: GitResult) {
    super(`git ${args[0]} ${result.timedOut ? 'took too long and was stopped' : `failed: ${firstLines(result.stderr) || `exit ${result.code}`}`}`);
    this.name = 'GitError';
  }
}

function firstLines(text: string): string {
  return text.trim().split('\n').filter((line) => line.trim()).slice(0, 3).join(' / ');
}
