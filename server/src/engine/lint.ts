import { checkCredentials } from './credentials/index';
import { parseRunbook, type Runbook } from './parse';
import { bundledRunbookSchema, type RunbookSchema } from './schema';
import { checkStale, todayUtc, type StaleOptions } from './stale';
import { applySuppressions } from './suppressions';
import type { Finding } from './types';
import { validateRunbook } from './validate';

export interface LintOptions extends Partial<StaleOptions> {
  schema?: RunbookSchema;
  /** Rule ids to leave out. */
  disabledRules?: string[];
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

type Rule = { id: string; run: (runbook: Runbook, options: Required<Pick<LintOptions, 'today'>> & LintOptions) => Finding[] | Promise<Finding[]> };

/** The rules, in the order their findings are listed. `frontmatter` findings come from parsing and the schema. */
export const RULES: Rule[] = [
  { id: 'frontmatter', run: (rb) => (rb.frontMatter?.error ? [rb.frontMatter.error] : []) },
  { id: 'schema', run: (rb) => validateRunbook(rb) },
  { id: 'stale', run: (rb, o) => checkStale(rb, o) },
  { id: 'credential', run: (rb) => checkCredentials(rb.text, rb.codeRanges) },
];

/** Lints an already-parsed runbook: every rule runs isolated, suppression comments are applied. */
export async function lintParsed(runbook: Runbook, options: LintOptions = {}): Promise<LintResult> {
  const opts = { ...options, today: options.today ?? todayUtc() };
  const disabled = new Set(options.disabledRules ?? []);
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  if (runbook.parseError) {
    failures.push({ rule: 'schema', error: new Error(`the Markdown could not be parsed (${runbook.parseError.message}); only the credential check ran`) });
  }
  for (const rule of RULES) {
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
  return { runbook, findings: sortFindings(applySuppressions(runbook.text, findings)), failures };
}

/** Parses and lints runbook text. Never throws on any input: rule failures are returned, not raised. */
export async function lintRunbook(text: string, options: LintOptions = {}): Promise<LintResult> {
  return lintParsed(parseRunbook(text, options.schema ?? bundledRunbookSchema()), options);
}

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
