/**
 * `runbooks lint` with the workspace checks: when the project config names alert rules (`alerts.rules`) and timelines
 * (`timelines.files` or `timelines.folder`), the run reports alert coverage and step history too, from the same
 * per-file analyses (one read and one parse per runbook); the links check is one of lint's rules already. `runbooks
 * coverage`, `runbooks links` and `lint --timelines` stay as views of the same work.
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as alerts from '../engine/alerts/index';
import type { FileContext, ProjectContext } from '../engine/config/index';
import type { CliIO } from './io';
import type { FileReport } from './lint-format';
import { configuredCoverageOptions } from '../engine/config/coverageOptions';
import { configuredCoverage, factsOfRun, readRuleFiles, withCoverageFindings, type RuleFilesRead } from './workspace-checks';

/** What the run's config asks besides the file checks. */
export interface WorkspaceChecks {
  /** The config that applies where lint runs. */
  context: FileContext;
  /** Alert coverage: its rule files (read) and options; absent when the config names no rule files. */
  coverage?: { read: RuleFilesRead; options: alerts.CoverageOptions };
  /** Timeline patterns (relative to `timelinesBase`) when the config names timelines and no `--timelines` was given. */
  timelines?: string[];
  timelinesBase: string;
}

/** The workspace checks the config asks for; an exit code (2) after saying why when its rule files cannot be used. */
export function workspaceChecks(io: CliIO, project: ProjectContext, display: (abs: string) => string): WorkspaceChecks | number {
  const context = project.forFile(join(io.cwd, '.runbooks-coverage'), io.cwd);
  const base = context.config.file?.dir ?? io.cwd;
  const raw = context.config.file?.config?.timelines;
  const timelines = context.config.timelineFiles.length > 0 ? context.config.timelineFiles : raw?.folder ? [raw.folder] : undefined;
  const out: WorkspaceChecks = { context, timelinesBase: base, ...(timelines ? { timelines } : {}) };
  const globs = context.config.alerts.rules ?? [];
  if (globs.length === 0) return out;
  const options = configuredCoverageOptions(context);
  try {
    alerts.compileUrlPatterns(options.runbookUrlPatterns ?? []);
  } catch (e) {
    io.stderr.write(`runbooks lint: alerts.runbookUrl: ${(e as Error).message}\n`);
    return 2;
  }
  const read = readRuleFiles(globs, base, display);
  if ('error' in read) {
    io.stderr.write(`runbooks lint: alerts.rules: ${read.error.replace(/^--rules /, '')}\n`);
    return 2;
  }
  for (const problem of read.problems) io.stderr.write(`runbooks lint: ${problem}\n`);
  return { ...out, coverage: { read, options } };
}

/** The folders among the paths lint was given: where alert URLs' `{path}` may start, as `runbooks coverage` takes them. */
export function runbookRoots(cwd: string, paths: readonly string[], display: (abs: string) => string): string[] {
  return paths.flatMap((p) => {
    const abs = resolve(cwd, p);
    try {
      return statSync(abs).isDirectory() ? [display(abs) || '.'] : [];
    } catch {
      return [];
    }
  });
}

/**
 * The coverage of the run joined into lint's reports: a runbook's findings (orphan, unknown alert) in its report, a
 * rule file's in a report of its own; and the coverage summary lines for the text format.
 */
export function lintWithCoverage(
  io: CliIO, checks: WorkspaceChecks, files: readonly string[], reports: readonly FileReport[], leftOut: ReadonlyMap<string, string>,
  roots: string[], display: (abs: string) => string,
): { runbooks: FileReport[]; ruleFiles: FileReport[]; summary: string[] } {
  if (!checks.coverage) return { runbooks: [...reports], ruleFiles: [], summary: [] };
  const { read, options } = checks.coverage;
  // Lint already said why a runbook could not be read; a page left out of linting is named here.
  const runbooks = factsOfRun(files, reports, display, leftOut, (file, why) => {
    if (leftOut.has(file)) io.stderr.write(`runbooks lint: ${display(file)}: ${why}\n`);
  });
  const report = configuredCoverage({ ruleFiles: read.ruleFiles, runbooks, roots }, options, checks.context.config.rules);
  const merged = withCoverageFindings(reports, report, read.texts, (shown) => resolve(io.cwd, shown));
  return { ...merged, summary: alerts.coverageSummaryLines(report.summary) };
}
