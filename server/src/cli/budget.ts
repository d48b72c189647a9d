/**
 * The CLI's per-file budget: a file of a costly shape (see isCostly) is analysed in a worker thread with a time and
 * memory budget, so one hostile file cannot stall `runbooks lint` for minutes or exhaust its memory; past the budget
 * it gets an `engine/too-complex` finding and the run goes on. Other files are analysed where they are.
 */
import { relative, sep } from 'node:path';
import { AnalysisPool } from '../engine/analysis/pool';
import { historyOf, type StepHistory } from '../engine/history/index';
import { rehydrate } from '../engine/analysis/job';
import { analyzeText, isCostly, schemaOfProfile, tooComplex, type AnalyzeOptions, type LintProfile } from '../engine/analyze';
import { emptyRunbook } from '../engine/parse';
import { lintParsed, type LintResult, type Runbook } from '../engine/index';

/** The CLI's budgets: generous (a CI run can wait), but finite. */
export const CLI_BUDGET = { hardMs: 30_000, memoryMb: 2048 };

let script: string | undefined;
let pool: AnalysisPool | undefined;

/** Lets costly files go to budgeted workers running `bundle` (the CLI bundle); without it they run unbudgeted. */
export function enableBudgetWorkers(bundle: string): void {
  script = bundle;
}

/** Analyses one file's text, within the budget when its shape is costly. */
export async function analyzeWithinBudget(text: string, file: string, profile: LintProfile, options: AnalyzeOptions): Promise<{ runbook: Runbook; result: LintResult }> {
  if (!script || !isCostly(text)) return analyzeText(text, file, profile, options);
  // No delay before a costly file: in the CLI no newer version of it can come and replace its analysis.
  pool ??= new AnalysisPool({ script, softMs: CLI_BUDGET.hardMs, hardMs: CLI_BUDGET.hardMs, memoryMb: CLI_BUDGET.memoryMb, maxWorkers: 1, costlyDelayMs: 0 });
  const outcome = await pool.run({
    uri: file, version: 0, text, path: file, profile, today: options.today, linkRoot: options.linkRoot ?? process.cwd(),
    linkTtlMs: options.linkTtlMs ?? Number.MAX_SAFE_INTEGER, severitiesOnlyLower: false,
    ...(historyOfFile(options, file) ? { history: historyOfFile(options, file) } : {}),
  }, { isCancellationRequested: false });
  const schema = schemaOfProfile(profile);
  if (outcome.kind === 'done') {
    const { runbook, lint } = rehydrate(outcome.result, text, schema);
    return { runbook, result: lint };
  }
  const why = outcome.kind === 'failed' ? new Error(outcome.message.split('\n')[0])
    : tooComplex(text, outcome.kind === 'over-budget' ? outcome.why : 'time', outcome.kind === 'over-budget' && outcome.why === 'memory' ? `${CLI_BUDGET.memoryMb} MB` : `${CLI_BUDGET.hardMs / 1000} s`);
  const runbook = emptyRunbook(text, schema, why);
  return { runbook, result: await lintParsed(runbook, { today: options.today, severities: profile.severities }) };
}

function historyOfFile(options: AnalyzeOptions, file: string): StepHistory | undefined {
  if (options.history) return options.history;
  return options.historyIndex ? historyOf(options.historyIndex, relative(options.linkRoot ?? process.cwd(), file).split(sep).join('/')) : undefined;
}

/** Ends the budget worker, if one was started (so the process can exit). */
export function disposeBudgetWorkers(): void {
  pool?.dispose();
  pool = undefined;
}
