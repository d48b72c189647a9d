/**
 * The cross-file checks of a run, from the per-file analyses lint already made: alert coverage joins every report's
 * facts (`report.facts`) to the rule files; step history comes in through the pool (`history`, `drills`). `runbooks
 * lint` runs them in the same pass as the file checks when the config names alert rules and timelines; `runbooks
 * coverage` is a view of the same work. Nothing here parses a runbook: a Markdown page that is not linted (the config
 * leaves it out) gives its facts through the facts-only read.
 */
import { statSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import * as alerts from '../engine/alerts/index';
import { readRunbookFacts } from '../engine/alerts/facts-read';
import { fingerprint } from '../engine/baseline';
import { applyConfiguredSeverities, type FileContext } from '../engine/config/index';
import { decodeRunbook, MAX_RUNBOOK_BYTES, readNamedTextSync, readRegularFileSync, walkFilesSync } from '../engine/files';
import { summarizeRunbook } from '../engine/summary';
import type { Finding } from '../engine/types';
import type { FileReport } from './lint-format';

/** The rule files as read, with their texts (for fingerprints) and what could not be read. */
export interface RuleFilesRead {
  ruleFiles: alerts.RulesFile[];
  texts: Map<string, string>;
  /** `path: why` of each rule file that could not be read, or that is not valid (its findings say where). */
  problems: string[];
  /** A rule file could not be read at all (I/O): the run cannot say the alerts are covered. */
  unreadable: boolean;
}

/** Reads the rule files the globs name (relative to `base`); `display` gives the path a report names a file by. */
export function readRuleFiles(globs: readonly string[], base: string, display: (abs: string) => string): RuleFilesRead | { error: string } {
  const found = expandRuleGlobs(globs, base);
  if ('error' in found) return found;
  const out: RuleFilesRead = { ruleFiles: [], texts: new Map(), problems: [], unreadable: false };
  for (const abs of found.files) {
    let text: string;
    try {
      // A rule path is the repository's to name: a FIFO, a device or a link out of the tree is refused, not read.
      text = readNamedTextSync(abs, { root: base, maxBytes: alerts.MAX_RULES_FILE_BYTES });
    } catch (e) {
      out.problems.push(`${display(abs)}: ${(e as Error).message}`);
      out.unreadable = true;
      continue;
    }
    const file = alerts.readRulesFile(display(abs), text);
    for (const f of file.findings) out.problems.push(`${file.file}:${f.range.start.line + 1}: ${f.message}`);
    out.ruleFiles.push(file);
    out.texts.set(file.file, text);
  }
  return out;
}

/** Rule files named by globs (or plain paths; a folder means its *.yml, *.yaml and *.json), sorted, each once. */
export function expandRuleGlobs(globs: readonly string[], cwd: string): { files: string[] } | { error: string } {
  const files = new Set<string>();
  for (const glob of globs) {
    const scan = picomatch.scan(glob);
    const before = files.size;
    if (!scan.isGlob) {
      const abs = resolve(cwd, glob);
      let isDir: boolean;
      try {
        isDir = statSync(abs).isDirectory();
      } catch {
        return { error: `--rules ${glob}: no such file or directory` };
      }
      if (isDir) walkFilesSync(abs, (f) => alerts.RULE_FILE_NAME.test(f) && files.add(f));
      else files.add(abs);
    } else {
      const match = picomatch(glob, { dot: false });
      const absolute = isAbsolute(glob);
      walkFilesSync(resolve(cwd, scan.base || '.'), (f) => {
        if (match(absolute ? f.split(sep).join('/') : relative(cwd, f).split(sep).join('/'))) files.add(f);
      });
    }
    if (files.size === before) return { error: `--rules ${glob} matches no file` };
  }
  return { files: [...files].sort() };
}

/**
 * The runbook facts of a run, in the order of `files`: each analysed report's facts (its not-current reason from its
 * findings), else, for a page the config leaves out (`leftOut`: why it is not linted), the facts-only read of it.
 */
export function factsOfRun(
  files: readonly string[], reports: readonly FileReport[], display: (abs: string) => string, leftOut: ReadonlyMap<string, string>,
  onProblem: (file: string, why: string) => void,
): alerts.RunbookFacts[] {
  const byFile = new Map(reports.map((r) => [r.file, r]));
  const runbooks: alerts.RunbookFacts[] = [];
  for (const file of files) {
    const report = byFile.get(file);
    const notLinted = leftOut.get(file);
    const page = notLinted !== undefined ? { page: true as const } : {};
    if (report?.facts) runbooks.push({ ...alerts.factsOf(report.facts, display(file), notLinted ?? alerts.notCurrentReason(report.findings)), ...page });
    else if (report) onProblem(file, report.error ?? 'not analysed');
    else if (notLinted !== undefined) {
      const text = readPage(file);
      if (typeof text !== 'string') onProblem(file, text.error);
      else runbooks.push({ ...readRunbookFacts(display(file), text, undefined, notLinted).facts, page: true });
    }
  }
  return runbooks;
}

function readPage(file: string): string | { error: string } {
  try {
    const decoded = decodeRunbook(readRegularFileSync(file, MAX_RUNBOOK_BYTES));
    return 'error' in decoded ? decoded : decoded.text;
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * The coverage report with the config's `rules` severities applied, as for every rule; a flag's severity (a code, or
 * `alerts` for the whole rule) wins over them. Each file's findings in position order.
 */
export function configuredCoverage(
  input: alerts.CoverageInput, options: alerts.CoverageOptions, configRules: FileContext['config']['rules'],
): alerts.CoverageReport {
  const computed = alerts.checkCoverage(input, options);
  const severities = options.severities ?? {};
  const flagged = (f: Finding) => Object.prototype.hasOwnProperty.call(severities, f.code) || severities.alerts !== undefined;
  const findings = new Map<string, Finding[]>();
  for (const [file, list] of computed.findings) {
    const kept = [...list.filter(flagged), ...applyConfiguredSeverities(list.filter((f) => !flagged(f)), configRules)];
    kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    if (kept.length > 0) findings.set(file, kept);
  }
  return { ...computed, findings };
}

/**
 * Lint's reports with the coverage findings in them: a runbook's (orphan, unknown alert) joined to its report, a rule
 * file's in a report of its own, each with a baseline fingerprint as lint gives (the finding's lines of the file).
 */
export function withCoverageFindings(
  reports: readonly FileReport[], report: alerts.CoverageReport, ruleTexts: ReadonlyMap<string, string>, absolute: (shown: string) => string,
): { runbooks: FileReport[]; ruleFiles: FileReport[] } {
  const byFile = new Map(reports.map((r) => [r.file, r]));
  const added = new Map<string, Finding[]>();
  const ruleFiles: FileReport[] = [];
  for (const [shown, findings] of report.findings) {
    const file = absolute(shown);
    const ruleText = ruleTexts.get(shown);
    if (ruleText !== undefined) {
      ruleFiles.push({ file, findings, fingerprints: findings.map((f) => fingerprint(f, ruleText, basename(file))) });
    } else if (byFile.has(file)) added.set(file, findings);
  }
  const runbooks = reports.map((r) => {
    const more = added.get(r.file);
    if (!more) return r;
    const text = readPage(r.file);
    const body = typeof text === 'string' ? text : '';
    const fmTitle = summarizeRunbook(body).data.title;
    const identity = typeof fmTitle === 'string' && fmTitle.trim() ? fmTitle.trim() : r.facts?.title || basename(r.file);
    const findings = [...r.findings, ...more];
    const fingerprints = [...(r.fingerprints ?? r.findings.map(() => '')), ...more.map((f) => fingerprint(f, body, identity))];
    return { ...r, findings, fingerprints };
  });
  return { runbooks, ruleFiles };
}
