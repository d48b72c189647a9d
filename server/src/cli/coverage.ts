/** `runbooks coverage`: every alert rule joined to its runbook, every runbook to its alerts, for CI. */
import { statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import type { FileContext } from '../engine/config/index';
import { alerts, findMarkdownFiles, parseIsoDate, todayUtc, type Finding } from '../engine/index';
import type { CliIO } from './io';
import { cacheFilePath, openLintCache, saveLintCache } from './cache';
import { lintCachedFiles, lintJobs, parseJobs, verboseStats } from './lint-pool';
import { formatSarif, type FileReport } from './lint-format';
import { cliProject, profileOf, reportConfigProblems } from './project';
import { configuredCoverage, factsOfRun, readRuleFiles } from './workspace-checks';

const USAGE = 'usage: runbooks coverage [--rules GLOB]... [--runbook-url PATTERN]... [--annotation NAME] [--paging-severity S]... [--require-annotation] [--severity CODE=LEVEL]... [--format text|json|sarif] [--schema FILE] [--today YYYY-MM-DD] [--jobs N] [--cache] [--cache-location PATH] [--verbose] [runbook paths...]';
const LEVELS = new Set(['error', 'warning', 'info', 'off']);

/** Exit 0 (no error finding), 1 (an alert finding of error severity), 2 (usage error, or a rule file that cannot be read). */
export async function coverageCommand(argv: string[], io: CliIO): Promise<number> {
  let values: Record<string, string | string[] | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        rules: { type: 'string', multiple: true },
        'runbook-url': { type: 'string', multiple: true },
        annotation: { type: 'string' },
        'paging-severity': { type: 'string', multiple: true },
        'require-annotation': { type: 'boolean' },
        severity: { type: 'string', multiple: true },
        format: { type: 'string', short: 'f', default: 'text' },
        schema: { type: 'string' },
        today: { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        cache: { type: 'boolean' },
        'cache-location': { type: 'string' },
        verbose: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    return usage(io, (e as Error).message);
  }
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const format = values.format as string;
  if (!['text', 'json', 'sarif'].includes(format)) return usage(io, `unknown format "${format}" (text, json or sarif)`);
  // The project config (nearest .runbooks.yaml from here) gives the defaults: its alerts block, its rules severities.
  const project = cliProject(values.schema ? { schema: resolve(io.cwd, values.schema as string) } : {});
  const here = project.forFile(join(io.cwd, '.runbooks-coverage'), io.cwd);
  if (reportConfigProblems(io, 'runbooks coverage', [here])) return 2;
  const configured = here.config.alerts;
  const configDir = here.config.file?.dir ?? io.cwd;
  const flagGlobs = (values.rules as string[] | undefined) ?? [];
  const ruleGlobs = flagGlobs.length > 0 ? flagGlobs : configured.rules ?? [];
  const rulesBase = flagGlobs.length > 0 ? io.cwd : configDir;
  if (ruleGlobs.length === 0) return usage(io, 'no rule files: give --rules GLOB (e.g. --rules "rules/**/*.yml"), or alerts.rules in .runbooks.yaml');
  const flagPatterns = (values['runbook-url'] as string[] | undefined) ?? [];
  const patterns = flagPatterns.length > 0 ? flagPatterns : configured.runbookUrl ?? [];
  try {
    alerts.compileUrlPatterns(patterns);
  } catch (e) {
    return usage(io, (e as Error).message);
  }
  const threads = parseJobs(values.jobs as string | undefined);
  if (typeof threads === 'object') return usage(io, threads.error);
  const today = (values.today as string | undefined) ?? todayUtc();
  if (parseIsoDate(today) === undefined) return usage(io, `--today must be a real date written YYYY-MM-DD, not "${today}"`);
  const severities: Record<string, alerts.ConfiguredSeverity> = {};
  for (const s of (values.severity as string[] | undefined) ?? []) {
    const [code, level] = s.split('=');
    if (!code || !level || !LEVELS.has(level) || !(code === 'alerts' || alerts.ALERTS_RULE.codes.some((c) => c.code === code))) {
      return usage(io, `--severity takes CODE=LEVEL with an alerts code and error, warning, info or off, not "${s}"`);
    }
    severities[code] = level as alerts.ConfiguredSeverity;
  }

  const display = (abs: string) => relative(io.cwd, abs).split(sep).join('/') || '.';
  const read = readRuleFiles(ruleGlobs, rulesBase, display);
  if ('error' in read) return usage(io, read.error);
  const { ruleFiles } = read;
  for (const problem of read.problems) io.stderr.write(`runbooks coverage: ${problem}\n`);
  const unreadable = read.problems.length > 0;

  const roots: string[] = [];
  const contexts: FileContext[] = [];
  const selected: string[] = [];
  const everyFile: string[] = [];
  /** Markdown files the config leaves out of linting: still pages an alert may link to, read for their facts only. */
  const leftOut = new Map<string, string>();
  for (const p of positionals.length > 0 ? positionals : ['.']) {
    const abs = resolve(io.cwd, p);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      return usage(io, `${p}: no such file or directory`);
    }
    const files: string[] = [];
    if (isDir) {
      roots.push(display(abs));
      for await (const f of findMarkdownFiles(abs)) files.push(f);
    } else files.push(abs);
    everyFile.push(...files);
    for (const f of files) {
      // Which files are runbooks, and what applies to each, as `runbooks lint` decides it.
      const context = project.forFile(f, io.cwd);
      contexts.push(context);
      const selection = project.select(f, context);
      if (selection.runbook || (selection.reason === 'not-matched' && (!isDir || !context.config.file))) selected.push(f);
      else if (selection.reason === 'ignored' || selection.reason === 'not-matched') {
        leftOut.set(f, selection.reason === 'ignored' ? 'not linted: the config ignores it' : 'not linted: the config\'s files do not select it');
      }
    }
  }
  if (reportConfigProblems(io, 'runbooks coverage', contexts)) return 2;
  // The same analysis as lint (team schema, config aliases and severities, budgets), on every core, and through
  // lint's cache when asked: `runbooks lint --cache` and `runbooks coverage --cache` share the file.
  const { jobs, profiles } = lintJobs(selected, (f) => profileOf(project.forFile(f, io.cwd)));
  const poolOptions = { profiles, today, jobs: threads, linkRoot: io.cwd, facts: true, session: io.session };
  const cachePath = values.cache === true || values['cache-location'] !== undefined ? cacheFilePath(io.cwd, values['cache-location'] as string | undefined) : undefined;
  const cache = openLintCache(io, 'runbooks coverage', cachePath, { cwd: io.cwd, today, profiles, facts: true }, values.verbose === true, display);
  const { reports, stats } = await lintCachedFiles(jobs, poolOptions, cache);
  if (values.verbose) verboseStats(io, 'runbooks coverage', cache && display(cache.path), jobs.length, stats);
  saveLintCache(io, 'runbooks coverage', cache, display);
  // A page the config leaves out still answers the alerts that reach it; its row says it is not linted.
  const runbooks = factsOfRun(everyFile, reports, display, leftOut, (file, why) => io.stderr.write(`runbooks coverage: ${display(file)}: ${why}\n`));
  const report = configuredCoverage({ ruleFiles, runbooks, roots }, {
    runbookUrlPatterns: patterns,
    annotation: (values.annotation as string | undefined) ?? configured.annotation,
    pagingSeverities: (values['paging-severity'] as string[] | undefined) ?? configured.pagingSeverities,
    requireAnnotation: Boolean(values['require-annotation']) || configured.requireAnnotation === true,
    severities,
  }, here.config.rules);
  if (format === 'json') io.stdout.write(`${JSON.stringify(toJson(report), null, 2)}\n`);
  else if (format === 'sarif') io.stdout.write(formatSarif([...report.findings].map(([file, findings]): FileReport => ({ file: resolve(io.cwd, file), findings })), io.cwd));
  else io.stdout.write(formatText(report, ruleFiles));
  if (unreadable) return 2;
  return [...report.findings.values()].some((list) => list.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** The JSON output: one entry per alert rule (a name defined twice is two), the orphans, the summary, the findings. */
function toJson(report: alerts.CoverageReport) {
  return {
    alerts: report.alerts.map((c) => ({
      alert: c.alert.name,
      file: c.alert.file,
      line: c.alert.range.start.line + 1,
      severity: c.alert.severity ?? null,
      runbookUrl: c.link?.url ?? null,
      runbooks: c.runbooks.map((r) => r.path),
      status: c.status,
      matchedBy: c.matchedBy ?? null,
      paging: c.paging,
      notCurrent: c.runbooks.filter((r) => r.notCurrent).map((r) => ({ runbook: r.path, reason: r.notCurrent })),
      codes: (report.findings.get(c.alert.file) ?? []).filter((f) => sameLine(f, c)).map((f) => f.code),
    })),
    orphans: report.orphans.map((o) => ({ runbook: o.runbook.path, alerts: o.alerts, renamedTo: o.renamedTo?.alert.name ?? null })),
    summary: report.summary,
    findings: [...report.findings].flatMap(([file, list]) => list.map((f) => ({
      file, line: f.range.start.line + 1, column: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1,
      severity: f.severity, rule: f.rule, code: f.code, message: f.message, ...(f.fix ? { fix: f.fix } : {}),
    }))),
  };
}

/** A finding belongs to an alert when it sits on its `alert:` pair or one of its annotation values. */
function sameLine(f: Finding, c: alerts.AlertCoverage): boolean {
  const at = (r: { start: { line: number; character: number } }) => r.start.line === f.range.start.line && r.start.character === f.range.start.character;
  return at(c.alert.range) || Object.values(c.alert.annotations).some((a) => at(a.range));
}

function formatText(report: alerts.CoverageReport, ruleFiles: readonly alerts.RulesFile[]): string {
  const lines: string[] = [];
  // A file of recording rules only (86 of gitlab-runbooks' 141), or of no rule at all (another Kubernetes object in a
  // rules folder), has nothing to list: counted once, not a line each.
  let recordingOnly = 0;
  let noRules = 0;
  for (const file of ruleFiles) {
    const rows = report.alerts.filter((c) => c.alert.file === file.file);
    if (rows.length === 0 && file.findings.length === 0) {
      if (file.recordingRules > 0) recordingOnly++;
      else noRules++;
      continue;
    }
    lines.push(`${file.file}: ${plural(rows.length, 'alert')}${file.findings.length ? `, ${plural(file.findings.length, 'problem')} reading it` : ''}`);
    if (rows.length === 0) continue;
    const table = rows.map((c) => [String(c.alert.range.start.line + 1), c.alert.name, c.alert.severity ?? '-', c.status, target(c)]);
    const widths = [0, 1, 2, 3].map((i) => Math.max(...[['line', 'alert', 'severity', 'status'][i], ...table.map((r) => r[i])].map((s) => s.length)));
    for (const r of [['line', 'alert', 'severity', 'status', 'runbook'], ...table]) {
      lines.push(`  ${r.slice(0, 4).map((cell, i) => cell.padEnd(widths[i])).join('  ')}  ${r[4]}`);
    }
  }
  if (recordingOnly > 0) lines.push(`${plural(recordingOnly, 'rule file')} define${recordingOnly === 1 ? 's' : ''} no alert (recording rules only): not listed.`);
  if (noRules > 0) lines.push(`${plural(noRules, 'file')} matched as rule file${noRules === 1 ? '' : 's'} hold${noRules === 1 ? 's' : ''} no rule: not listed.`);
  const findings = [...report.findings].flatMap(([file, list]) => list.map((f) => `${file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.code} ${f.message}`));
  if (findings.length > 0) lines.push('', ...findings);
  lines.push('', ...alerts.coverageSummaryLines(report.summary));
  return `${lines.join('\n')}\n`;
}

function target(c: alerts.AlertCoverage): string {
  if (c.runbooks.length > 0) return c.runbooks.map((r) => r.path + (r.notCurrent ? ` (${r.notCurrent})` : '')).join(', ');
  if (c.link?.state === 'dead') return `${c.link.path} (does not exist)`;
  if (c.link) return c.link.url;
  return '-';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function usage(io: CliIO, reason: string): number {
  io.stderr.write(`runbooks coverage: ${reason}\n${USAGE}\n`);
  return 2;
}
