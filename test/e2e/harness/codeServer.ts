// Starts code-server (VS Code 1.100.3 served to a browser, extensions in a Node 20 extension host) on loopback with
// its own user data, so a test run never reads or writes the developer's VS Code state.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeServerBin } from './install';

export interface CodeServerOptions {
  /** Leave Workspace Trust on (folders open in Restricted Mode, no startup prompt). Default: trust disabled. */
  workspaceTrust?: boolean;
  /** Extra user settings merged over the quiet defaults. */
  settings?: Record<string, unknown>;
  /** Port to bind on 127.0.0.1; default: a free one. */
  port?: number;
  /** File that receives code-server's own log. */
  logFile?: string;
  /** .vsix files installed into this server's own extensions folder before it starts. */
  installExtensions?: string[];
  /** Folder given to code-server as its default workspace. */
  defaultFolder?: string;
}

export interface CodeServer {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  userDataDir: string;
  workspaceTrust: boolean;
  process: ChildProcess;
  /** Stops code-server and its children (the whole process group) and removes its temp folder. */
  stop(): Promise<void>;
}

/** Settings that keep the workbench quiet and deterministic: no welcome page, tips, telemetry or update checks. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'always',
};

/** Starts code-server from `installDir` on 127.0.0.1 and waits until it answers /healthz. */
export async function startCodeServer(installDir: string, options: CodeServerOptions = {}): Promise<CodeServer> {
  const port = options.port ?? await freePort();
  // Short path: code-server creates a unix socket inside the user data folder (108-byte limit).
  const root = mkdtempSync(join(tmpdir(), 'rbe2e-'));
  const userDataDir = join(root, 'u');
  const extensionsDir = join(root, 'e');
  for (const dir of [join(userDataDir, 'User'), extensionsDir, join(root, 'xdg', 'config'), join(root, 'xdg', 'data'), join(root, 'xdg', 'cache')]) {
    mkdirSync(dir, { recursive: true });
  }
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(root, 'xdg', 'config'),
    XDG_DATA_HOME: join(root, 'xdg', 'data'),
    XDG_CACHE_HOME: join(root, 'xdg', 'cache'),
    // Running the host under our test runner's env must not make the tested extension think it is being debugged.
    NODE_OPTIONS: '',
    VSCODE_IPC_HOOK_CLI: '',
  };
  for (const vsix of options.installExtensions ?? []) {
    const installed = spawnSync(process.execPath, [codeServerBin(installDir), '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 120_000 });
    if (installed.status !== 0) {
      rmSync(root, { recursive: true, force: true });
      throw new Error(`code-server --install-extension ${vsix} failed (exit ${installed.status}):\n${installed.stdout}\n${installed.stderr}`);
    }
  }
  const args = [codeServerBin(installDir), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override'];
  if (!options.workspaceTrust) args.push('--disable-workspace-trust');
  if (options.defaultFolder) args.push(options.defaultFolder);
  const child = spawn(process.execPath, args, {
    detached: true, // own process group: stop() kills code-server and the extension hosts it forked in one go
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  const output: string[] = [];
  const log = options.logFile ? createWriteStream(options.logFile) : undefined;
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      log?.write(chunk);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    killGroup(child, 'SIGTERM');
    const timedOut = await Promise.race([exited.then(() => false), delay(3000).then(() => true)]);
    if (timedOut) killGroup(child, 'SIGKILL');
    await delay(200); // children (extension hosts, pty host) leave the group a moment after the parent
    killGroup(child, 'SIGKILL');
    log?.end();
    rmSync(root, { recursive: true, force: true });
  };
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(origin, exited, () => output.join(''));
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, origin, userDataDir, workspaceTrust: !!options.workspaceTrust, process: child, stop };
}

/** The workbench URL that opens `folder` with the extension at `extensionPath` in development mode (null: installed extensions only). */
export function workbenchUrl(server: CodeServer, folder: string, extensionPath: string | null, extensionTestsPath?: string): string {
  const remote = (path: string): string => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload: [string, string][] = [];
  if (extensionPath) payload.push(['extensionDevelopmentPath', remote(extensionPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const query = payload.length > 0 ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '';
  return `${server.origin}/?folder=${encodeURIComponent(folder)}${query}`;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now (from `preferred` upwards, or any). */
export function freePort(preferred?: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (preferred !== undefined && error.code === 'EADDRINUSE' && preferred < 65535) resolve(freePort(preferred + 1));
      else reject(error);
    });
    server.listen(preferred ?? 0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(origin: string, exited: Promise<number | null>, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let exitCode: number | null | undefined;
  void exited.then((code) => { exitCode = code; });
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`code-server exited (code ${exitCode}) before it was ready:\n${output()}`);
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await delay(250);
  }
  throw new Error(`code-server did not answer ${origin}/healthz within 60 s:\n${output()}`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

/** Resolves after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
