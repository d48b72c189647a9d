// What the end-to-end run and `npm start` need from the machine. .ci/run installs the Debian packages for CI;
// `npm start` installs what code-server needs itself where it can (Debian or Ubuntu, as root) and otherwise prints the
// one command to run (planPrerequisites); the e2e run only checks, so a developer without them gets a skip with the
// reason, and CI (CI=true) gets a failure instead of a silent skip.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { findOnPath, isCodeServerInstalled } from './install';
import { chromiumPath } from './workbench';

/** Debian packages the e2e run needs on a machine without the cached code-server (E2E notes, step 1). */
export const APT_PACKAGES = ['build-essential', 'python3', 'pkg-config', 'libkrb5-dev', 'libsecret-1-dev', 'libx11-dev',
  'libxkbfile-dev', 'chromium', 'ripgrep'];

/** What `npm start` needs to build code-server: the above without Chromium (you bring the browser). */
export const START_APT_PACKAGES = APT_PACKAGES.filter((name) => name !== 'chromium');

/** Returns what is missing (empty when the e2e run can go ahead). */
export function missingPrerequisites(): string[] {
  const missing: string[] = [];
  if (!existsSync(chromiumPath())) missing.push(`Chromium at ${chromiumPath()} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  if (isCodeServerInstalled()) return missing; // the native build tools are needed only to install code-server
  for (const tool of ['rg', 'make', 'g++', 'python3', 'pkg-config']) {
    if (!findOnPath(tool)) missing.push(`${tool} on PATH`);
  }
  if (findOnPath('pkg-config')) {
    for (const lib of ['libsecret-1', 'x11', 'xkbfile', 'krb5-gssapi']) {
      if (spawnSync('pkg-config', ['--exists', lib]).status !== 0) missing.push(`development files of ${lib} (pkg-config ${lib})`);
    }
  }
  return missing;
}

/** The machine as far as installing packages goes. */
export interface MachineFacts {
  /** Debian, Ubuntu or a derivative (apt-get and these package names apply). */
  debianLike: boolean;
  root: boolean;
  /** `sudo` is on the PATH (for the command printed to a non-root user). */
  sudo: boolean;
}

/** What `npm start` does about missing prerequisites. */
export type PrerequisitePlan =
  | { action: 'none' }
  | { action: 'install'; commands: string[][]; packages: string[] }
  | { action: 'ask'; command: string; missing: string[] };

/**
 * Decides how to get the missing prerequisites: nothing missing, nothing to do; on Debian or Ubuntu as root, install
 * the apt packages (apt-get update first: a fresh container has no package lists); otherwise the one command to run
 * (with sudo on Debian/Ubuntu, else the Debian names to translate for the machine's package manager).
 */
export function planPrerequisites(missing: string[], machine: MachineFacts, packages = START_APT_PACKAGES): PrerequisitePlan {
  if (missing.length === 0) return { action: 'none' };
  const install = ['apt-get', 'install', '-y', '--no-install-recommends', ...packages];
  if (machine.debianLike && machine.root) return { action: 'install', commands: [['apt-get', 'update'], install], packages };
  if (machine.debianLike) {
    const sudo = machine.sudo ? 'sudo ' : '';
    return { action: 'ask', command: `${sudo}apt-get update && ${sudo}${install.join(' ')}`, missing };
  }
  return { action: 'ask', command: `the equivalents of these Debian packages: ${packages.join(' ')}`, missing };
}

/** Reads the facts of this machine. */
export function machineFacts(): MachineFacts {
  let osRelease = '';
  try {
    osRelease = readFileSync('/etc/os-release', 'utf8');
  } catch {
    // not Linux, or an unusual one: treated as not Debian-like
  }
  const debianLike = process.platform === 'linux' && findOnPath('apt-get') !== undefined
    && /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(osRelease);
  return { debianLike, root: process.getuid?.() === 0, sudo: findOnPath('sudo') !== undefined };
}
