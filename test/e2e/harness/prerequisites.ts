// What the end-to-end run needs from the machine. .ci/run installs the Debian packages; this only checks, so a
// developer without them gets a skip with the reason, and CI (CI=true) gets a failure instead of a silent skip.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findOnPath, isCodeServerInstalled } from './install';
import { chromiumPath } from './workbench';

/** Debian packages the e2e run needs on a machine without the cached code-server (E2E notes, step 1). */
export const APT_PACKAGES = ['build-essential', 'python3', 'pkg-config', 'libkrb5-dev', 'libsecret-1-dev', 'libx11-dev',
  'libxkbfile-dev', 'chromium', 'ripgrep'];

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
