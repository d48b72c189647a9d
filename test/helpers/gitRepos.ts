// Real git for sharing tests: a bare repository in a temp folder and clones of it, every command non-interactive.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Runs git in `cwd` (never prompting) and returns its trimmed stdout. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' },
  }).trim();
}

export interface SharedRepos {
  root: string;
  bare: string;
  clones: string[];
}

/**
 * A bare repository with one commit on `main` (a README and a `.runbooks.yaml` sharing timelines through git) and
 * `count` clones of it; `incidents/` is excluded in each clone so `git status` shows only the user's own changes.
 */
export function sharedRepos(count: number, config = 'timeline:\n  share: git\n  interval: 1s\n'): SharedRepos {
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'runbooks-share-')));
  const bare = path.join(root, 'remote.git');
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
  const seed = path.join(root, 'seed');
  git(root, 'init', '--quiet', '--initial-branch=main', seed);
  writeFileSync(path.join(seed, 'README.md'), '# service\n');
  writeFileSync(path.join(seed, '.runbooks.yaml'), config);
  git(seed, 'add', '.');
  git(seed, 'commit', '--quiet', '-m', 'first');
  git(seed, 'push', '--quiet', bare, 'main');
  const clones = Array.from({ length: count }, (_, index) => {
    const clone = path.join(root, `clone-${index}`);
    git(root, 'clone', '--quiet', bare, clone);
    writeFileSync(path.join(clone, '.git', 'info', 'exclude'), 'incidents/\n');
    return clone;
  });
  return { root, bare, clones };
}

/** What the user has in a clone: HEAD, its branch (or none when detached), status, staged diff, stash and refs/heads. */
export function userState(clone: string): Record<string, string> {
  return {
    head: git(clone, 'rev-parse', 'HEAD'),
    branch: git(clone, 'rev-parse', '--abbrev-ref', 'HEAD'),
    status: git(clone, 'status', '--porcelain=v1', '--untracked-files=all'),
    staged: git(clone, 'diff', '--cached'),
    unstaged: git(clone, 'diff'),
    heads: git(clone, 'for-each-ref', 'refs/heads', '--format=%(refname) %(objectname)'),
  };
}
