/**
 * One document version's analysis as a job a worker thread can run: plain data in, plain data out (structured
 * clone), the same `analyzeText` as the CLI in between. The main thread puts the schema and the line index back.
 */
import { analyzeText, tooComplex, type LintProfile } from '../analyze';
import { emptyRunbook } from '../parse';
import type { EngineSession } from '../session/session';
import { AnalysisBudgetError, LineIndex, lintParsed, type Finding, type LintResult, type Range, type Runbook, type RunbookSchema } from '../index';
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
  /**
   * Set when this version's full analysis ran out of a budget or failed: only the text-based checks run (the
   * credential scan of the whole text), with the finding that says why. It runs in a worker like the analysis, so a
   * 500 KB document's scan never holds up the server's thread.
   */
  fallback?: AnalysisFallback;
}

export type AnalysisFallback = { why: 'time' | 'memory'; budget: string } | { failed: string };

/** A runbook model without what does not cross threads (the compiled schema, the line index's class). */
export type PortableRunbook = Omit<Runbook, 'schema' | 'index' | 'text'>;

export interface AnalysisJobResult {
  runbook: PortableRunbook;
  findings: Finding[];
  failures: { rule: string; message: string; stack?: string }[];
}

/** Runs a job in a session: parse and lint with its chunk cache (a worker's session keeps it for the next version). */
export async function runAnalysisJob(job: AnalysisJob, session: EngineSession): Promise<AnalysisJobResult> {
  const { runbook, result } = job.fallback ? await textChecks(job, job.fallback, session) : await analyzeText(job.text, job.path, job.profile, {
    session,
    today: job.today,
    linkRoot: job.linkRoot,
    linkTtlMs: job.linkTtlMs,
    history: job.history,
    drills: job.drills,
    severitiesOnlyLower: job.severitiesOnlyLower,
    cacheChunks: true,
  });
  const { schema: _schema, index: _index, text: _text, parseError, ...portable } = runbook;
  return {
    // The text is the job's own (the main thread has it); an Error crosses threads without its class or fields.
    runbook: { ...portable, ...(parseError ? { parseError: portableError(parseError) } : {}) },
    findings: result.findings,
    failures: result.failures.map((f) => ({ rule: f.rule, message: f.error.message, ...(f.error.stack ? { stack: f.error.stack } : {}) })),
  };
}

/** The text-only checks of a version whose analysis was cut (see AnalysisJob.fallback). */
async function textChecks(job: AnalysisJob, fallback: AnalysisFallback, session: EngineSession): Promise<{ runbook: Runbook; result: LintResult }> {
  const why = 'failed' in fallback ? new Error(fallback.failed) : tooComplex(job.text, fallback.why, fallback.budget);
  const runbook = emptyRunbook(job.text, session.schemaOf(job.profile), why);
  return { runbook, result: await lintParsed(runbook, { today: job.today, severities: job.profile.severities, severitiesOnlyLower: job.severitiesOnlyLower }) };
}

/** What crosses threads of an error: its name, message, stack and the budget error's code and range. */
interface PortableError { name: string; message: string; stack?: string; code?: string; range?: Range }

function portableError(error: Error): Error {
  const { code, range } = error as Error & { code?: string; range?: Range };
  const plain: PortableError = { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}), ...(code ? { code } : {}), ...(range ? { range } : {}) };
  return plain as Error;
}

/** The model and lint result back on the main thread, with its text, schema and line index. */
export function rehydrate(result: AnalysisJobResult, text: string, schema: RunbookSchema): { runbook: Runbook; lint: LintResult } {
  const runbook: Runbook = { ...result.runbook, text, schema, index: new LineIndex(text) };
  // The budget error's class is restored from its name, other errors become Errors again.
  const parseError = runbook.parseError as PortableError | undefined;
  if (parseError && !(parseError instanceof Error)) {
    runbook.parseError = parseError.name === 'AnalysisBudgetError'
      ? new AnalysisBudgetError(parseError.code as 'engine/too-large' | 'engine/too-complex', parseError.message, parseError.range)
      : Object.assign(new Error(parseError.message), { name: parseError.name, ...(parseError.stack ? { stack: parseError.stack } : {}) });
  }
  const failures = result.failures.map((f) => {
    const error = new Error(f.message);
    if (f.stack) error.stack = f.stack;
    return { rule: f.rule, error };
  });
  return { runbook, lint: { runbook, findings: result.findings, failures } };
}
