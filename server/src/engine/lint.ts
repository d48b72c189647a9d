import { applyConfiguredSeverities } from './config/severity';
import { parseRunbook, type Runbook } from './parse';
import { RUNBOOK_CHECKS } from './rules/index';
import type { LintOptions, RuleOptions } from './rules/types';
import { bundledRunbookSchema } from './schema';
import { todayUtc } from './stale';
import { applySuppressions } from './suppressions';
import type { Finding, Range } from './types';

export type { LintOptions } from './rules/types';

/** Thrown by lintParsed when its cancellation token was set: the caller no longer wants this result. */
export class LintCancelledError extends Error {
  constructor() {
    super('linting was cancelled');
    this.name = 'LintCancelledError';
  }
}

/** The code of the finding that stands for a check that could not run: the file is not known to be clean. */
export const CHECK_FAILED = 'engine/check-failed';

/** Why a document was not analysed in full: over a size, time or memory budget. Its message says what and where. */
export class AnalysisBudgetError extends Error {
  constructor(readonly code: 'engine/too-large' | 'engine/too-complex', message: string, readonly range?: Range) {
    super(message);
    this.name = 'AnalysisBudgetError';
  }
}

/** A rule that threw: reported once, the other rules' findings still stand. */
export interface RuleFailure {
  rule: string;
  error: Error;
}

export interface LintResult {
  runbook: Runbook;
  findings: Finding[];
  failures: RuleFailure[];
}

type Rule = { id: string; run: (runbook: Runbook, options: RuleOptions) => Finding[] | Promise<Finding[]> };

/** The rules, in the order their findings are listed: the registry's runbook checks (`rules/index.ts`). */
export const RULES: readonly Rule[] = RUNBOOK_CHECKS.flatMap((family) => (family.check ? [{ id: family.id, run: family.check }] : []));

/** Lints an already-parsed runbook: every rule runs isolated, suppression comments are applied. */
export async function lintParsed(runbook: Runbook, options: LintOptions = {}): Promise<LintResult> {
  const opts: RuleOptions = { ...options, today: options.today ?? todayUtc() };
  const disabled = new Set(options.disabledRules ?? []);
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  const budget = runbook.parseError instanceof AnalysisBudgetError ? runbook.parseError : undefined;
  if (runbook.parseError && !budget) {
    failures.push({ rule: 'schema', error: new Error(`the Markdown could not be parsed (${runbook.parseError.message}); only the credential check ran`) });
  }
  for (const rule of RULES) {
    if (options.cancellation?.isCancellationRequested) throw new LintCancelledError();
    if (disabled.has(rule.id)) continue;
    // Without a model the structure rules would report an empty runbook; the text-based credential scan still works.
    if (runbook.parseError && rule.id !== 'credential') continue;
    try {
      const found = await rule.run(runbook, opts);
      // validateRunbook reports schema and frontmatter rules; keep each finding under its own rule.
      findings.push(...found.filter((f) => !disabled.has(f.rule)));
    } catch (e) {
      failures.push({ rule: rule.id, error: e instanceof Error ? e : new Error(String(e)) });
    }
  }
  // A check that could not run is a finding too: a failure must never pass as a clean file.
  for (const failure of failures) findings.push(checkFailedFinding(runbook, failure));
  if (budget) {
    findings.push({ rule: 'engine', code: budget.code, severity: 'error', range: budget.range ?? runbook.index.lineRange(0), message: budget.message });
  }
  const kept = applySuppressions(runbook.text, findings);
  return { runbook, findings: sortFindings(applyConfiguredSeverities(kept, options.severities ?? {}, options.severitiesOnlyLower)), failures };
}

function checkFailedFinding(runbook: Runbook, failure: RuleFailure): Finding {
  return {
    rule: 'engine',
    code: CHECK_FAILED,
    severity: 'error',
    range: runbook.index.lineRange(0),
    message: `The ${failure.rule} check could not run on this file: ${failure.error.message}. Its findings are missing, so the file is not known to be clean.`,
  };
}

/** Parses and lints runbook text. Never throws on any input: rule failures are returned, not raised. */
export async function lintRunbook(text: string, options: LintOptions = {}): Promise<LintResult> {
  return lintParsed(parseRunbook(text, options.schema ?? bundledRunbookSchema()), options);
}

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
