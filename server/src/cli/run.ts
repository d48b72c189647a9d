/**
 * `runbooks run <runbook.md> --step <position|id> --timeline <file> [--actor NAME] [--set name=value]... [--yes]`:
 * runs one step with output streamed to the terminal, logging command-started and command-finished to the timeline.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { constants as osConstants } from 'node:os';
import { describeRunResult, runStepLogged, workspaceRelativePath, type RunResult } from '../engine/runner/index';
import { loggedCommand, PlaceholderValueError, placeholderValues } from '../engine/steps/placeholders';
import { stepBlanks, variableAssignments, type StepBlank } from '../engine/steps/blanks';
import { stepWarnings } from '../engine/steps/checks';
import { decideStep, describeReasons, type EffectOptions, type StepDecision } from '../engine/steps/effect';
import { resolveActor } from '../engine/timeline/actor';
import type { TimelineEvent } from '../engine/timeline/event';
import { timelinePathProblem } from '../engine/timeline/store';
import type { Runbook } from '../engine/index';
import type { Step } from '../engine/types';
import { cliIncidentServices, shareAndPost } from './incident-travel';
import type { CliIO } from './io';
import { Prompter } from './run-prompts';
import { loadRunbookAndEffect } from './steps';

const USAGE = 'usage: runbooks run <runbook.md> --step <position|id> --timeline <file> [--actor NAME] '
  + '[--set name=value]... [--yes] [--timeout SECONDS] [--schema FILE]';

interface RunArgs {
  runbook: string;
  schema?: string;
  step: string;
  timeline: string;
  actor?: string;
  values: Record<string, string>;
  yes: boolean;
  timeoutMs?: number;
}

/** Runs one step; returns the step's exit code, 2 for a usage error (nothing run, nothing written). */
export async function runCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseRunArgs(argv, io);
  if (typeof args === 'number') return args;

  // Before anything is asked or run: a timeline that is a link, a FIFO or a device is refused (never followed).
  const timelineProblem = await timelinePathProblem(path.resolve(io.cwd, args.timeline));
  if (timelineProblem) {
    io.stderr.write(`runbooks run: --timeline: ${timelineProblem}; nothing was run\n`);
    return 2;
  }

  const loaded = await loadRunbookAndEffect(io, args.runbook, args.schema, 'runbooks run');
  if (!loaded) return 2;
  const runbook = loaded.runbook;
  const steps = runbook.steps;
  const step = findStep(steps, args.step);
  if (!step) {
    const known = steps.map((s) => `${s.position} (${s.id})`).join(', ') || 'none';
    io.stderr.write(`runbooks run: no step "${args.step}" in ${args.runbook}; steps: ${known}\n`);
    return 2;
  }

  const prompter = io.isTTY ? new Prompter(io) : undefined;
  let prepared: PreparedRun | number;
  try {
    prepared = await prepareStepRun(io, prompter, runbook, step, args.values, args.yes, 'runbooks run', loaded.effect);
  } finally {
    prompter?.close();
  }
  if (typeof prepared === 'number') return prepared;

  const controller = new AbortController();
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    controller.abort();
    // The first signal cancels the step (and logs it); a second ends the process at once, even if writing the
    // timeline is stuck (a hung network file system, another writer's lock).
    if (++signals > 1) process.exit(128 + (osConstants.signals[signal] ?? 1));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const run = await executeStepRun(io, {
      runbookFile: path.resolve(io.cwd, args.runbook), step, timeline: args.timeline, actor: args.actor, timeoutMs: args.timeoutMs, prepared,
    }, controller.signal, 'runbooks run');
    // The step's exit code stays the command's: what did not go out is said on stderr, and stays queued.
    const timeline = path.resolve(io.cwd, args.timeline);
    if (run.written?.length) await shareAndPost(io, 'runbooks run', cliIncidentServices(timeline).services, run.written);
    return run.code;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** What a run needs once its checks passed and its blanks have values. */
export interface PreparedRun {
  values: Record<string, string>;
  variables: Record<string, string>;
  secretNames: string[];
  /** What the step does, as decideStep said before it was confirmed (recorded on its command events). */
  decision: StepDecision;
}

/**
 * Everything before a step runs, as `runbooks run` does it: warnings (a step that may not run as written runs only
 * with --yes or a yes on the terminal), the blanks' values (given, else asked), and the confirmation the engine asks
 * for (decideStep: anything not known read-only). A step that runs nothing is refused. Resolves with the run's
 * values, or the exit code after saying why nothing runs.
 */
export async function prepareStepRun(
  io: CliIO, prompter: Prompter | undefined, runbook: Runbook, step: Step, givenValues: Record<string, string>, yes: boolean, who: string,
  effect: EffectOptions = {},
): Promise<PreparedRun | number> {
  const decision = decideStep(step, effect);
  if (decision.refusal) {
    io.stderr.write(`${who}: ${decision.refusal} Nothing was run.\n`);
    return 2;
  }
  const blanks = stepBlanks(step.commands, process.env);
  const secretNames = blanks.filter((b) => b.secret).map((b) => b.name);
  // Before anything is asked: a step that cannot run as written says so, and runs only when told to.
  const warnings = stepWarnings(runbook, step);
  for (const warning of warnings) io.stderr.write(`${who}: warning: ${warning}\n`);
  if (warnings.length > 0 && !yes) {
    if (!prompter) {
      io.stderr.write(`${who}: ${step.id} may not run as written; pass --yes to run it anyway\n`);
      return 2;
    }
    if (!(await prompter.confirm('Run it anyway?'))) {
      io.stderr.write(`${who}: not run\n`);
      return 1;
    }
  }
  const given = await completeBlanks(io, prompter, step, blanks, givenValues, who);
  if (!given) return 2;
  const confirmation = decision.needsConfirmation ? decision.confirmation : undefined;
  if (confirmation && !yes) {
    const because = decision.reasons.length > 0 ? `\n${indent(describeReasons(decision.reasons))}\n` : '\n';
    if (!prompter) {
      io.stderr.write(`${who}: ${step.label} (${step.id}) ${confirmation.reason}; pass --yes to run it${because}`);
      return 2;
    }
    const shown = variableAssignments(given.variables, new Set(secretNames)).logged + loggedCommand(step.commands, given.values, secretNames);
    io.stderr.write(`\n${step.label[0].toUpperCase()}${step.label.slice(1)} (${step.id}) will run:\n\n${indent(shown)}\n\nIt ${confirmation.reason}.${because}\n`);
    if (!(await prompter.confirm(`Run ${step.label}?`))) {
      io.stderr.write(`${who}: not run\n`);
      return 1;
    }
  }
  return { values: given.values, variables: given.variables, secretNames, decision };
}

/** Runs a prepared step into the timeline with output streamed; resolves with the CLI's exit code and the result. */
export async function executeStepRun(
  io: CliIO,
  run: { runbookFile: string; step: Step; timeline: string; actor?: string; timeoutMs?: number; prepared: PreparedRun },
  signal: AbortSignal,
  who: string,
): Promise<{ code: number; result?: RunResult; written?: TimelineEvent[] }> {
  try {
    const { result, started, finished } = await runStepLogged({
      timeline: path.resolve(io.cwd, run.timeline),
      runbook: workspaceRelativePath(io.cwd, run.runbookFile),
      step: run.step,
      actor: resolveActor(run.actor, io.cwd),
      cwd: io.cwd,
      values: run.prepared.values,
      variables: run.prepared.variables,
      secretNames: run.prepared.secretNames,
      signal,
      timeoutMs: run.timeoutMs,
      onOutput: (chunk, stream) => (stream === 'stdout' ? io.stdout : io.stderr).write(chunk),
      decision: run.prepared.decision,
    });
    io.stderr.write(`${who}: ${run.step.id} ${describeRunResult(result, run.timeoutMs)}; logged to ${run.timeline}\n`);
    return { code: processExitCode(result), result, written: [started, finished] };
  } catch (err) {
    io.stderr.write(`${who}: ${(err as Error).message}\n`);
    // A value that cannot be inserted is refused before anything runs or is written, like any other bad argument.
    return { code: err instanceof PlaceholderValueError ? 2 : 1 };
  }
}

/** Parses and checks the arguments; a number is the exit code of a usage error already reported. */
function parseRunArgs(argv: string[], io: CliIO): RunArgs | number {
  const fail = (message: string): number => {
    io.stderr.write(`runbooks run: ${message}\n${USAGE}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        step: { type: 'string' }, timeline: { type: 'string' }, actor: { type: 'string' }, schema: { type: 'string' },
        set: { type: 'string', multiple: true }, yes: { type: 'boolean', short: 'y' }, timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return fail((err as Error).message);
  }
  const { values: v, positionals } = parsed;
  if (v.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) return fail('expected exactly one runbook file');
  if (!v.step) return fail('--step is required');
  if (!v.timeline) return fail('--timeline is required');
  const values = placeholderValues();
  for (const pair of v.set ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return fail(`--set expects name=value, got "${pair}"`);
    values[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
  }
  let timeoutMs: number | undefined;
  if (v.timeout !== undefined) {
    const seconds = Number(v.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0) return fail(`--timeout expects a positive number of seconds, got "${v.timeout}"`);
    timeoutMs = Math.round(seconds * 1000);
  }
  return { runbook: positionals[0], schema: v.schema, step: v.step, timeline: v.timeline, actor: v.actor, values, yes: !!v.yes, timeoutMs };
}

/** A step by 1-based position or by id. */
function findStep(steps: Step[], wanted: string): Step | undefined {
  if (/^\d+$/.test(wanted)) return steps.find((s) => s.position === Number(wanted));
  return steps.find((s) => s.id === wanted);
}

/**
 * Every blank's value ({{name}}, <name>, $NAME the environment lacks): given with --set, else asked on a TTY (hidden
 * for secrets, with where it appears); undefined after reporting.
 */
async function completeBlanks(
  io: CliIO, prompter: Prompter | undefined, step: Step, blanks: StepBlank[], given: Record<string, string>, who: string,
): Promise<{ values: Record<string, string>; variables: Record<string, string> } | undefined> {
  const values = placeholderValues(given);
  const variables = placeholderValues();
  const has = (name: string) => Object.prototype.hasOwnProperty.call(given, name);
  for (const b of blanks) if (b.kind === 'variable' && has(b.name)) variables[b.name] = given[b.name];
  const missing = blanks.filter((b) => !has(b.name));
  if (missing.length === 0) return { values, variables };
  if (!prompter) {
    const flags = missing.map((b) => `--set ${b.name}=VALUE`).join(' ');
    io.stderr.write(`${who}: ${step.id} needs ${missing.map((b) => b.written).join(', ')}; pass ${flags}\n`);
    return undefined;
  }
  for (const b of missing) {
    const where = b.written === `{{${b.name}}}` ? '' : ` (${b.written}, line ${b.line + 1} of the step)`;
    const answer = await prompter.ask(`${b.name}${where}${b.secret ? ' (hidden)' : ''}: `, b.secret);
    if (answer === undefined) {
      io.stderr.write(`${who}: no value for ${b.written}; nothing was run\n`);
      return undefined;
    }
    if (b.kind === 'variable') variables[b.name] = answer;
    else values[b.name] = answer;
  }
  return { values, variables };
}

function indent(text: string): string {
  return text.split('\n').map((l) => `    ${l}`).join('\n');
}

/** The CLI's exit code: the step's; 130 cancelled, 124 timed out (as timeout(1)), 128+n killed by signal n, else 1. */
function processExitCode(result: RunResult): number {
  if (result.exitCode !== null) return result.exitCode;
  if (result.cancelled) return 130;
  if (result.timedOut) return 124;
  const signalNumber = result.signal ? osConstants.signals[result.signal] : undefined;
  return signalNumber ? 128 + signalNumber : 1;
}
