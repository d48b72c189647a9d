// What a failing scenario's VS Code said: the tail of the extension's "Runbooks" output channel and the extension
// host's errors, read from the shared code-servers' log folders, so a failure in CI explains itself in CI's output.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeServer } from './codeServer';

/** Files under `dir` (recursively) whose name passes `keep`, newest first. */
function newestFiles(dir: string, keep: (name: string) => boolean): string[] {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return names
    .filter((name) => keep(name.split(/[\\/]/).pop() ?? name))
    .map((name) => join(dir, name))
    .flatMap((file) => {
      try {
        return [{ file, mtimeMs: statSync(file).mtimeMs }];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.mtimeMs - a.mtimeMs)
    .map((f) => f.file);
}

function tail(file: string, lines: number, keep: (line: string) => boolean = () => true): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '' && keep(line)).slice(-lines);
  } catch (error) {
    return [`(could not read ${file}: ${(error as Error).message})`];
  }
}

/** The last `count` error entries of a VS Code log, each with the lines of its message and stack that follow it. */
function errorLines(file: string, count: number): string[] {
  const entries: string[][] = [];
  let current: string[] | undefined;
  for (const line of tail(file, Number.MAX_SAFE_INTEGER)) {
    if (/^\d{4}-\d\d-\d\d /.test(line)) {
      current = /\[error\]/i.test(line) ? [line] : undefined;
      if (current) entries.push(current);
    } else if (current && current.length < 6) {
      current.push(line);
    }
  }
  return entries.slice(-count).flat();
}

/**
 * The last lines the most recent windows' extension hosts wrote: the Runbooks channel (activation, the server's
 * warnings, when the first diagnostics arrived) and the host's own errors. `windows` bounds how many windows' logs.
 */
export function recentExtensionLogs(servers: readonly CodeServer[], windows = 2): string[] {
  const out: string[] = [];
  for (const server of servers) {
    const logs = join(server.userDataDir, 'logs');
    for (const file of newestFiles(logs, (name) => /Runbooks\.log$/.test(name)).slice(0, windows)) {
      out.push(`${file.slice(logs.length + 1)} (last 25 lines):`, ...tail(file, 25).map((line) => `  ${line}`));
    }
    for (const file of newestFiles(logs, (name) => name === 'remoteexthost.log').slice(0, windows)) {
      const errors = errorLines(file, 10);
      if (errors.length > 0) out.push(`${file.slice(logs.length + 1)} (its last errors):`, ...errors.map((line) => `  ${line}`));
    }
  }
  return out;
}
