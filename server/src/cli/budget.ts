/**
 * The CLI's per-file budget: a file of a costly shape (see isCostly) is analysed in a worker thread with a time and
 * memory budget, so one hostile file cannot stall `runbooks lint` for minutes or exhaust its memory; past the budget
 * it gets an `engine/too-complex` finding and the run goes on. Other files are analysed where they are.
 */
import { relative, sep } from 'node:path';
import { AnalysisPool } from '../engine/analysis/pool';
import { historyOf, type StepHistory } from '../engine/history/index';
import { rehydrate } from '../engine/analysis/job';
import { analyzeText, isCostly, tooComplex, type AnalyzeOptions, type LintProfile } from '../engine/analyze';
import { nodeHost } from '../engine/session/host';
import { createSession, type EngineSession } from '../engine/session/session';
import { emptyRunbook } from '../engine/parse';
import { lintParsed, type LintResult, type Runbook } from '../engine/index';

/** The CLI's budgets: generous (a CI run can wait), but finite. */
export const CLI_BUDGET = { hardMs: 30_000, memoryMb: 2048 };

/** Analyses one file's text, within the budget when its shape is costly (the pool is the session's). */
export async function analyzeWithinBudget(text: string, file: string, profile: LintProfile, options: AnalyzeOptions): Promise<{ runbook: Runbook; result: LintResult }> {
  const session = options.session ?? createSession(nodeHost());
  const script = session.host.workers.script;
  if (!script || !isCostly(text)) return analyzeText(text, file, profile, { ...options, session });
  // No delay before a costly file: in the CLI no newer version of it can come and replace its analysis.
  const pool = session.keep(BUDGET_POOL,
    () => new AnalysisPool({ script, softMs: CLI_BUDGET.hardMs, hardMs: CLI_BUDGET.hardMs, memoryMb: CLI_BUDGET.memoryMb, maxWorkers: 1, costlyDelayMs: 0 }),
    (made) => made.dispose());
  const today = options.today ?? session.today();
  const outcome = await pool.run({
    uri: file, version: 0, text, path: file, profile, today, linkRoot: options.linkRoot ?? session.host.cwd(),
    linkTtlMs: options.linkTtlMs ?? Number.MAX_SAFE_INTEGER, severitiesOnlyLower: false,
    ...(historyOfFile(options, file, session) ? { history: historyOfFile(options, file, session) } : {}),
  }, { isCancellationRequested: false });
  const schema = session.schemaOf(profile);
  if (outcome.kind === 'done') {
    const { runbook, lint } = rehydrate(outcome.result, text, schema);
    return { runbook, result: lint };
  }
  const why = outcome.kind === 'failed' ? new Error(outcome.message.split('\n')[0])
    : tooComplex(text, outcome.kind === 'over-budget' ? outcome.why : 'time', outcome.kind === 'over-budget' && outcome.why === 'memory' ? `${CLI_BUDGET.memoryMb} MB` : `${CLI_BUDGET.hardMs / 1000} s`);
  const runbook = emptyRunbook(text, schema, why);
  return { runbook, result: await lintParsed(runbook, { today, severities: profile.severities }) };
}

const BUDGET_POOL = 'cli-budget-pool';

function historyOfFile(options: AnalyzeOptions, file: string, session: EngineSession): StepHistory | undefined {
  if (options.history) return options.history;
  return options.historyIndex ? historyOf(options.historyIndex, relative(options.linkRoot ?? session.host.cwd(), file).split(sep).join('/')) : undefined;
}

