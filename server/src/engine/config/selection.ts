/**
 * Which Markdown files are runbooks under a config: `files` globs (or `kind: runbook` front matter), minus `ignore`
 * globs, `.gitignore` files (by default) and the extension's own outputs. The same answer for the editor and the CLI.
 */
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { nodeFileSystem, type HostFileSystem } from '../session/host';
import { declaresRunbookKind } from '../select';
import { BUILTIN_IGNORES, type EffectiveConfig } from './project';

/** Why a file is or is not a runbook. */
export type Selection =
  | { runbook: true; by: 'files' | 'kind' }
  | { runbook: false; reason: 'not-matched' | 'ignored' | 'gitignored' | 'extension-output' };

/** Most `*` wildcards (outside `**` segments) a glob may have: each can multiply a matcher's backtracking. */
const MAX_STARS = 8;
const MAX_GLOB_LENGTH = 300;

/** Why a glob is refused, or undefined when it is usable: a glob like `**\/*a*a*a...b.md` backtracks for seconds per file. */
export function globProblem(glob: string): string | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return `the glob is longer than ${MAX_GLOB_LENGTH} characters`;
  const stars = glob.split('/').filter((seg) => seg !== '**').join('/').split('*').length - 1;
  if (stars > MAX_STARS) return `the glob has ${stars} "*" wildcards (at most ${MAX_STARS}): such a pattern can take seconds to match one path`;
  if ((glob.match(/[{(]/g) ?? []).length > 10) return 'the glob nests more than 10 groups';
  return undefined;
}

/** Compiled glob matchers by their globs: owned by a selector (so by a session), never by the module. */
export class GlobMatchers {
  private readonly matchers = new Map<string, (path: string) => boolean>();

  /** A matcher for globs that are usable (refused ones match nothing; the config check reports them). */
  get(globs: readonly string[]): (path: string) => boolean {
    const usable = globs.filter((g) => globProblem(g) === undefined);
    const key = usable.join('\0');
    let m = this.matchers.get(key);
    if (!m) {
      m = usable.length === 0 ? () => false : picomatch([...usable], { dot: false, nocase: process.platform === 'win32' });
      this.matchers.set(key, m);
    }
    return m;
  }
}

/** Decides which files are runbooks; keeps the .gitignore files it read per folder. */
export class RunbookSelector {
  private readonly gitignores = new Map<string, Ignore | null>();
  private readonly matchers = new GlobMatchers();

  /** `fs`: the host's file system, where .gitignore files are read (a session's; the real one by default). */
  constructor(private readonly fs: HostFileSystem = nodeFileSystem) {}

  /** Whether `path` is a runbook under `config`; `text`, when given, lets `kind: runbook` front matter count. */
  select(path: string, config: EffectiveConfig, text?: string): Selection {
    const fromBase = toPosix(relative(config.baseDir, path));
    const outside = fromBase.startsWith('../') || fromBase === '..';
    const rel = outside ? toPosix(path) : fromBase;
    if (this.matchers.get(BUILTIN_IGNORES)(rel) || /\.(postmortem|drill)\.md$/i.test(path)) return { runbook: false, reason: 'extension-output' };
    const ignoreBase = config.file?.dir ?? config.baseDir;
    const fromConfig = toPosix(relative(ignoreBase, path));
    if (config.ignore.length > 0 && !fromConfig.startsWith('..') && this.matchers.get(config.ignore)(fromConfig)) return { runbook: false, reason: 'ignored' };
    if (config.gitignore && this.isGitignored(path, ignoreBase)) return { runbook: false, reason: 'gitignored' };
    if (text !== undefined && declaresRunbookKind(text)) return { runbook: true, by: 'kind' };
    if (!outside && this.matchers.get(config.files)(rel)) return { runbook: true, by: 'files' };
    return { runbook: false, reason: 'not-matched' };
  }

  /** Forgets the .gitignore files read (one changed). */
  invalidate(): void {
    this.gitignores.clear();
  }

  /** True when a .gitignore between `root` and the file's folder ignores it (each read once). */
  private isGitignored(path: string, root: string): boolean {
    const dirs: string[] = [];
    for (let d = dirname(path); ; d = dirname(d)) {
      dirs.unshift(d);
      if (d === root || dirname(d) === d || relative(root, d).startsWith('..')) break;
    }
    for (const dir of dirs) {
      const rules = this.gitignoreOf(dir);
      if (!rules) continue;
      const rel = toPosix(relative(dir, path));
      if (rel && !rel.startsWith('..') && rules.ignores(rel)) return true;
    }
    return false;
  }

  private gitignoreOf(dir: string): Ignore | null {
    let rules = this.gitignores.get(dir);
    if (rules === undefined) {
      try {
        // A committed .gitignore that is a FIFO or a link to /dev/zero is passed over, never waited on.
        rules = ignore().add(this.fs.readText(join(dir, '.gitignore'), { maxBytes: 1_000_000 }));
      } catch {
        rules = null;
      }
      this.gitignores.set(dir, rules);
    }
    return rules;
  }
}

function toPosix(p: string): string {
  return p.split(sep).join('/');
}
