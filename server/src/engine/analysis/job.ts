/**
 * One document version's analysis as a job a worker thread can run: plain data in, plain data out (structured
 * clone), the same `analyzeText` as the CLI in between. The main thread puts the schema and the line index back.
 */
import { analyzeText, type LintProfile } from '../analyze';
import type { EngineSession } from '../session/session';
import { AnalysisBudgetError, LineIndex, type Finding, type LintResult, type Runbook, type RunbookSchema } from '../index';
import type { RunbookDrills } from '../drills/notes';
import type { StepHistory } from '../history/index';

export interface AnalysisJob {
  uri: string;
  version: number;
  text: string;
  path: string;
  profile: LintProfile;
  today: string;
  linkRoot: string;
  linkTtlMs: number;
  severitiesOnlyLower: boolean;
  history?: StepHistory;
  drills?: RunbookDrills;
}

/** A runbook model without what does not cross threads (the compiled schema, the line index's class). */
export type PortableRunbook = Omit<Runbook, 'schema' | 'index'>;

export interface AnalysisJobResult {
  runbook: PortableRunbook;
  findings: Finding[];
  failures: { rule: string; message: string; stack?: string }[];
}

/** Runs a job in a session: parse and lint with its chunk cache (a worker's session keeps it for the next version). */
export async function runAnalysisJob(job: AnalysisJob, session: EngineSession): Promise<AnalysisJobResult> {
  const { runbook, result } = await analyzeText(job.text, job.path, job.profile, {
    session,
    today: job.today,
    linkRoot: job.linkRoot,
    linkTtlMs: job.linkTtlMs,
    history: job.history,
    drills: job.drills,
    severitiesOnlyLower: job.severitiesOnlyLower,
    cacheChunks: true,
  });
  const { schema: _schema, index: _index, ...portable } = runbook;
  return {
    runbook: portable,
    findings: result.findings,
    failures: result.failures.map((f) => ({ rule: f.rule, message: f.error.message, ...(f.error.stack ? { stack: f.error.stack } : {}) })),
  };
}

/** The model and lint result back on the main thread, with its schema and line index. */
export function rehydrate(result: AnalysisJobResult, text: string, schema: RunbookSchema): { runbook: Runbook; lint: LintResult } {
  const runbook: Runbook = { ...result.runbook, schema, index: new LineIndex(text) };
  // An Error crosses threads as a plain Error: the budget error's class is restored from its name.
  const parseError = runbook.parseError as (Error & { code?: string }) | undefined;
  if (parseError && parseError.name === 'AnalysisBudgetError' && !(parseError instanceof AnalysisBudgetError)) {
    runbook.parseError = new AnalysisBudgetError(parseError.code as 'engine/too-large', parseError.message);
  }
  const failures = result.failures.map((f) => {
    const error = new Error(f.message);
    if (f.stack) error.stack = f.stack;
    return { rule: f.rule, error };
  });
  return { runbook, lint: { runbook, findings: result.findings, failures } };
}
