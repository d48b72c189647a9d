/**
 * The custom requests between the Runbooks client and language server: names and shapes, shared by both sides.
 * Types only (and the method names), so the client can import it without pulling in the engine.
 */

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
