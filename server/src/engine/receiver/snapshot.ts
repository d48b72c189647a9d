/**
 * The snapshot taken when an alert opens an incident, before anyone acts: the runbook's steps that the step
 * classifier says run without a confirmation (read-only commands in a read-only section), in order, each under a
 * timeout and all under one budget, blanks filled from the alert's labels. Default deny: without a classifier
 * nothing runs; a step with a blank no label fills, a step that may not run as written, and every step once the kill
 * switch file exists or the budget is spent are skipped and named in the timeline.
 */
import { existsSync } from 'node:fs';
import type { Runbook } from '../parse';
import { runStepLogged } from '../runner/run-step-logged';
import { stepBlanks, type StepBlank } from '../steps/blanks';
import { stepWarnings } from '../steps/checks';
import { placeholderValues } from '../steps/placeholders';
import type { AlertRecord } from '../timeline/event';
import { appendEvent, nowIso } from '../timeline/store';
import type { StepDecision } from '../steps/effect';
import type { Step } from '../types';
import { RECEIVER_ACTOR } from './events';
import type { ReceiverSettings } from './settings';

/** The step classifier's decision for a step (steps/effect.ts `decideStep`, with the team's command table). */
export type DecideStep = (runbook: Runbook, step: Step) => StepDecision;

export interface SnapshotRunbook {
  /** Workspace-relative path, as command events record it. */
  path: string;
  runbook: Runbook;
}

export interface SnapshotOptions {
  timeline: string;
  runbooks: readonly SnapshotRunbook[];
  alert: AlertRecord;
  /** Where steps run: the workspace folder. */
  cwd: string;
  /** Undefined when no classifier is connected: then nothing runs. */
  decide: DecideStep | undefined;
  settings: Pick<ReceiverSettings, 'stepTimeoutMs' | 'snapshotBudgetMs' | 'labels' | 'killSwitch'>;
  /** Aborted on shutdown: the running step is cancelled (and recorded so), the rest skipped. */
  signal?: AbortSignal;
  /** A monotonic clock in ms (tests pin it). */
  clock?: () => number;
  env?: NodeJS.ProcessEnv;
}

export interface SnapshotReport {
  ran: string[];
  skipped: { step: string; reason: string }[];
  /** Steps left for a person: they need a confirmation (they change production, or their effect is unknown). */
  notEligible: number;
}

/** Takes the snapshot into the timeline; resolves with what ran and what was skipped. Throws only when the timeline cannot be written. */
export async function takeSnapshot(options: SnapshotOptions): Promise<SnapshotReport> {
  const report: SnapshotReport = { ran: [], skipped: [], notEligible: 0 };
  const note = (text: string) => appendEvent(options.timeline, { ts: nowIso(), actor: RECEIVER_ACTOR, kind: 'note', text });
  if (!options.decide) {
    await note('Snapshot not taken: no step classifier is connected to this receiver, and no step runs unless it is known to be read-only.');
    return report;
  }
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const plan: { path: string; runbook: Runbook; step: Step; decision: StepDecision }[] = [];
  for (const { path, runbook } of options.runbooks) {
    for (const step of runbook.steps) {
      const decision = options.decide(runbook, step);
      if (decision.needsConfirmation) report.notEligible++;
      else plan.push({ path, runbook, step, decision });
    }
  }
  const names = options.runbooks.map((r) => r.path).join(', ');
  await note(`Snapshot of ${names || 'no runbook'}: ${plan.length} read-only step${plan.length === 1 ? '' : 's'} to run; ${report.notEligible} left for a person (they need a confirmation).`);
  const env = options.env ?? process.env;
  for (const [i, { path, runbook, step, decision }] of plan.entries()) {
    const skip = async (reason: string) => {
      report.skipped.push({ step: step.id, reason });
      await note(`Snapshot skipped ${step.id} (${path}): ${reason}`);
    };
    if (options.signal?.aborted) {
      await skip('the receiver is shutting down');
      continue;
    }
    if (existsSync(options.settings.killSwitch)) {
      for (const rest of plan.slice(i)) report.skipped.push({ step: rest.step.id, reason: 'kill switch' });
      await note(`Snapshot stopped: the kill switch ${options.settings.killSwitch} exists; ${plan.length - i} step${plan.length - i === 1 ? '' : 's'} not run.`);
      break;
    }
    const remaining = options.settings.snapshotBudgetMs - (clock() - started);
    if (remaining <= 0) {
      await skip(`the snapshot's ${Math.round(options.settings.snapshotBudgetMs / 1000)} s budget is spent`);
      continue;
    }
    const warnings = stepWarnings(runbook, step);
    if (warnings.length > 0) {
      await skip(`it may not run as written (${warnings[0]})`);
      continue;
    }
    const blanks = stepBlanks(step.commands, env);
    const filled = fillFromLabels(blanks, options.alert.labels, options.settings.labels);
    if ('missing' in filled) {
      await skip(`no alert label fills ${filled.missing.join(', ')}`);
      continue;
    }
    await runStepLogged({
      timeline: options.timeline, runbook: path, step, actor: RECEIVER_ACTOR, cwd: options.cwd, values: filled.values,
      variables: filled.variables, decision, signal: options.signal, timeoutMs: Math.max(1, Math.min(options.settings.stepTimeoutMs, remaining)), env,
    });
    report.ran.push(step.id);
  }
  await note(`Snapshot done: ${report.ran.length} step${report.ran.length === 1 ? '' : 's'} ran${report.skipped.length ? `, ${report.skipped.length} skipped` : ''}.`);
  return report;
}

/**
 * The blanks' values from the alert's labels: the config's mapping first (blank -> label), else the label of the
 * blank's own name, lower case, with `_`/`-` alike and a trailing `-name` left off (`$NAMESPACE`, `<pod-name>`).
 * A blank that looks secret is never filled: nobody is there to type it.
 */
export function fillFromLabels(
  blanks: readonly StepBlank[], labels: Readonly<Record<string, string>>, mapping: Readonly<Record<string, string>>,
): { values: Record<string, string>; variables: Record<string, string> } | { missing: string[] } {
  const values = placeholderValues();
  const variables = placeholderValues();
  const missing: string[] = [];
  for (const blank of blanks) {
    const value = blank.secret ? undefined : labelFor(blank.name, labels, mapping);
    if (value === undefined || /[\r\n\0]/.test(value)) missing.push(blank.written);
    else if (blank.kind === 'variable') variables[blank.name] = value;
    else values[blank.name] = value;
  }
  return missing.length > 0 ? { missing } : { values, variables };
}

function labelFor(name: string, labels: Readonly<Record<string, string>>, mapping: Readonly<Record<string, string>>): string | undefined {
  const has = (key: string) => Object.prototype.hasOwnProperty.call(labels, key);
  const mapped = Object.prototype.hasOwnProperty.call(mapping, name) ? mapping[name] : undefined;
  if (mapped !== undefined) return has(mapped) ? labels[mapped] : undefined;
  const lower = name.toLowerCase();
  const candidates = [name, lower, lower.replace(/-/g, '_'), lower.replace(/[-_]name$/, ''), lower.replace(/_/g, '-')];
  const found = candidates.find(has);
  return found === undefined ? undefined : labels[found];
}
