// `npm run test:e2e`: the extension in a real VS Code. Checks the machine, installs code-server once into a cache,
// builds, then runs every test/e2e/**/*.ui.test.ts with mocha in this process, so they share one code-server (per
// Workspace Trust mode) and one Chromium. Arguments after `--` go to mocha's grep: `npm run test:e2e -- Problems`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import Mocha from 'mocha';
import { ensureCodeServer, progressPrinter } from './harness/install';
import { hostSuiteTotals } from './harness/hostSuite';
import { REPO_ROOT } from './harness/paths';
import { APT_PACKAGES, missingPrerequisites } from './harness/prerequisites';
import { recentExtensionLogs } from './harness/logs';
import { closeSharedSession, startedServers } from './harness/session';
import { removeScratchWorkspaces } from './harness/workspace';

const inCI = process.env.CI === 'true';

async function main(): Promise<number> {
  const started = Date.now();
  const missing = missingPrerequisites();
  if (missing.length > 0) {
    const what = `missing: ${missing.join('; ')}. Install with: apt-get install -y ${APT_PACKAGES.join(' ')}`;
    if (inCI) {
      console.error(`e2e: FAILED before running: ${what}`);
      return 1;
    }
    console.log(`e2e: SKIPPED all end-to-end tests (${what})`);
    return 0;
  }
  const progress = progressPrinter();
  try {
    await ensureCodeServer((line) => { progress.done(); console.log(`e2e: ${line}`); }, (line) => progress.show(`e2e: ${line}`));
  } finally {
    progress.done();
  }
  const build = spawnSync(process.execPath, ['build.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) return 1;

  const mocha = new Mocha({ timeout: 180_000, reporter: 'spec', color: process.stdout.isTTY });
  const grep = process.argv.slice(2).filter((arg) => arg !== '--').join(' ').trim();
  if (grep) mocha.grep(new RegExp(grep, 'i'));
  for (const file of scenarioFiles(join(REPO_ROOT, 'test', 'e2e'))) mocha.addFile(file);
  console.log(`e2e: ${mocha.files.length} scenario file(s): ${mocha.files.map((f) => relative(REPO_ROOT, f)).join(', ')}`);
  await mocha.loadFilesAsync();
  const retried: string[] = [];
  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats ?? { passes: 0, failures: 1, pending: 0 } as Mocha.Stats));
    // A failure says what VS Code said; a retried scenario (the self-contained ones may take one more attempt on a
    // loaded machine) is named with its first failure, here and in the totals, never passed over in silence.
    const explain = (what: string, test: Mocha.Runnable, error: unknown): void => {
      const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      console.log(`e2e: ${what} "${test.fullTitle()}": ${message}`);
      for (const line of recentExtensionLogs(startedServers())) console.log(`e2e:   | ${line}`);
    };
    runner.on(Mocha.Runner.constants.EVENT_TEST_RETRY, (test: Mocha.Test, error: unknown) => {
      retried.push(test.fullTitle());
      explain('RETRYING once', test, error);
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test: Mocha.Runnable, error: unknown) => explain('FAILED', test, error));
  });
  await closeSharedSession();
  removeScratchWorkspaces();
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`e2e: ${stats.passes} scenario(s) passed, ${stats.failures} failed, ${stats.pending} skipped; in the extension host `
    + `${hostSuiteTotals.passing} passing, ${hostSuiteTotals.failing} failing, ${hostSuiteTotals.pending} pending; ${seconds} s`);
  if (retried.length > 0) console.log(`e2e: ${retried.length} scenario(s) took a second attempt: ${retried.map((t) => `"${t}"`).join(', ')}`);
  const passed = stats.passes + hostSuiteTotals.passing;
  const failed = stats.failures + hostSuiteTotals.failing;
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return stats.failures > 0 || stats.passes === 0 ? 1 : 0;
}

/** Every *.ui.test.ts under `folder`, sorted so the order is stable. */
function scenarioFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ui.test.ts'))
    .map((file) => join(folder, file))
    .sort();
}

main().then((code) => {
  process.exitCode = code;
  // A scenario that leaked a handle must not keep CI waiting; the timer itself does not hold the process open.
  setTimeout(() => process.exit(code), 5000).unref();
}, async (error: unknown) => {
  console.error(`e2e: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  await closeSharedSession().catch(() => undefined);
  process.exitCode = 1;
});
