/**
 * `runbooks lint --cache`, first run against second: each round deletes the cache, runs once (cold: every file checked
 * and the cache written), then again over the unchanged tree (warm: no file checked), and once without `--cache` for
 * what the cache costs a cold run. The cache file lives in a temporary folder, never in the corpus.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fixed, markdownTable, measureCommand, median, type RunMeasure } from './measure';
import type { FileSet } from './throughput';

const RUNBOOKS = process.env.BENCH_RUNBOOKS_BIN ?? join(resolve(__dirname, '..'), 'bin', 'runbooks.js');

export interface CacheResult {
  set: FileSet;
  /** Median wall ms of `runbooks lint` without --cache, with --cache and no cache file, with the cache warm. */
  plainMs: number;
  coldMs: number;
  warmMs: number;
  /** Median peak RSS of the warm run. */
  warmPeakMb?: number;
  cacheBytes: number;
  runs: number;
}

/** Measures `rounds` cold/warm pairs on the set; every warm run must say it checked no file (else the figure lies). */
export async function cacheBench(set: FileSet, rounds: number, log: (line: string) => void): Promise<CacheResult> {
  const dir = mkdtempSync(join(tmpdir(), 'runbooks-bench-cache-'));
  const cache = join(dir, 'lint-cache.json');
  const lint = (extra: string[]) => measureCommand(process.execPath, [RUNBOOKS, 'lint', '--today', '2026-11-26', ...extra, set.dir], set.dir);
  const plain: number[] = [];
  const cold: number[] = [];
  const warm: RunMeasure[] = [];
  let cacheBytes = 0;
  try {
    for (let round = 0; round < rounds; round++) {
      rmSync(cache, { force: true });
      const c = checked(set, await lint(['--cache-location', cache, '--verbose']), set.files);
      cacheBytes = statSync(cache).size;
      const w = checked(set, await lint(['--cache-location', cache, '--verbose']), 0);
      const p = await lint([]);
      if (p.exitCode !== 0 && p.exitCode !== 1) throw new Error(`runbooks lint on ${set.name} exited ${p.exitCode}: ${p.stderr.slice(0, 2000)}`);
      cold.push(c.wallMs);
      warm.push(w);
      plain.push(p.wallMs);
      log(`  ${set.name} round ${round + 1}/${rounds}: --cache cold ${fixed(c.wallMs)} ms, warm ${fixed(w.wallMs)} ms, no --cache ${fixed(p.wallMs)} ms`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const peaks = warm.map((m) => m.peakMb).filter((m): m is number => m !== undefined);
  return {
    set, plainMs: median(plain), coldMs: median(cold), warmMs: median(warm.map((m) => m.wallMs)),
    ...(peaks.length > 0 ? { warmPeakMb: median(peaks) } : {}), cacheBytes, runs: rounds,
  };
}

/** The run linted (exit 0 or 1) and checked `expected` files, as its `--verbose` line says. */
function checked(set: FileSet, m: RunMeasure, expected: number): RunMeasure {
  if (m.exitCode !== 0 && m.exitCode !== 1) throw new Error(`runbooks lint --cache on ${set.name} exited ${m.exitCode}: ${m.stderr.slice(0, 2000)}`);
  const said = /: (\d+) files unchanged, (\d+) checked/.exec(m.stderr);
  if (!said || Number(said[2]) !== expected) throw new Error(`runbooks lint --cache on ${set.name}: expected ${expected} files checked, stderr says ${said?.[0] ?? m.stderr.slice(0, 500)}`);
  return m;
}

export function cacheTable(results: CacheResult[]): string {
  return markdownTable(
    ['set', 'no --cache s', '--cache, first run s', '--cache, unchanged tree s', 'first / unchanged', 'target', 'cache file', 'unchanged run peak RSS MB'],
    results.map((r) => [
      `${r.set.name} (${r.set.files} files)`,
      (r.plainMs / 1000).toFixed(2),
      (r.coldMs / 1000).toFixed(2),
      (r.warmMs / 1000).toFixed(2),
      `${(r.coldMs / r.warmMs).toFixed(1)}x`,
      `>= 10x (${r.coldMs / r.warmMs >= 10 ? 'met' : 'missed'})`,
      `${(r.cacheBytes / 1e6).toFixed(1)} MB`,
      fixed(r.warmPeakMb),
    ]),
  );
}
