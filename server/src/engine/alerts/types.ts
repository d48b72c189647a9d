/** The data of alert coverage: alert rules read from rule files, runbook facts, and how each alert finds its runbook. */
import type { Finding, Position, Range, Severity } from '../types';

/** How a YAML scalar is written, so that a fix can rewrite it the same way. */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'block';

/** One annotation of an alert rule, with the exact range of its value. */
export interface AnnotationValue {
  value: string;
  range: Range;
  style: ScalarStyle;
}

/** Where a new annotation can be written into the rule: before `at`, indented `indent` columns. */
export interface AnnotationInsertion {
  at: Position;
  indent: number;
  /** True when the rule has no `annotations` mapping: the insertion writes one. */
  newMapping: boolean;
}

/** One alerting rule (`alert:`) of a rule file. Recording rules are not kept. */
export interface AlertRule {
  name: string;
  /** The rule file, workspace-relative with forward slashes (as the caller names it). */
  file: string;
  group: string;
  /** The `alert: Name` pair, key to end of value: where "no runbook" is reported. */
  range: Range;
  /** Just the name's value. */
  nameRange: Range;
  expr?: string;
  for?: string;
  /** `labels.severity`, when it is a string. */
  severity?: string;
  labels: Record<string, string>;
  annotations: Record<string, AnnotationValue>;
  /** Absent when the rule is written in flow style (JSON): no insertion fix is offered there. */
  insertion?: AnnotationInsertion;
}

/** What reading one rule file gave: its alerts, and an `alerts/invalid-rules-file` finding per problem. */
export interface RulesFile {
  file: string;
  alerts: AlertRule[];
  /** Problems that stopped part or all of the file from being read (YAML errors, a `groups` that is not a list). */
  findings: Finding[];
  /** Number of recording rules (`record:`), counted for the summary only. */
  recordingRules: number;
  eol: string;
  /**
   * Set when the file is the source rules are made from, not rules: a template (a Helm chart's: `{{- if ... }}`) or
   * jsonnet (a mixin's `.libsonnet`). Its one finding says to render it.
   */
  unrendered?: 'template' | 'jsonnet';
}

/** One `alerts:` entry of a runbook's front matter. */
export interface AlertClaim {
  name: string;
  range: Range;
}

/** What coverage needs to know about one runbook: built from the engine's model by `runbookFacts`. */
export interface RunbookFacts {
  /** Workspace-relative path, forward slashes, as written on disk (case kept). */
  path: string;
  /** The H1 title, if any. */
  title?: string;
  /** The H1's range, or line 1: where a runbook-level finding without a better place goes. */
  titleRange: Range;
  /** The front matter's `alerts:` entries. */
  claims: AlertClaim[];
  /** The range of the `alerts` value, when the front matter has that key. */
  claimsRange?: Range;
  /** Where a new `alerts:` key can be written: the first line of the front matter's content, or absent (no front matter: write one at 0:0). */
  frontMatterContentStart?: Position;
  /** The front matter is there but cannot take a new key (invalid YAML, not a mapping, `alerts` not a list). */
  frontMatterLocked?: boolean;
  eol: string;
  /** Heading anchors (GitHub slugs, explicit `{#id}` and HTML `id`/`name` anchors); a function so that only link targets compute them. */
  anchors: () => ReadonlySet<string>;
  /** Why the runbook is not current (stale, has error findings), or undefined when it is. */
  notCurrent?: string;
  /** A page the config leaves out: it answers the alerts that reach it, but it is not counted among the runbooks. */
  page?: true;
}

/** The coverage states of one alert, as the JSON output prints them. */
export type CoverageStatus = 'covered' | 'not-current' | 'missing' | 'dead-link' | 'not-checkable';

/** How an alert was joined to its runbook(s). */
export type MatchKind = 'front-matter' | 'annotation' | 'name';

/** What the runbook annotation led to. */
export interface LinkResolution {
  /** The annotation's name (`runbook_url`) and value as written. */
  annotation: string;
  url: string;
  state: 'ok' | 'dead' | 'dead-anchor' | 'templated' | 'unresolved';
  /** The path part as written (the `{path}` of a pattern, or the relative path), fragment and query left out. */
  path?: string;
  /** The `#fragment`, decoded. */
  fragment?: string;
  runbooks: RunbookFacts[];
}

/** How one alert rule stands. */
export interface AlertCoverage {
  alert: AlertRule;
  status: CoverageStatus;
  matchedBy?: MatchKind;
  runbooks: RunbookFacts[];
  link?: LinkResolution;
  /** Whether the alert's severity is a paging one. */
  paging: boolean;
}

/** A runbook that answers no alert, and the alert it was perhaps renamed from/to. */
export interface OrphanRunbook {
  runbook: RunbookFacts;
  /** The names its front matter lists that no rule defines. */
  alerts: string[];
  /** The alert this runbook most likely belongs to now (a rename), if one looks like it. */
  renamedTo?: AlertCoverage;
}

/** Counts for the summary line and the JSON summary. */
export interface CoverageSummary {
  ruleFiles: number;
  invalidRuleFiles: number;
  alerts: number;
  withRunbook: number;
  notCurrent: number;
  /** Alerts with a runbook whose link's `#anchor` is no heading of it (the page opens at its top). */
  deadAnchor: number;
  without: number;
  missing: number;
  deadLink: number;
  notCheckable: number;
  runbooks: number;
  orphans: number;
  /** Runbooks that name no alert and that no alert reaches (not findings: a collection may hold other documents). */
  unreferenced: number;
  renames: number;
}

/** The whole result: per alert, per runbook, findings per file. */
export interface CoverageReport {
  alerts: AlertCoverage[];
  orphans: OrphanRunbook[];
  /** Runbook path -> the alert rules it answers (for hovers and the runbook side of the report). */
  answers: Map<string, AlertRule[]>;
  /** Alert name -> its rules (a name defined in two groups has two), for go-to-definition and completion. */
  definitions: Map<string, AlertRule[]>;
  /** File (rule file or runbook) -> its findings, sorted by position. */
  findings: Map<string, Finding[]>;
  summary: CoverageSummary;
}

/** A severity a code can be configured to, `off` leaving it out. */
export type ConfiguredSeverity = Severity | 'off';

/** What the config file (`alerts:` and `rules:`) or the CLI flags set. */
export interface CoverageOptions {
  /** The annotation that holds the runbook link (default `runbook_url`). */
  annotation?: string;
  /** URL patterns with `{path}` standing for a path under a runbook root. */
  runbookUrlPatterns?: string[];
  /** Alert severities that page someone (default `critical`); compared without case. */
  pagingSeverities?: string[];
  /** Report alerts without the runbook annotation (`alerts/no-annotation`). */
  requireAnnotation?: boolean;
  /** Severity per code (`alerts/dead-link`) or for the whole rule (`alerts`); the code wins. */
  severities?: Record<string, ConfiguredSeverity>;
}
