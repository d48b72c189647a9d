/**
 * `lint --cache` driven for the lint commands (`lint`, `coverage`, `links`): the files whose inputs are unchanged take
 * their cached report and are never sent to a worker; the others are linted and stored. The cache itself (its file,
 * keys and seal) is cli/cache.ts, a leaf this module and the commands use.
 */
import type { Finding } from '../engine/types';
import type { LintProfile } from '../engine/analyze';
import { decodeRunbook, MAX_RUNBOOK_BYTES, readRegularFileSync } from '../engine/files';
import type { CacheStats, LintCache } from './cache';
import type { FileReport } from './lint-format';

/**
 * Whether every secret a fresh scan finds in the file is among the cached report's credential findings (a cache that
 * had them emptied, or a file changed without its hash changing, is caught here). A file that cannot be read now is
 * not vouched for: it is linted again, and its lint says why. Only for a cache this user did not seal (cli/cache-seal.ts).
 */
async function credentialsAllCached(report: FileReport, profile: LintProfile): Promise<boolean> {
  let decoded;
  try {
    decoded = decodeRunbook(readRegularFileSync(report.file, MAX_RUNBOOK_BYTES));
  } catch {
    return false;
  }
  if ('error' in decoded) return true; // a binary file is never scanned: its report says so
  // Loaded here, not at start-up: a run over a sealed, unchanged tree never needs the scanners.
  const [{ CREDENTIAL_RULE, checkCredentials }, { applyConfiguredSeverities }, { applySuppressions }] = await Promise.all([
    import('../engine/credentials/index'), import('../engine/config/index'), import('../engine/suppressions'),
  ]);
  const at = (r: Finding['range']) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
  const cached = new Set(report.findings.filter((f) => f.rule === CREDENTIAL_RULE).map((f) => at(f.range)));
  // As lint keeps them: suppression comments and the profile's severities (`credential: off`) apply.
  const found = applyConfiguredSeverities(applySuppressions(decoded.text, await checkCredentials(decoded.text, [])), profile.severities);
  return found.every((f) => cached.has(at(f.range)));
}

/**
 * Lints the jobs through the cache: the files whose inputs are unchanged take their cached report; the others are
 * linted by `lint` (the worker pool of cli/lint-pool.ts, recording their inputs) and stored. Reports come back in job order.
 */
export async function lintThroughCache<Job extends { file: string; profile: number }, Stats>(
  cache: LintCache, jobs: Job[], lint: (jobs: Job[]) => Promise<{ reports: FileReport[]; stats: Stats }>,
): Promise<{ reports: FileReport[]; stats: Stats; cache: CacheStats }> {
  const reports: (FileReport | undefined)[] = jobs.map((job) => cache.lookup(job.file, job.profile));
  if (!cache.sealed) {
    const verified = await Promise.all(reports.map((r, i) => (r ? credentialsAllCached(r, cache.profile(jobs[i].profile)) : true)));
    verified.forEach((ok, i) => {
      if (!ok) reports[i] = undefined;
    });
  }
  const misses = jobs.filter((_, i) => reports[i] === undefined);
  const fresh = await lint(misses);
  const byFile = new Map(fresh.reports.map((r, i) => [r.file, { report: r, profile: misses[i].profile }]));
  for (const { report, profile } of byFile.values()) cache.store(report, profile);
  return {
    reports: jobs.map((job, i) => reports[i] ?? (byFile.get(job.file) as { report: FileReport }).report),
    stats: fresh.stats,
    cache: { reused: jobs.length - misses.length, checked: misses.length },
  };
}
