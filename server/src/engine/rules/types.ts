/**
 * The shapes of the rule registry and of what a rule's check is given. A leaf: it imports types only, and nothing the
 * registry's families import, so the checks, `lint.ts` and the registry can all read it without an import cycle.
 */
import type { ConfiguredSeverity } from '../config/types';
import type { RunbookDrills } from '../drills/notes';
import type { StepHistory } from '../history/index';
import type { LinkContext } from '../links/check';
import type { Runbook } from '../model';
import type { RunbookSchema, SchemaDocument } from '../schema';
import type { StaleOptions } from '../stale';
import type { CommandsConfig, CommandTables } from '../steps/effect';
import type { SegmentCache } from '../credentials/index';
import type { Finding, Severity } from '../types';

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

/** What a rule's check is given: the lint options with `today` settled. */
export type RuleOptions = Required<Pick<LintOptions, 'today'>> & LintOptions;

/** A runbook on which a check reports a code: the code's documentation by example, and the registry test's input. */
export interface CodeExample {
  /** The runbook's Markdown. */
  text: string;
  /** What the check needs beyond the text (the links' workspace, the timelines' history, a drill interval). */
  options?: LintOptions;
  /** A team schema's document (JSON Schema over the bundled one), for codes only a team schema reports. */
  teamSchema?: SchemaDocument;
}

export interface CodeInfo {
  /** `rule/check`, e.g. `schema/missing-section`. */
  code: string;
  /** One line: what the finding means (the README's row says the same). */
  description: string;
  defaultSeverity: Severity;
  /** The quick fix this code's findings can carry, in a few words; absent when they never carry one. */
  fix?: string;
  /** A runbook that shows the code (for codes a runbook check reports). */
  example?: CodeExample;
}

export interface RuleInfo {
  id: string;
  description: string;
  codes: CodeInfo[];
}

/** Where a family's findings come from. */
export type RuleSource =
  /** Its `check`, run by lintParsed on every runbook. */
  | 'runbook'
  /** The alert coverage pass over rule files and runbooks together (`alerts/*`). */
  | 'coverage'
  /** Loading the project config file (`config/*`). */
  | 'config'
  /** The engine itself, when a check could not run or a file is over budget (`engine/*`). */
  | 'engine';

/** One rule family: its metadata and, for runbook rules, its check. One file a family under `rules/`. */
export interface RuleFamily extends RuleInfo {
  source: RuleSource;
  /** The README section that explains the family (its `## ` or `### ` heading). */
  docs: string;
  /** Codes beyond the fixed ones (`credential/<kind>`, a team schema's `schema/<code>`); absent when every code is listed. */
  openCodes?: { pattern: string; defaultSeverity: Severity };
  /** The family's check, for `source: 'runbook'`; its findings carry `rule: id` (the schema check also reports `frontmatter`). */
  check?: (runbook: Runbook, options: RuleOptions) => Finding[] | Promise<Finding[]>;
}

/** A code's entry, in one line where the registry lists it. */
export function code(id: string, defaultSeverity: Severity, description: string, more: Pick<CodeInfo, 'fix' | 'example'> = {}): CodeInfo {
  return { code: id, defaultSeverity, description, ...more };
}
