/**
 * `runbooks incident follow <timeline>`: prints the incident's events, then each new one as it arrives, whoever wrote
 * it: this machine, another process, or (when the config shares timelines) another responder through git. Each event
 * is printed once, in the reference's format, until Ctrl+C or the signal.
 */
import { promises as fs } from 'node:fs';
import { incidentLine } from '../engine/incident/describe';
import { sortByTime } from '../engine/incident/time';
import { eventIdentity } from '../engine/timeline/read';
import type { GitTimelineShare } from '../engine/timeline/share/sync';
import { readTimelineFile } from '../engine/timeline/store';
import type { CliIO } from './io';

export interface FollowOptions {
  share?: GitTimelineShare;
  /** How often to sync with the remote. */
  intervalMs: number;
  /** How often to look at the file (default 300 ms). */
  pollMs?: number;
  /** Stops following (tests); without it, SIGINT and SIGTERM do. */
  signal?: AbortSignal;
}

/** Follows until stopped; exit 0, 2 when the file cannot be read at the start. */
export async function followTimeline(file: string, io: CliIO, options: FollowOptions): Promise<number> {
  const printed = new Set<string>();
  let seen = '';
  const print = async (): Promise<void> => {
    const stats = await fs.stat(file).catch(() => undefined);
    const version = stats ? `${stats.size}:${stats.mtimeMs}` : '';
    if (version === seen) return;
    seen = version;
    const read = await readTimelineFile(file);
    for (const event of sortByTime(read.events.filter((candidate) => !printed.has(eventIdentity(candidate))))) {
      printed.add(eventIdentity(event));
      io.stdout.write(`${incidentLine(event)}\n`);
    }
  };
  if (!(await fs.stat(file).catch(() => undefined))) io.stderr.write(`runbooks incident follow: ${file} does not exist yet; waiting for it\n`);
  try {
    await print();
  } catch (error) {
    io.stderr.write(`runbooks incident follow: cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  options.signal?.addEventListener('abort', stop);
  if (!options.signal) {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
  let lastError: string | undefined;
  const sync = async (): Promise<void> => {
    const status = await options.share?.sync();
    if (status?.error && status.error !== lastError) io.stderr.write(`runbooks incident follow: not synced (${status.error}); ${status.unshared} event(s) not shared yet\n`);
    if (!status?.error && lastError) io.stderr.write('runbooks incident follow: synced again\n');
    lastError = status?.error;
  };
  const timers = [
    setInterval(() => void print().catch(() => undefined), options.pollMs ?? 300),
    ...(options.share ? [setInterval(() => void sync(), options.intervalMs)] : []),
  ];
  if (options.share) void sync();
  await new Promise<void>((resolve) => {
    if (controller.signal.aborted) resolve();
    controller.signal.addEventListener('abort', () => resolve());
  });
  for (const timer of timers) clearInterval(timer);
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  await print().catch(() => undefined);
  return 0;
}
