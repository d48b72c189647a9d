/**
 * The custom requests between the Runbooks client and language server: names and shapes, shared by both sides.
 * Types only (and the method names as string constants), so the client imports it without pulling in the engine or
 * the server: test/unit/client-boundary.test.ts checks every import here is `import type`.
 */
import type { IncidentHistory } from '../engine/incident/history';
import type { SeverityLevel } from '../engine/incident/severities';
import type { StepDecision } from '../engine/steps/effect';

/** Positions and ranges as LSP has them (zero-based, UTF-16). */
export interface WireRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** What a code lens's Run/Copy command passes: which step of which document version it was made for. */
export interface StepLensArgs {
  uri: string;
  /** The document version the lens was computed for. */
  version: number;
  stepId: string;
  /** The block's content as the lens showed it: a run refuses when the block changed since. */
  code: string;
}

/** A step as the server's one analysis of a document version sees it. */
export interface ResolvedStep {
  id: string;
  position: number;
  label: string;
  section?: string;
  sectionTitle: string;
  changesProduction: boolean;
  lang: string;
  code: string;
  commands: string;
  range: WireRange;
  /** What Run says before it runs: the step looks unfinished, mixes prompts and output, or never closes. */
  warnings?: string[];
  /** Variables the step expands but never sets (`$NAMESPACE`); the client asks for those its environment lacks. */
  variables?: { name: string; line: number; secret: boolean }[];
  /** What the step does and whether running it asks first (steps/effect.ts decideStep, under the file's config). */
  decision: StepDecision;
}

/** `runbooks/step`: the step a lens names, from the analysis of the document as it is now. */
export const STEP_REQUEST = 'runbooks/step';
export interface StepParams {
  uri: string;
  stepId: string;
  /** When given, the step must still hold this code (line endings aside), else the answer says it changed. */
  code?: string;
}
export type StepResult =
  | { ok: true; version: number; runbookPath?: string; step: ResolvedStep }
  | { ok: false; reason: string };

/** `runbooks/locateStep`: where a step that ran (by id and command text) is in a runbook's current text. */
export const LOCATE_STEP_REQUEST = 'runbooks/locateStep';
export interface LocateStepParams {
  uri: string;
  step: string;
  command: string;
}
export type LocateStepResult = WireRange | null;

/** `runbooks/staleRunbooks`: every runbook of the workspace whose review verdict needs attention. */
export const STALE_RUNBOOKS_REQUEST = 'runbooks/staleRunbooks';
export interface StaleRunbook {
  uri: string;
  title: string;
  lastReviewed: string | null;
  /** ReviewVerdict state: never-reviewed, invalid-date, future-date or overdue. */
  state: string;
  daysOverdue: number;
  message: string;
  /** The date (YYYY-MM-DD) a step of this runbook last ran successfully, from the incident timelines; null: never. */
  lastSuccessfulRun: string | null;
}

/** What the client passes at initialize. */
export interface RunbooksInitializationOptions {
  trusted?: boolean;
  /** Today's date (YYYY-MM-DD) for tests and reproducible sessions; default: the server's clock, in UTC. */
  today?: string;
}

/** The data a diagnostic carries: small, so code actions look the fix up in the analysis of that version. */
export interface DiagnosticData {
  code: string;
  section?: string;
  version: number;
}

/** `runbooks/drillSteps`: a runbook's steps in order, for a drill to walk, from the analysis of the document now. */
export const DRILL_STEPS_REQUEST = 'runbooks/drillSteps';
export interface DrillStepsParams {
  uri: string;
}
export type DrillStepsResult =
  | { ok: true; version: number; runbookPath?: string; title: string; steps: ResolvedStep[] }
  | { ok: false; reason: string };

/** `runbooks/severityLevels`: the team's severity levels (config `severities`, else SEV1-SEV4) for a file's project. */
export const SEVERITY_LEVELS_REQUEST = 'runbooks/severityLevels';
export interface SeverityLevelsParams {
  /** A file of the project (a timeline, a runbook); default: the first workspace folder. */
  uri?: string;
}
export type SeverityLevelsResult = SeverityLevel[];

/** `runbooks/incidentHistory`: every timeline of the workspace folders' timeline folders, measured. */
export const INCIDENT_HISTORY_REQUEST = 'runbooks/incidentHistory';
export interface IncidentHistoryParams {
  /** Only incidents declared at or after this time (ms since the epoch). */
  since?: number;
  /** The time an unmitigated incident is judged at (ms since the epoch); default the server's clock. */
  now?: number;
}
export interface IncidentHistoryResult {
  history: IncidentHistory;
  /** Where the timelines were looked for (absolute folders). */
  searched: string[];
  /** Timelines that could not be read at all. */
  unreadable: { file: string; reason: string }[];
}

/** The command that sets a runbook's `last_drilled` (arguments: document URI, YYYY-MM-DD), as an edit the editor applies. */
export const MARK_DRILLED_COMMAND = 'runbooks.markDrilled';

/** `runbooks/alertNames`: every alert name the workspace's rule files (config `alerts.rules`) define, sorted. */
export const ALERT_NAMES_REQUEST = 'runbooks/alertNames';
export type AlertNamesResult = string[];

/** `runbooks/coverage`: the workspace's alert coverage, per folder and rule file, for the coverage view. */
export const COVERAGE_REQUEST = 'runbooks/coverage';
/** The coverage states of an alert, as `runbooks coverage --format json` names them. */
export type CoverageStatusName = 'covered' | 'not-current' | 'missing' | 'dead-link' | 'not-checkable';
export interface CoverageAlertItem {
  name: string;
  /** The rule file's URI and the `alert:` pair's range: where clicking goes. */
  uri: string;
  range: WireRange;
  severity: string | null;
  paging: boolean;
  status: CoverageStatusName;
  runbooks: { uri: string; path: string; notCurrent: string | null }[];
  /** The first coverage finding's message on this alert, if any. */
  message: string | null;
}
export interface CoverageRuleFileItem {
  uri: string;
  path: string;
  alerts: CoverageAlertItem[];
  /** Problems reading it (alerts/invalid-rules-file). */
  problems: string[];
}
export interface CoverageFolderItem {
  folder: string;
  config: string | null;
  ruleFiles: CoverageRuleFileItem[];
  orphans: { uri: string; path: string; alerts: string[]; renamedTo: string | null }[];
  summary: {
    alerts: number; withRunbook: number; notCurrent: number; without: number; missing: number; deadLink: number; notCheckable: number; orphans: number;
    /** The summary in the CLI's words (`runbooks coverage`'s last two lines). */
    lines?: string[];
  };
}
export interface CoverageResult {
  folders: CoverageFolderItem[];
}

/** `runbooks/skeleton`: a whole new runbook from the schema of the project `uri` is in, as text and as a snippet. */
export const SKELETON_REQUEST = 'runbooks/skeleton';
export interface SkeletonParams {
  /** Where the runbook will be (its project's schema applies); default: the first workspace folder. */
  uri?: string;
  title?: string;
  service?: string;
  owner?: string;
  alerts?: string[];
}
export interface SkeletonResult {
  text: string;
  snippet: string;
}

/** `runbooks/status`: what applies to a document (schema, config file, trust) and its finding counts. */
export const STATUS_REQUEST = 'runbooks/status';
export interface StatusParams {
  uri: string;
}
export interface StatusResult {
  isRunbook: boolean;
  trusted: boolean;
  /** "bundled" or the team schema's path. */
  schema: string;
  schemaError?: string;
  /** The config file that applies (absolute path), if any. */
  configFile?: string;
  counts: { error: number; warning: number; info: number };
}

/** `runbooks/frontMatterValues`: the `service` or `owner` values the workspace's runbooks use, most used first. */
export const FRONT_MATTER_VALUES_REQUEST = 'runbooks/frontMatterValues';
export interface FrontMatterValuesParams {
  key: 'service' | 'owner';
}
