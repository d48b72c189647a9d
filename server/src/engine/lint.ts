import { applyConfiguredSeverities } from './config/severity';
import type { ConfiguredSeverity } from './config/types';
import { checkCredentials, type SegmentCache } from './credentials/index';
import type { CommandTables } from './steps/effect';
import { parseRunbook, type Runbook } from './parse';
import { checkSectionPlaceholders } from './sectionPlaceholders';
import { bundledRunbookSchema, type RunbookSchema } from './schema';
import { checkStale, todayUtc, type StaleOptions } from './stale';
import { checkStructure } from './structure/index';
import { checkSteps } from './steps/checks';
import { checkStepEffects } from './steps/effectChecks';
import type { CommandsConfig } from './steps/effect';
import { checkLinks, type LinkContext } from './links/check';
import { checkHistory, type StepHistory } from './history/index';
import { checkDrills } from './drills/check';
import type { RunbookDrills } from './drills/notes';
import { applySuppressions } from './suppressions';
import type { Finding, Range } from './types';
import { validateRunbook } from './validate';

export interface LintOptions extends Partial<StaleOptions> {
  schema?: RunbookSchema;
  /** Rule ids to leave out. */
  disabledRules?: string[];
  /** The config's severities per rule, code and section (`off` drops a finding). */
  severities?: Readonly<Record<string, ConfiguredSeverity>>;
  /** An untrusted workspace's config may only lower severities. */
  severitiesOnlyLower?: boolean;
  /** Where the runbook is and the files around it: without it, links to other files are not checked. */
  links?: LinkContext;
  /** What the incident timelines say about this runbook's steps (`steps/failed-last-run`). */
  history?: StepHistory;
  /** Days between drills (config `drills.intervalDays`): without it, no `drill/never-drilled` or `drill/overdue`. */
  drillIntervalDays?: number;
  /** What the timelines say about this runbook's drills (its drills, steps flagged as unclear). */
  drills?: RunbookDrills;
  /** The config's additions to the command table (`commands:`), already limited to `changes` in an untrusted workspace. */
  commands?: CommandsConfig;
  /** Checked between rules: once it says so, linting stops with a LintCancelledError (a newer version arrived). */
  cancellation?: { readonly isCancellationRequested: boolean };
  /** An engine session's caches the rules may keep work in (without: nothing is kept between calls). */
  caches?: { secretSegments?: SegmentCache; commandTables?: CommandTables };
}

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

type Rule = { id: string; run: (runbook: Runbook, options: Required<Pick<LintOptions, 'today'>> & LintOptions) => Finding[] | Promise<Finding[]> };

/** The rules, in the order their findings are listed. `frontmatter` findings come from parsing and the schema. */
export const RULES: Rule[] = [
  { id: 'frontmatter', run: (rb) => (rb.frontMatter?.error ? [rb.frontMatter.error] : []) },
  { id: 'structure', run: (rb) => checkStructure(rb) },
  { id: 'schema', run: (rb) => [...validateRunbook(rb), ...checkSectionPlaceholders(rb)] },
  { id: 'stale', run: (rb, o) => checkStale(rb, o) },
  {
    id: 'steps',
    run: (rb, o) => [
      ...checkSteps(rb),
      // steps/unknown-effect is off unless the config's rules name it: most teams do not want every command listed.
      ...checkStepEffects(rb, { commands: o.commands, tables: o.caches?.commandTables, trusted: !o.severitiesOnlyLower, unknownEffect: (o.severities?.['steps/unknown-effect'] ?? 'off') !== 'off' }),
      ...checkHistory(rb, o.history),
    ],
  },
  { id: 'drill', run: (rb, o) => checkDrills(rb, { today: o.today, intervalDays: o.drillIntervalDays, record: o.drills }) },
  { id: 'links', run: (rb, o) => checkLinks(rb, o.links) },
  { id: 'credential', run: (rb, o) => checkCredentials(rb.text, rb.codeRanges, o.caches?.secretSegments) },
];

/** Lints an already-parsed runbook: every rule runs isolated, suppression comments are applied. */
export async function lintParsed(runbook: Runbook, options: LintOptions = {}): Promise<LintResult> {
  const opts = { ...options, today: options.today ?? todayUtc() };
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
