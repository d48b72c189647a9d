/**
 * Where the runbook a timeline event names is: a timeline is data from anyone (another window, a `git pull`, a file
 * written by hand), so its `runbook` path is resolved inside the workspace folders or refused, and nothing outside
 * them is ever opened: no `../../../etc/passwd`, no `/dev/zero`, no `\\server\share` (which would reach the network
 * on Windows), no symbolic link out of the workspace, no FIFO or device, nothing over the runbook size cap.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describeFileType, MAX_RUNBOOK_BYTES } from '../files';

export type RunbookLocation = { ok: true; file: string } | { ok: false; reason: string };

/**
 * Resolves an event's `runbook` (workspace-relative, '/'-separated, as the runner records it) in the first of
 * `folders` that has it. Refused without touching the file system: an empty path, a NUL, an absolute, UNC or drive
 * path, a path that climbs out with `..`. Then the real path (links resolved) must stay inside the folder and be a
 * regular file of at most MAX_RUNBOOK_BYTES. Only metadata is looked at; the file is not read.
 */
export async function resolveRecordedRunbook(runbook: string, folders: readonly string[]): Promise<RunbookLocation> {
  const lexical = relativeInside(runbook);
  if (typeof lexical !== 'string') return lexical;
  if (folders.length === 0) return { ok: false, reason: `no workspace folder is open to look for ${runbook} in` };
  for (const folder of folders) {
    const located = await locateIn(folder, lexical);
    if (located === undefined) continue;
    return located;
  }
  return { ok: false, reason: `${runbook} is not in ${folders.length === 1 ? 'the workspace folder' : 'any workspace folder'}` };
}

/** The path as a normalized relative path that stays inside any folder, or the refusal. */
function relativeInside(runbook: string): string | { ok: false; reason: string } {
  const refuse = (why: string): { ok: false; reason: string } => ({ ok: false, reason: `the timeline names runbook "${printable(runbook)}", ${why}; it was not opened` });
  if (runbook.trim() === '') return refuse('an empty path');
  if (runbook.includes('\0')) return refuse('a path with a NUL character');
  const slashed = runbook.replace(/\\/g, '/');
  // Absolute on any platform: /x, //server/share, \\server\share, C:\x, C: (drive-relative), \\?\ device paths.
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed) || path.isAbsolute(runbook) || path.win32.isAbsolute(runbook)) {
    return refuse('an absolute path outside the workspace');
  }
  const normalized = path.posix.normalize(slashed);
  if (normalized === '..' || normalized.startsWith('../')) return refuse('a path that leaves the workspace');
  if (normalized === '.' || normalized.endsWith('/')) return refuse('a folder, not a file');
  return normalized;
}

/** The runbook inside `folder`, a refusal, or undefined when `folder` has no such path. */
async function locateIn(folder: string, relative: string): Promise<RunbookLocation | undefined> {
  let root: string;
  let real: string;
  try {
    root = await fs.realpath(folder);
    real = await fs.realpath(path.join(root, ...relative.split('/')));
  } catch {
    return undefined;
  }
  const inside = path.relative(root, real);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
    return { ok: false, reason: `runbook ${relative} is a link to ${real}, outside the workspace folder; it was not opened` };
  }
  const stats = await fs.stat(real).catch(() => undefined);
  if (!stats) return undefined;
  if (!stats.isFile()) return { ok: false, reason: `runbook ${relative} is ${describeFileType(stats)}, not a file; it was not opened` };
  if (stats.size > MAX_RUNBOOK_BYTES) {
    return { ok: false, reason: `runbook ${relative} is ${(stats.size / 1048576).toFixed(1)} MB, more than a runbook can be (${MAX_RUNBOOK_BYTES / 1048576} MB); it was not opened` };
  }
  return { ok: true, file: real };
}

/** The path as shown in a message: control characters escaped, at most 200 characters. */
function printable(text: string): string {
  const shown = JSON.stringify(text).slice(1, -1);
  return shown.length > 200 ? `${shown.slice(0, 197)}...` : shown;
}
