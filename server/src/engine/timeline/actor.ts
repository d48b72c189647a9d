/** Who is acting: the configured name, else git's user.name, else the OS user. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import { dirname } from 'node:path';

/** Where a name came from, for saying so ("dana, from git's user.name"). */
export type ActorSource = 'setting' | 'git' | 'os';

/** Resolves the actor recorded on timeline events (setting, else `git config user.name`, else the OS user name). */
export function resolveActor(configured: string | undefined, cwd: string): string {
  return resolveActorWithSource(configured, cwd).name;
}

/** The actor and where it came from. `cwd` may not exist yet (a new incident's folder): its nearest existing parent asks git. */
export function resolveActorWithSource(configured: string | undefined, cwd: string): { name: string; source: ActorSource } {
  const setting = configured?.trim();
  if (setting) return { name: setting, source: 'setting' };
  try {
    const gitName = execFileSync('git', ['config', 'user.name'], {
      cwd: existingFolder(cwd), encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (gitName) return { name: gitName, source: 'git' };
  } catch {
    // no git, or no user.name: fall through to the OS user
  }
  try {
    const user = os.userInfo().username.trim();
    if (user) return { name: user, source: 'os' };
  } catch {
    // userInfo throws when the uid has no passwd entry (some containers)
  }
  return { name: process.env.USER || process.env.USERNAME || 'unknown', source: 'os' };
}

/** The folder itself or its nearest existing parent: git refuses to start in a folder that does not exist. */
function existingFolder(folder: string): string {
  let current = folder;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}
