/** Who is acting: the configured name, else git's user.name, else the OS user. */
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';

/** Resolves the actor recorded on timeline events (setting, else `git config user.name`, else the OS user name). */
export function resolveActor(configured: string | undefined, cwd: string): string {
  const setting = configured?.trim();
  if (setting) return setting;
  try {
    const gitName = execFileSync('git', ['config', 'user.name'], {
      cwd, encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (gitName) return gitName;
  } catch {
    // no git, not a repository, or no user.name: fall through to the OS user
  }
  try {
    const user = os.userInfo().username.trim();
    if (user) return user;
  } catch {
    // userInfo throws when the uid has no passwd entry (some containers)
  }
  return process.env.USER || process.env.USERNAME || 'unknown';
}
