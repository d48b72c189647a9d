/** `runbooks lint`: the engine over files and folders, for CI, under the project config the editor reads too. */
import { realpathSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { formatBaseline, matchBaseline, MAX_BASELINE_BYTES, parseBaseline, type BaselineEntry } from '../engine/baseline';
import { findMarkdownFilesSync, isInside, MAX_RUNBOOK_BYTES, readNamedTextSync, readRegularFileSync } from '../engine/files';
import type { FileContext } from '../engine/config/index';
import { applyFixes } from '../engine/fixes';
import { CHECK_FAILED, parseIsoDate, todayUtc } from '../engine/index';
import { cacheFilePath, contentHash, openLintCache, saveLintCache } from './cache';
import type { CliIO } from './io';
import { formatJson, formatSarif, formatText, toJsonFindings, type FileReport } from './lint-format';
import { lintWithCoverage, runbookRoots, workspaceChecks } from './lint-workspace';
import { lintCachedFiles, lintJobs, parseJobs, verboseStats, type LintJob } from './lint-pool';
import { cliProject, profileOf, reportConfigProblems } from './project';
import { readHistory, timelineFiles } from './timelines';
import { phase, printPhases } from './timing';

const USAGE = 'usage: runbooks lint [--format text|json|sarif] [--schema FILE] [--today YYYY-MM-DD] [--review-interval DAYS] '
  + '[--stale-error-after DAYS] [--baseline FILE] [--write-baseline FILE] [--fix] [--timelines GLOB] [--jobs N] [--cache] [--cache-location PATH] [--verbose] <paths...>';

interface LintArgs {
  format: string;
  paths: string[];
  today: string;
  schema?: string;
  reviewIntervalDays?: number;
  staleErrorAfterDays?: number;
  baseline?: string;
  writeBaseline?: string;
  fix: boolean;
  /** Globs of incident timelines: what they say about each step (steps/failed-last-run). */
  timelines?: string;
  jobs?: number;
  /** Where the lint cache is, when there is one (`--cache`, `--cache-location`). */
  cache?: string;
  verbose: boolean;
}

/** Lints every runbook named or found; exit 0 (no error), 1 (an error finding), 2 (usage, config or I/O problem). */
export async function lintCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseLintArgs(argv, io);
  if (typeof args === 'number') return args;

  const project = cliProject({
    ...(args.schema ? { schema: resolve(io.cwd, args.schema) } : {}),
    ...(args.reviewIntervalDays !== undefined ? { reviewIntervalDays: args.reviewIntervalDays } : {}),
    ...(args.staleErrorAfterDays !== undefined ? { staleErrorAfterDays: args.staleErrorAfterDays } : {}),
  });
  phase('arguments');
  const found = await collectFiles(io, args.paths);
  if (typeof found === 'number') return found;
  phase('walk');
  const contexts = new Map<string, FileContext>();
  const selected: string[] = [];
  /** Markdown pages found but not linted (the config leaves them out): alert coverage still reads their facts. */
  const leftOut = new Map<string, string>();
  for (const { file, named } of found) {
    const context = project.forFile(file, io.cwd);
    contexts.set(file, context);
    const selection = project.select(file, context);
    // A file named on the command line is linted unless the config ignores it; a file found in a folder must also be
    // a runbook by the config's `files` (without a config file, every *.md found is checked, as always).
    const keep = selection.runbook || (selection.reason === 'not-matched' && (named || !context.config.file));
    if (keep) selected.push(file);
    else if (selection.reason === 'ignored' || selection.reason === 'not-matched') leftOut.set(file, selection.reason === 'ignored' ? 'not linted: the config ignores it' : 'not linted: the config\'s files do not select it');
    if (!keep && named && args.verbose) io.stderr.write(`runbooks lint: ${display(file, io.cwd)}: skipped (${selection.reason})\n`);
  }
  // Problems of every config file met, also one whose problems leave its files unselected: never ignored in silence.
  if (reportConfigProblems(io, 'runbooks lint', contexts.values())) return 2;
  const shown = (abs: string) => display(abs, io.cwd);
  // Alert coverage and step history, when the config names rule files and timelines: from the same analyses.
  const checks = workspaceChecks(io, project, shown);
  if (typeof checks === 'number') return checks;

  phase('config and selection');
  const { jobs, profiles } = lintJobs(selected, (file) => profileOf(contexts.get(file) as FileContext));

  let history;
  let drills;
  const configTimelines = args.timelines === undefined ? (checks.timelines ?? []).flatMap((p) => timelineFiles(checks.timelinesBase, p)) : [];
  if (args.timelines !== undefined || configTimelines.length > 0) {
    const timelines = args.timelines !== undefined ? timelineFiles(io.cwd, args.timelines) : configTimelines;
    if (timelines.length === 0) {
      io.stderr.write(`runbooks lint: --timelines ${args.timelines}: no timeline file found\n`);
      return 2;
    }
    try {
      ({ history, drills } = await readHistory(timelines));
    } catch (e) {
      io.stderr.write(`runbooks lint: ${args.timelines !== undefined ? '--timelines' : 'timelines'}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  const facts = checks.coverage ? { facts: true } : {};
  const poolOptions = { profiles, today: args.today, jobs: args.jobs, linkRoot: io.cwd, history, drills, session: io.session, ...facts };
  const cache = openLintCache(io, 'runbooks lint', args.cache, { cwd: io.cwd, today: args.today, profiles, history, drills, ...facts }, args.verbose, shown);
  if (cache) phase('cache read');
  const lintSome = (some: LintJob[]) => lintCachedFiles(some, poolOptions, cache);
  let { reports, stats } = await lintSome(jobs);
  phase(cache ? 'cache lookups and lint' : 'lint');
  if (args.fix) {
    const fixed = fixFiles(io, reports);
    if (fixed.length > 0) {
      // Report what is left after the fixes: the fixed files are checked again.
      const again = await lintSome(jobs.filter((j) => fixed.includes(j.file)));
      const byFile = new Map(again.reports.map((r) => [r.file, r]));
      reports = reports.map((r) => byFile.get(r.file) ?? r);
    }
  }
  if (args.verbose) verboseStats(io, 'runbooks lint', cache && shown(cache.path), jobs.length, stats);
  saveLintCache(io, 'runbooks lint', cache, shown);
  if (cache) phase('cache write');

  const workspace = lintWithCoverage(io, checks, found.map((f) => f.file), reports, leftOut, runbookRoots(io.cwd, args.paths, shown), shown);
  reports = workspace.runbooks;
  const problems = reports.filter((r) => r.error);
  for (const r of problems) io.stderr.write(`runbooks lint: ${display(r.file, io.cwd)}: ${r.error}\n`);
  const ruleFiles = new Set(workspace.ruleFiles.map((r) => r.file));
  let ok = [...reports.filter((r) => !r.error), ...workspace.ruleFiles];
  if (args.writeBaseline) writeBaselineFile(io, args.writeBaseline, ok);
  let baselined = 0;
  if (args.baseline) {
    const filtered = applyBaselineFile(io, args.baseline, ok);
    if (typeof filtered === 'number') return filtered;
    ({ reports: ok, baselined } = filtered);
  }
  const out = args.format === 'json' ? formatJson(ok, io.cwd) : args.format === 'sarif' ? formatSarif(ok, io.cwd)
    : withRuleFiles(formatText(ok.filter((r) => !ruleFiles.has(r.file)), io.cwd), ok.filter((r) => ruleFiles.has(r.file)), workspace.summary, io.cwd);
  io.stdout.write(out);
  phase('report');
  printPhases(io.stderr);
  if (baselined > 0 && args.format === 'text') io.stderr.write(`runbooks lint: ${baselined} finding${baselined === 1 ? '' : 's'} already in the baseline not shown\n`);
  // A file that could not be read, or a check that could not run, means the tree is not known to be clean.
  if (problems.length > 0 || (checks.coverage?.read.unreadable ?? false) || ok.some((r) => r.findings.some((f) => f.code === CHECK_FAILED))) return 2;
  return ok.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

function parseLintArgs(argv: string[], io: CliIO): LintArgs | number {
  let values;
  let paths: string[];
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        schema: { type: 'string' },
        today: { type: 'string' },
        'review-interval': { type: 'string' },
        'stale-error-after': { type: 'string' },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        fix: { type: 'boolean' },
        jobs: { type: 'string', short: 'j' },
        verbose: { type: 'boolean', short: 'v' },
        timelines: { type: 'string' },
        cache: { type: 'boolean' },
        'cache-location': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    values = parsed.values;
    paths = parsed.positionals;
  } catch (e) {
    return usage(io, (e as Error).message);
  }
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const format = values.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) return usage(io, `unknown format "${format}" (text, json or sarif)`);
  if (paths.length === 0) return usage(io, 'no paths given');
  const today = values.today ?? todayUtc();
  if (parseIsoDate(today) === undefined) return usage(io, `--today must be a real date written YYYY-MM-DD, not "${today}"`);
  const interval = values['review-interval'] === undefined ? undefined : Number(values['review-interval']);
  if (interval !== undefined && !(Number.isInteger(interval) && interval > 0)) return usage(io, '--review-interval must be a positive whole number of days');
  const errorAfter = values['stale-error-after'] === undefined ? undefined : Number(values['stale-error-after']);
  if (errorAfter !== undefined && !(Number.isInteger(errorAfter) && errorAfter >= 0)) return usage(io, '--stale-error-after must be a whole number of days (0 or more)');
  const jobs = parseJobs(values.jobs as string | undefined);
  if (typeof jobs === 'object') return usage(io, jobs.error);
  return {
    format, paths, today, schema: values.schema, reviewIntervalDays: interval, staleErrorAfterDays: errorAfter,
    baseline: values.baseline, writeBaseline: values['write-baseline'], fix: !!values.fix, timelines: values.timelines, jobs, verbose: !!values.verbose,
    // --cache-location alone means --cache too: a location that is then not used would be a silent surprise.
    ...(values.cache || values['cache-location'] !== undefined ? { cache: cacheFilePath(io.cwd, values['cache-location']) } : {}),
  };
}

/** The files named (and the *.md files under the folders named); exit code 2 after saying why a path is unusable. */
async function collectFiles(io: CliIO, paths: string[]): Promise<{ file: string; named: boolean }[] | number> {
  const files: { file: string; named: boolean }[] = [];
  for (const p of paths) {
    const abs = resolve(io.cwd, p);
    let isDir: boolean;
    try {
      isDir = (await stat(abs)).isDirectory();
    } catch (e) {
      io.stderr.write(`runbooks lint: ${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}\n`);
      return 2;
    }
    if (!isDir) files.push({ file: abs, named: true });
    else for (const f of findMarkdownFilesSync(abs)) files.push({ file: f, named: false });
  }
  return files;
}

/**
 * Applies every safe fix of every file (README: Fix all); returns the files it changed. The fixes' ranges belong to
 * the bytes that were linted: a file that changed since (an editor saved it meanwhile) is left alone and named. A file
 * reached through a symbolic link is written at the link's target only when that stays inside the current folder.
 */
export function fixFiles(io: CliIO, reports: FileReport[]): string[] {
  const changed: string[] = [];
  for (const report of reports) {
    const fixes = report.findings.flatMap((f) => (f.fix?.safe ? [f.fix] : []));
    if (fixes.length === 0) continue;
    const shown = display(report.file, io.cwd);
    try {
      const target = realpathSync(report.file);
      if (target !== resolve(report.file) && !isInside(realpathSync(io.cwd), target)) {
        io.stderr.write(`runbooks lint: ${shown}: not fixed: it is a symbolic link to ${target}, outside the current folder; nothing was written\n`);
        continue;
      }
      const bytes = readRegularFileSync(target, MAX_RUNBOOK_BYTES);
      if (report.content === undefined || contentHash(bytes) !== report.content) {
        io.stderr.write(`runbooks lint: ${shown}: not fixed: it changed after it was checked; run runbooks lint --fix again\n`);
        continue;
      }
      const text = bytes.toString('utf8');
      const result = applyFixes(text, fixes);
      if (result.text === text) continue;
      writeFileSync(target, result.text);
      changed.push(report.file);
      io.stderr.write(`runbooks lint: ${shown}: applied ${result.applied.length} fix${result.applied.length === 1 ? '' : 'es'} (${result.applied.map((f) => f.title).join('; ')})\n`);
    } catch (e) {
      io.stderr.write(`runbooks lint: ${shown}: could not apply fixes: ${(e as Error).message}\n`);
    }
  }
  return changed;
}

/** The text format with the rule files' coverage findings before the runbooks' summary line, and coverage's summary after. */
function withRuleFiles(text: string, ruleFiles: FileReport[], summary: string[], cwd: string): string {
  if (summary.length === 0) return text;
  const lines = text.trimEnd().split('\n');
  const last = lines.pop() ?? '';
  const ruleLines = toJsonFindings(ruleFiles, cwd).map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.code} ${f.message}`);
  return `${[...lines, ...ruleLines, last, ...summary].join('\n')}\n`;
}

function writeBaselineFile(io: CliIO, file: string, reports: FileReport[]): void {
  const entries: BaselineEntry[] = reports.flatMap((r) => r.findings.map((f, i) => ({
    fingerprint: r.fingerprints?.[i] ?? '',
    code: f.code,
    where: `${display(r.file, io.cwd)}:${f.range.start.line + 1}`,
    message: f.message,
  })));
  writeFileSync(resolve(io.cwd, file), formatBaseline(entries));
  io.stderr.write(`runbooks lint: wrote ${entries.length} finding${entries.length === 1 ? '' : 's'} to the baseline ${file}\n`);
}

/** The reports without the findings the baseline holds; exit code 2 when the baseline cannot be read. */
function applyBaselineFile(io: CliIO, file: string, reports: FileReport[]): { reports: FileReport[]; baselined: number } | number {
  let baseline: Map<string, number>;
  try {
    baseline = parseBaseline(readNamedTextSync(resolve(io.cwd, file), { root: io.cwd, maxBytes: MAX_BASELINE_BYTES }));
  } catch (e) {
    io.stderr.write(`runbooks lint: cannot read the baseline ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  const all = reports.flatMap((r) => r.findings.map((f, i) => ({ r, f, fp: r.fingerprints?.[i] ?? '' })));
  const { known, fresh } = matchBaseline(all, (x) => x.fp, baseline);
  const keep = new Set(fresh.map((x) => x.f));
  return {
    reports: reports.map((r) => {
      const findings = r.findings.filter((f) => keep.has(f));
      return { ...r, findings, stale: findings.some((f) => f.rule === 'stale') };
    }),
    baselined: known.length,
  };
}

function display(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return (rel.startsWith('..') ? file : rel).split(sep).join('/');
}

function usage(io: CliIO, reason: string): number {
  io.stderr.write(`runbooks lint: ${reason}\n${USAGE}\n`);
  return 2;
}
