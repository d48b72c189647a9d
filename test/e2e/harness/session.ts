// One code-server per kind (trust off / trust on) and one Chromium for the whole e2e run, started on first use and
// shared by every scenario file, because each start costs seconds. The runner (test/e2e/run.ts) closes them at the end.
import type { Browser } from 'playwright-core';
import { startCodeServer, type CodeServer } from './codeServer';
import { codeServerCacheDir } from './install';
import { launchBrowser } from './workbench';
import { join } from 'node:path';
import { RESULTS_DIR } from './paths';
import { mkdirSync } from 'node:fs';

const servers = new Map<string, Promise<CodeServer>>();
const started: CodeServer[] = [];
let browser: Promise<Browser> | undefined;

/** The shared code-server; `workspaceTrust: true` gives one where folders open untrusted (Restricted Mode). */
export function sharedCodeServer(options: { workspaceTrust?: boolean } = {}): Promise<CodeServer> {
  const key = options.workspaceTrust ? 'trust-on' : 'trust-off';
  let server = servers.get(key);
  if (!server) {
    mkdirSync(join(RESULTS_DIR, 'logs'), { recursive: true });
    server = startCodeServer(codeServerCacheDir(), {
      workspaceTrust: options.workspaceTrust,
      logFile: join(RESULTS_DIR, 'logs', `code-server-${key}.log`),
    }).then((s) => { started.push(s); return s; });
    servers.set(key, server);
  }
  return server;
}

/** The shared code-servers started so far (their logs explain a failure). */
export function startedServers(): readonly CodeServer[] {
  return started;
}

/** The shared headless Chromium. */
export function sharedBrowser(): Promise<Browser> {
  browser ??= launchBrowser();
  return browser;
}

/** Closes the shared browser and stops the shared code-servers. */
export async function closeSharedSession(): Promise<void> {
  const pendingBrowser = browser;
  browser = undefined;
  servers.clear();
  if (pendingBrowser) await (await pendingBrowser).close().catch(() => undefined);
  await Promise.all(started.splice(0).map((server) => server.stop()));
}

// If the runner dies before closeSharedSession, still take the code-server process groups down with it.
process.on('exit', () => {
  for (const server of started) {
    if (server.process.pid !== undefined) {
      try { process.kill(-server.process.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
  }
});
