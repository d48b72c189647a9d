/**
 * The lock that makes a timeline's appends one at a time across processes on this machine, held by a listening socket:
 * the kernel closes it when its process dies, however it dies, so a crashed writer cannot leave it held and nothing
 * has to time out. Linux uses the abstract socket namespace and Windows a named pipe (neither leaves a file behind);
 * elsewhere (macOS) a socket file in the temp folder is used, and one left by a dead process is seen to refuse
 * connections and replaced.
 *
 * Why not a lock file: `O_EXCL` lock files and mkdir locks (proper-lockfile) outlive a SIGKILLed holder and can only
 * be declared stale after a timeout, a window in which every writer is refused or a live holder is overrun.
 */
import { createHash } from 'node:crypto';
import { realpathSync, unlinkSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** How long a writer waits for another before giving up; holders keep the lock for one write and fsync. */
const DEFAULT_WAIT_MS = 10_000;

/** Thrown when another writer held the lock for longer than the wait; nothing was written. */
export class TimelineLockTimeoutError extends Error {
  constructor(readonly file: string, waitedMs: number) {
    super(`another process has been appending to ${file} for ${Math.round(waitedMs / 1000)} s (its lock is still held); nothing was written`);
    this.name = 'TimelineLockTimeoutError';
  }
}

/** The socket address that stands for `file`: the same for every path that names the same file in the same folder. */
export function lockAddress(file: string, platform: NodeJS.Platform = process.platform): string {
  const absolute = path.resolve(file);
  let folder = path.dirname(absolute);
  try {
    folder = realpathSync.native(folder);
  } catch {
    // the folder does not exist yet: its creator takes the lock under the name it will have
  }
  const key = path.join(folder, path.basename(absolute));
  const hash = createHash('sha256').update(platform === 'win32' ? key.toLowerCase() : key).digest('hex').slice(0, 32);
  if (platform === 'linux') return `\0runbooks-timeline-${hash}`;
  if (platform === 'win32') return `\\\\.\\pipe\\runbooks-timeline-${hash}`;
  // sun_path is 104 bytes on macOS: a short name in the temp folder.
  return path.join(os.tmpdir(), `runbooks-${hash}.sock`);
}

/** Runs `work` while holding the append lock of `file`; the lock is released when `work` settles. */
export async function withTimelineLock<T>(file: string, work: () => Promise<T>, waitMs = DEFAULT_WAIT_MS): Promise<T> {
  const address = lockAddress(file);
  const server = await acquire(file, address, waitMs);
  try {
    return await work();
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function acquire(file: string, address: string, waitMs: number): Promise<net.Server> {
  const started = Date.now();
  let pause = 1;
  for (;;) {
    const outcome = await tryListen(address);
    if (outcome !== 'busy') return outcome;
    if (usesSocketFile(address) && (await isStale(address))) {
      try {
        unlinkSync(address);
      } catch {
        // another waiter removed it first
      }
      continue;
    }
    if (Date.now() - started >= waitMs) throw new TimelineLockTimeoutError(file, Date.now() - started);
    // Jittered backoff: holders keep the lock for about one fsync.
    await new Promise((resolve) => setTimeout(resolve, pause + Math.random() * pause));
    pause = Math.min(pause * 2, 25);
  }
}

function tryListen(address: string): Promise<net.Server | 'busy'> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => socket.destroy());
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve('busy');
      else reject(error);
    });
    server.listen({ path: address, exclusive: true }, () => {
      // A held lock must not keep a process alive that has nothing else to do.
      server.unref();
      resolve(server);
    });
  });
}

function usesSocketFile(address: string): boolean {
  return !address.startsWith('\0') && !address.startsWith('\\\\.\\pipe\\');
}

/** A socket file nobody listens on any more: its process died without closing it. */
function isStale(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(address);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}
