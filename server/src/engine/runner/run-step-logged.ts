/**
 * Runs one runbook step and records it in the incident timeline: `command-started` before, `command-finished` after.
 * Shared by the CLI and the editor so both write the same events.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type { Step } from '../types';
import type { TimelineEvent } from '../timeline/event';
import { appendEvent, nowIso } from '../timeline/store';
import { fillPlaceholders, loggedCommand, missingPlaceholders } from '../steps/placeholders';
import { variableAssignments } from '../steps/assignments';
import { classifyCommands, type EffectReason, type StepDecision } from '../steps/effect';
import { describeRunResult } from './describe-result';
import { EXCERPT_LINES, outputExcerpt } from './output-tail';
import { runCommands, type OutputStream, type RunResult } from './run-commands';

export interface RunStepLoggedOptions {
  /** The timeline file (absolute, or relative to the process cwd). */
  timeline: string;
  /** The runbook's path relative to the workspace folder, '/'-separated. */
  runbook: string;
  step: Step;
  actor: string;
  /** Where the step runs: the workspace folder. */
  cwd: string;
  /** Placeholder values; every placeholder of the step must have one. */
  values?: Readonly<Record<string, string>>;
  /** Values of the variables the step uses but never sets (`$NAMESPACE`): set before its commands run. */
  variables?: Readonly<Record<string, string>>;
  /** Placeholders asked in a password box: their values are used to run but never written anywhere. */
  secretNames?: ReadonlySet<string> | readonly string[];
  signal?: AbortSignal;
  timeoutMs?: number;
  killGraceMs?: number;
  shell?: string;
  env?: NodeJS.ProcessEnv;
  /** Recorded as `host`; default os.hostname(). */
  host?: string;
  onOutput?: (chunk: string, stream: OutputStream) => void;
  /** What the step does, as decideStep said when the run was confirmed; default: the bundled classifier's verdict. */
  decision?: Pick<StepDecision, 'effect' | 'reasons'>;
}

/** How many deciding commands an event records: enough for any step, bounded for one that is a whole script. */
const MAX_REASONS = 50;

export interface RunStepLoggedResult {
  /** The run as it happened: its output is neither redacted nor cut. */
  result: RunResult;
  /** The events as written (redacted, output cut to the excerpt). */
  started: TimelineEvent;
  finished: TimelineEvent;
}

/** Thrown before anything runs or is written when a placeholder has no value. */
export class MissingPlaceholderError extends Error {
  constructor(readonly names: string[]) {
    super(`no value for placeholder${names.length > 1 ? 's' : ''} ${names.map((n) => `{{${n}}}`).join(', ')}`);
    this.name = 'MissingPlaceholderError';
  }
}

/** Thrown when the timeline could not take an event of the run; `ran` says whether the step's commands ran. */
export class StepNotRecordedError extends Error {
  constructor(message: string, readonly ran: boolean, readonly cause?: unknown, readonly result?: RunResult) {
    super(message);
    this.name = 'StepNotRecordedError';
  }
}

/** The workspace-relative, '/'-separated path of a runbook, as recorded in command events. */
export function workspaceRelativePath(workspaceFolder: string, file: string): string {
  const relative = path.relative(workspaceFolder, path.resolve(workspaceFolder, file));
  return relative.split(path.sep).join('/');
}

/** Appends command-started, runs the step, appends command-finished; resolves with the run's result and both events. */
export async function runStepLogged(options: RunStepLoggedOptions): Promise<RunStepLoggedResult> {
  const values = options.values ?? {};
  const missing = missingPlaceholders(options.step.commands, values);
  if (missing.length > 0) throw new MissingPlaceholderError(missing);

  const secretNames = new Set(options.secretNames ?? []);
  const variables = options.variables ?? {};
  const secretValues = [...secretNames].map((name) => values[name] ?? variables[name]).filter((v): v is string => !!v && v.length > 0);
  const scrub = (text: string): string => removeValues(text, secretValues);

  // What runs has every value; what is written is the same command with each password-box value as [REDACTED]. The
  // store redacts whatever else its detectors find, and only then is anything cut.
  const assignments = variableAssignments(variables, secretNames);
  const runnable = assignments.run + fillPlaceholders(options.step.commands, values);
  const loggedCommands = loggedCommand(options.step.commands, values, secretNames);
  const logged = assignments.logged + loggedCommands;
  const effect = options.decision ?? classifyCommands(options.step.commands);
  const common = {
    runbook: options.runbook,
    step: options.step.id,
    command: logged,
    cwd: options.cwd,
    host: options.host ?? os.hostname(),
    // What the schema said of the step when it ran: the one-change-at-a-time rule and the postmortem read these.
    ...(options.step.section ? { section: options.step.section } : {}),
    changesProduction: options.step.changesProduction,
    // What the classifier said: which commands made it ask (or not), for the postmortem and one-change-at-a-time.
    effect: effect.effect,
    effectReasons: effect.reasons.slice(0, MAX_REASONS).map((r: EffectReason) => ({ command: r.command, effect: r.effect, why: r.why })),
  };

  const started: TimelineEvent = {
    ts: nowIso(), actor: options.actor, kind: 'command-started', text: `Ran ${options.step.label} (${options.step.id}): ${firstLine(loggedCommands)}`, ...common,
  };
  // If the start cannot be recorded, nothing runs: an unrecorded production change is worse than none.
  let startedWritten = started;
  try {
    await appendEvent(options.timeline, started, { afterRedaction: (redacted) => (startedWritten = redacted) });
  } catch (error) {
    throw new StepNotRecordedError(`${options.step.id} was not run: its start could not be recorded (${(error as Error).message})`, false, error);
  }

  const result = await runCommands({
    commands: runnable,
    cwd: options.cwd,
    shell: options.shell,
    env: options.env,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    killGraceMs: options.killGraceMs,
    onOutput: options.onOutput,
  });

  const finished: TimelineEvent = {
    ts: nowIso(),
    actor: options.actor,
    kind: 'command-finished',
    text: `${options.step.id} ${describeRunResult(result, options.timeoutMs)}`,
    ...common,
    exitCode: result.exitCode,
    durationMs: Math.max(0, Math.round(result.durationMs)),
    // Password-box values are removed here; the store's detectors redact the rest before the excerpt is cut.
    output: scrub(result.output),
    ...(result.cancelled ? { cancelled: true as const } : {}),
    ...(result.timedOut ? { timedOut: true as const } : {}),
  };
  let finishedWritten = finished;
  try {
    await appendEvent(options.timeline, finished, {
      afterRedaction: (redacted) => (finishedWritten = { ...redacted, output: outputExcerpt(redacted.output ?? '', EXCERPT_LINES) }),
    });
  } catch (error) {
    // The step has run: say so, and how it ended, so nobody re-runs a production change believing it did not happen.
    throw new StepNotRecordedError(
      `${options.step.id} ran and ${describeRunResult(result, options.timeoutMs)}, but its result could not be recorded in the timeline (${(error as Error).message})`,
      true, error, result,
    );
  }
  return { result, started: startedWritten, finished: finishedWritten };
}

/** The first non-empty line of a command, for the event's one-line text (not cut here: a cut before redaction could
 * split a secret; a reader shortens it for display). */
function firstLine(command: string): string {
  return command.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
}

/** Replaces every occurrence of each value with [REDACTED]. */
function removeValues(text: string, values: readonly string[]): string {
  let out = text;
  for (const value of [...values].sort((a, b) => b.length - a.length)) out = out.split(value).join('[REDACTED]');
  return out;
}
