/** Running a command and measuring it (wall time, CPU time, peak memory), and the statistics the tables print. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One run of a command. */
export interface RunMeasure {
  wallMs: number;
  /** User + system CPU time of the process and its children (undefined without /usr/bin/time). */
  cpuMs?: number;
  /** Peak resident set size in MB (undefined without /usr/bin/time). */
  peakMb?: number;
  exitCode: number;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';

/** Runs `command args` in `cwd`, stdout discarded; measures it with GNU time when present. */
export function measureCommand(command: string, args: string[], cwd: string): Promise<RunMeasure> {
  const useTime = existsSync(GNU_TIME);
  const dir = mkdtempSync(join(tmpdir(), 'runbooks-bench-time-'));
  const timeFile = join(dir, 'time.txt');
  const [file, argv] = useTime ? [GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < 64_000) stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      let cpuMs: number | undefined;
      let peakMb: number | undefined;
      if (useTime && existsSync(timeFile)) {
        const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
        const [kb, user, sys] = last.split(' ').map(Number);
        if (Number.isFinite(kb)) peakMb = kb / 1024;
        if (Number.isFinite(user) && Number.isFinite(sys)) cpuMs = (user + sys) * 1000;
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ wallMs, cpuMs, peakMb, exitCode: code ?? -1, stderr });
    });
  });
}

/** The median of the values (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The nearest-rank percentile (p in 0..100). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** A Markdown table. */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Medians of the defined values, or undefined when there are none. */
export function medianOf(values: (number | undefined)[]): number | undefined {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length > 0 ? median(defined) : undefined;
}

export function fixed(value: number | undefined, digits = 0): string {
  return value === undefined ? 'n/a' : value.toFixed(digits);
}
