// `npm start`: see the extension in VS Code on a scratch copy of samples/ (in the system's temp folder, printed), so
// trying it (autosave, quick fixes, new incidents) changes no tracked file. With `code` on PATH, desktop VS Code opens with the extension
// in development mode; otherwise the cached code-server (built on first use, with the Debian packages that build needs
// installed first when running as root on Debian or Ubuntu) serves it on 127.0.0.1. RUNBOOKS_START_SMOKE=1 stops once
// the workbench page loads (CI); RUNBOOKS_START_CODE_SERVER=1 uses code-server even with `code` on PATH.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startCodeServer, workbenchUrl } from './harness/codeServer';
import { ensureCodeServer, findOnPath, progressPrinter } from './harness/install';
import { REPO_ROOT, SAMPLES_DIR } from './harness/paths';
import { machineFacts, missingPrerequisites, planPrerequisites } from './harness/prerequisites';

async function main(): Promise<number> {
  const build = spawnSync(process.execPath, ['build.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) return 1;

  const scratch = join(mkdtempSync(join(tmpdir(), 'runbooks-start-')), 'samples');
  cpSync(SAMPLES_DIR, scratch, { recursive: true });
  writeFileSync(join(scratch, '.runbooks-scratch'), `A scratch copy of ${SAMPLES_DIR} made by npm start: safe to delete.\n`);
  console.log(`A scratch copy of samples/ to try things on: ${scratch}\n(the repository's samples/ stay untouched; delete the copy when done)`);

  const code = findOnPath('code');
  if (code && !process.env.RUNBOOKS_START_CODE_SERVER) {
    console.log(`Opening VS Code on ${scratch} with the extension from ${REPO_ROOT} (development mode).`);
    const desktop = spawnSync(code, [`--extensionDevelopmentPath=${REPO_ROOT}`, scratch], { stdio: 'inherit' });
    return desktop.status ?? 1;
  }

  // Chromium is not needed here (you bring the browser), only what building code-server needs.
  const missing = missingPrerequisites().filter((item) => !item.startsWith('Chromium'));
  const plan = planPrerequisites(missing, machineFacts());
  if (plan.action === 'ask') {
    console.error(`To build code-server this machine needs: ${plan.missing.join('; ')}.\nInstall them with:\n\n  ${plan.command}\n\nthen run npm start again.`);
    return 2;
  }
  if (plan.action === 'install') {
    console.log(`Installing what building code-server needs (Debian packages, as root): ${plan.packages.join(' ')}`);
    for (const command of plan.commands) {
      const apt = spawnSync(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
      if (apt.status !== 0) {
        console.error(`${command.join(' ')} failed (exit ${apt.status}).`);
        return 1;
      }
    }
  }
  const progress = progressPrinter();
  let installDir: string;
  try {
    installDir = await ensureCodeServer((line) => { progress.done(); console.log(line); }, progress.show);
  } finally {
    progress.done();
  }
  mkdirSync(join(REPO_ROOT, 'test-results'), { recursive: true });
  const port = await freePort(Number(process.env.PORT) || 8080);
  const server = await startCodeServer(installDir, { port, defaultFolder: scratch, logFile: join(REPO_ROOT, 'test-results', 'code-server-start.log') });
  const url = workbenchUrl(server, scratch, REPO_ROOT);
  console.log([
    '',
    `Runbooks in VS Code (code-server) on the scratch copy ${scratch}, the extension loaded from ${REPO_ROOT} in development mode.`,
    'code-server listens on 127.0.0.1 only; it runs with --auth none because nothing but this machine can reach it.',
    '',
    `Open: ${url}`,
    '',
    '(Opening the plain address without "payload" shows VS Code without the extension.) Ctrl+C stops it.',
  ].join('\n'));

  if (process.env.RUNBOOKS_START_SMOKE) {
    // CI's check of the README's first command: the workbench page loads, then stop instead of serving.
    const page = await fetch(url).catch((e: unknown) => ({ ok: false, status: String(e) }));
    console.log(`RUNBOOKS_START_SMOKE: GET the workbench: ${page.status}; stopping.`);
    await server.stop();
    return page.ok ? 0 : 1;
  }

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      console.log(`\n${signal}: stopping code-server...`);
      void server.stop().then(() => { console.log('stopped.'); resolve(0); });
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
    server.process.once('exit', (exitCode) => {
      if (stopping) return;
      console.error(`code-server exited by itself (code ${exitCode}); see test-results/code-server-start.log`);
      void server.stop().then(() => resolve(1));
    });
  });
}

main().then((exitCode) => process.exit(exitCode), (error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
