// Installs code-server (VS Code in a browser, with a Node extension host) from the npm registry into a cache folder
// keyed on its version, so the 300 MB of native builds happen once per machine. See shared E2E notes: these machines
// reach only the npm registry and Debian's packages, so the one download code-server's dependencies make outside npm
// (ripgrep's binary) is served from a cache we fill with Debian's `rg`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, chmodSync } from 'node:fs';
import { homedir, arch } from 'node:os';
import { dirname, join } from 'node:path';

/** code-server release whose bundled VS Code (1.100.3) matches `engines.vscode` and `@types/vscode`. */
export const CODE_SERVER_VERSION = '4.100.3';
/** @vscode/ripgrep version and ripgrep release tag that code-server 4.100.3's VS Code depends on. */
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_TAG = 'v13.0.0-10';
const COMPLETE_MARKER = '.runbooks-e2e-complete';

/** The folder code-server is (or will be) installed in. */
export function codeServerCacheDir(): string {
  const cacheHome = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheHome, 'runbooks-e2e', `code-server-${CODE_SERVER_VERSION}`);
}

/** Path of the code-server launcher inside an installation folder. */
export function codeServerBin(dir = codeServerCacheDir()): string {
  return join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** True when a previous install finished (the marker is written last). */
export function isCodeServerInstalled(dir = codeServerCacheDir()): boolean {
  return existsSync(join(dir, COMPLETE_MARKER)) && existsSync(codeServerBin(dir));
}

/**
 * Installs code-server into the cache folder unless a complete install is already there; returns the folder. The
 * build takes minutes (native modules): `progress` hears, every few seconds, a line with the elapsed time and the step
 * npm is on.
 */
export async function ensureCodeServer(log: (line: string) => void = console.log, progress?: (line: string) => void): Promise<string> {
  const dir = codeServerCacheDir();
  if (isCodeServerInstalled(dir)) return dir;
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true }); // a half-finished install from an interrupted run
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'runbooks-e2e-code-server', private: true }, null, 2));
  const tmp = mkdtempSync(join(dir, '..', 'tmp-'));
  try {
    prefillRipgrepCache(tmp);
    log(`installing code-server@${CODE_SERVER_VERSION} into ${dir}: once per machine (kept for later runs), 2-6 minutes of native builds`);
    const started = Date.now();
    let step = 'downloading packages';
    const output: string[] = [];
    const child = spawn('npm', ['install', '--unsafe-perm', '--foreground-scripts', '--no-audit', '--no-fund',
      '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      // yes=true: the machine's npmrc says yes=false, which cancels node-pty's `npx node-gyp` step.
      env: { ...process.env, TMPDIR: tmp, npm_config_yes: 'true', npm_config_unsafe_perm: 'true', ...localNodeHeaders() },
    });
    const onLines = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        output.push(line);
        if (output.length > 200) output.shift();
        step = stepOf(line) ?? step;
      }
    };
    child.stdout.on('data', onLines);
    child.stderr.on('data', onLines);
    const timer = progress ? setInterval(() => progress(progressLine(Date.now() - started, step)), 1000) : undefined;
    const status = await new Promise<number | null>((resolve) => {
      child.once('error', () => resolve(null));
      child.once('close', (code) => resolve(code));
    }).finally(() => clearInterval(timer));
    if (status !== 0 || !existsSync(codeServerBin(dir))) {
      throw new Error(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${status}):\n${output.slice(-40).join('\n')}`);
    }
    writeFileSync(join(dir, COMPLETE_MARKER), `${CODE_SERVER_VERSION}\n`);
    log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
    return dir;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * node-gyp builds against the running node's headers, which it downloads from nodejs.org unless told where they are:
 * these machines reach only the npm registry, so a fresh home (no ~/.cache/node-gyp) failed on argon2. Node packages
 * that ship them (NodeSource's, the official tarballs) have them beside the binary: `<prefix>/include/node`.
 */
export function localNodeHeaders(execPath = process.execPath): { npm_config_nodedir?: string } {
  if (process.env.npm_config_nodedir) return {};
  const prefix = dirname(dirname(execPath));
  return existsSync(join(prefix, 'include', 'node', 'common.gypi')) && existsSync(join(prefix, 'include', 'node', 'node_api.h'))
    ? { npm_config_nodedir: prefix } : {};
}

/** The install step an npm output line starts (`> node-pty@1.1.0 install` with --foreground-scripts), if any. */
export function stepOf(line: string): string | undefined {
  const script = /^> (\S+@\S+) (preinstall|install|postinstall|prepare)\b/.exec(line.trim());
  return script ? `${script[1]} ${script[2]}` : undefined;
}

/** "code-server build: 2 min 05 s · node-pty@1.1.0 install". */
export function progressLine(elapsedMs: number, step: string): string {
  const seconds = Math.floor(elapsedMs / 1000);
  const elapsed = seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `code-server build: ${elapsed} · ${step}`;
}

/** Puts a tarball of Debian's `rg` where @vscode/ripgrep's postinstall looks before it tries to download one. */
function prefillRipgrepCache(tmp: string): void {
  const rg = findOnPath('rg');
  if (!rg) throw new Error('ripgrep (rg) is not on PATH: apt-get install -y ripgrep');
  const target = arch() === 'arm64' ? 'aarch64-unknown-linux-musl' : 'x86_64-unknown-linux-musl';
  const cache = join(tmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  mkdirSync(cache, { recursive: true });
  const staging = join(tmp, 'rg-staging');
  mkdirSync(staging);
  copyFileSync(rg, join(staging, 'rg'));
  chmodSync(join(staging, 'rg'), 0o755);
  const tarball = join(cache, `ripgrep-${RIPGREP_TAG}-${target}.tar.gz`);
  const tar = spawnSync('tar', ['-czf', tarball, '-C', staging, 'rg'], { encoding: 'utf8' });
  if (tar.status !== 0) throw new Error(`could not make the ripgrep cache tarball: ${tar.stderr}`);
}

/** Absolute path of an executable on PATH, or undefined. */
export function findOnPath(name: string): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(':')) {
    if (folder && existsSync(join(folder, name))) return join(folder, name);
  }
  return undefined;
}

/** Version recorded by a complete install, for messages. */
export function installedVersion(dir = codeServerCacheDir()): string | undefined {
  const marker = join(dir, COMPLETE_MARKER);
  return existsSync(marker) ? readFileSync(marker, 'utf8').trim() : undefined;
}

/**
 * Shows progress lines: on a terminal, one line rewritten in place; in a log (CI), a line every `everyMs` at most.
 * Call `done()` before printing anything else after it.
 */
export function progressPrinter(stream: NodeJS.WriteStream = process.stdout, everyMs = 15_000): { show: (line: string) => void; done: () => void } {
  let last = 0;
  let drawn = false;
  return {
    show: (line) => {
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${line}`);
        drawn = true;
      } else if (Date.now() - last >= everyMs) {
        last = Date.now();
        stream.write(`${line}\n`);
      }
    },
    done: () => {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
