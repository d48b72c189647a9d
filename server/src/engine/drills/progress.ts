/**
 * Where a drill stands, folded from its timeline and the runbook's steps: each step's outcome (ran, failed, rehearsed,
 * skipped, or not reached yet), its runs, its unclear flags and the time it took. Nothing is kept anywhere else, so a
 * drill interrupted in one window or terminal carries on from its timeline in another.
 */
import { incidentState } from '../incident/state';
import { eventTime, sortByTime } from '../incident/time';
import type { DrillStepOutcome, TimelineEvent } from '../timeline/event';
import type { DrillStep } from './events';

export type StepOutcome = 'ran' | 'failed' | 'rehearsed' | 'skipped' | 'not-reached';

/** One run of a step in the drill, from its `command-finished` event. */
export interface DrillRun {
  at: number;
  exitCode: number | null;
  durationMs?: number;
  output: string;
  cancelled?: boolean;
  timedOut?: boolean;
}

/** A note of the drill on a step (rehearsed, skipped or unclear). */
export interface DrillStepNote {
  outcome: DrillStepOutcome;
  note: string;
  actor: string;
  at: number;
}

export interface DrillStepProgress {
  step: DrillStep;
  /** The last decision on the step: a finished run (ran when it exited 0, else failed), or a rehearsed or skipped note. */
  outcome: StepOutcome;
  runs: DrillRun[];
  /** Rehearsed and skipped notes, oldest first. */
  decisions: DrillStepNote[];
  unclear: DrillStepNote[];
  /** Time spent on the step: from the previous decision of the drill (its declaration for the first) to each of its own. */
  durationMs?: number;
}

export interface DrillProgress {
  /** The runbook the drill rehearses, from its declaration. */
  runbook?: string;
  declaredAt?: number;
  steps: DrillStepProgress[];
  /** Index of the first step in runbook order with no decision yet; undefined when every step has one. */
  next?: number;
  /** The time of the drill's last decision on a step. */
  lastDecisionAt?: number;
}

/**
 * The progress of the drill in `events` over `steps` (in runbook order). Events of other runbooks are not part of the
 * walk; a cancelled run is not a decision (the responder picks again). Step times are derived from the decisions'
 * times, so they add up to the time from the declaration to the last decision.
 */
export function drillProgress(events: readonly TimelineEvent[], steps: readonly DrillStep[]): DrillProgress {
  const ordered = sortByTime(events);
  const state = incidentState(ordered);
  const runbook = state.drillRunbook;
  const byId = new Map<string, DrillStepProgress>(steps.map((step) => [step.id, { step, outcome: 'not-reached', runs: [], decisions: [], unclear: [] }]));
  const ofThisRunbook = (event: TimelineEvent): DrillStepProgress | undefined =>
    event.step !== undefined && (runbook === undefined || event.runbook === undefined || samePath(event.runbook, runbook)) ? byId.get(event.step) : undefined;
  let previous = state.declaredAt ?? (ordered.length > 0 ? eventTime(ordered[0]) : undefined);
  let lastDecisionAt: number | undefined;
  const decide = (entry: DrillStepProgress, at: number, outcome: StepOutcome): void => {
    entry.outcome = outcome;
    if (previous !== undefined && !Number.isNaN(at)) entry.durationMs = (entry.durationMs ?? 0) + Math.max(0, at - previous);
    previous = at;
    lastDecisionAt = at;
  };
  for (const event of ordered) {
    const entry = ofThisRunbook(event);
    if (!entry) continue;
    const at = eventTime(event);
    if (event.kind === 'command-finished') {
      entry.runs.push({
        at, exitCode: event.exitCode ?? null, output: event.output ?? '',
        ...(event.durationMs !== undefined ? { durationMs: event.durationMs } : {}),
        ...(event.cancelled ? { cancelled: true } : {}), ...(event.timedOut ? { timedOut: true } : {}),
      });
      if (!event.cancelled) decide(entry, at, event.exitCode === 0 ? 'ran' : 'failed');
    } else if (event.kind === 'note' && typeof event.drill === 'object' && event.drill !== null) {
      const note: DrillStepNote = { outcome: event.drill.outcome, note: event.drill.note ?? '', actor: event.actor, at };
      if (note.outcome === 'unclear') entry.unclear.push(note);
      else if (note.outcome === 'rehearsed' || note.outcome === 'skipped') {
        entry.decisions.push(note);
        decide(entry, at, note.outcome);
      }
    }
  }
  const walked = steps.map((step) => byId.get(step.id) as DrillStepProgress);
  const next = walked.findIndex((entry) => entry.outcome === 'not-reached');
  return {
    ...(runbook ? { runbook } : {}),
    ...(state.declaredAt !== undefined ? { declaredAt: state.declaredAt } : {}),
    steps: walked,
    ...(next >= 0 ? { next } : {}),
    ...(lastDecisionAt !== undefined ? { lastDecisionAt } : {}),
  };
}

/** Time per section, in the order the sections first appear: the steps of each and the sum of their times. */
export function timePerSection(progress: DrillProgress): { section: string; steps: number; reached: number; durationMs: number }[] {
  const sections: { section: string; steps: number; reached: number; durationMs: number }[] = [];
  for (const entry of progress.steps) {
    const name = entry.step.sectionTitle || entry.step.section || '(no section)';
    let row = sections.find((candidate) => candidate.section === name);
    if (!row) sections.push((row = { section: name, steps: 0, reached: 0, durationMs: 0 }));
    row.steps += 1;
    if (entry.durationMs !== undefined) {
      row.reached += 1;
      row.durationMs += entry.durationMs;
    }
  }
  return sections;
}

function samePath(a: string, b: string): boolean {
  const norm = (path: string): string => path.replace(/\\/g, '/').replace(/^\.\//, '');
  return norm(a) === norm(b);
}
