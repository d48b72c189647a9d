// `npm run test:vscode`: the in-host suites (test/e2e/suite) in desktop VS Code through @vscode/test-electron, where
// VS Code can be downloaded or VSCODE_EXECUTABLE_PATH names one. Where neither works (these CI machines: no route to
// the download host) it says why and exits 0: the code-server path (`npm run test:e2e`) stays the CI path.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { IN_HOST_SUITE, REPO_ROOT } from '../e2e/harness/paths';
import { removeScratchWorkspaces, scratchWorkspace } from '../e2e/harness/workspace';

/** The VS Code the extension is built against (engines.vscode ^1.100.0; code-server 4.100.3 bundles 1.100.3). */
const VERSION = '1.100.3';
const DOWNLOAD_IDLE_TIMEOUT_MS = 15_000;

async function executable(): Promise<{ path?: string; skip?: string }> {
  const given = process.env.VSCODE_EXECUTABLE_PATH;
  if (given) return existsSync(given) ? { path: given } : { skip: `VSCODE_EXECUTABLE_PATH=${given} does not exist` };
  try {
    return { path: await downloadAndUnzipVSCode({ version: VERSION, timeout: DOWNLOAD_IDLE_TIMEOUT_MS }) };
  } catch (error) {
    return { skip: `VS Code ${VERSION} could not be downloaded (${(error as Error).message.split('\n')[0]}) and VSCODE_EXECUTABLE_PATH is not set` };
  }
}

async function main(): Promise<number> {
  const found = await executable();
  if (!found.path) {
    console.log(`test:vscode: SKIPPED: ${found.skip}. Set VSCODE_EXECUTABLE_PATH to a desktop VS Code ${VERSION}+ to run the in-host suites there; npm run test:e2e runs them in code-server.`);
    return 0;
  }
  const build = spawnSync(process.execPath, ['build.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) return 1;
  const folder = scratchWorkspace();
  try {
    await runTests({
      vscodeExecutablePath: found.path,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: IN_HOST_SUITE,
      launchArgs: [folder, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    console.log('test:vscode: the in-host suites passed in desktop VS Code.');
    return 0;
  } catch (error) {
    console.error(`test:vscode: FAILED: ${(error as Error).message}`);
    return 1;
  } finally {
    removeScratchWorkspaces();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(`test:vscode: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
