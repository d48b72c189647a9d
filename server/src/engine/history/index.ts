/**
 * Step history: what the incident timelines say about each runbook step. Every `command-finished` event names its
 * runbook (workspace-relative path) and step; the history is plain data, so the CLI can hand it to lint workers.
 */
import { basename } from 'node:path';
import type { TimelineEvent } from '../timeline/event';
import { placeholderSpans } from '../steps/placeholders';
import type { Runbook } from '../model';
import type { Finding, Step } from '../types';

/** One run of a step, from a `command-finished` event. */
export interface StepRun {
  /** The incident: the timeline file's name without `.timeline.jsonl`. */
  incident: string;
  /** When it ran (ISO-8601, `at` when back-dated, else `ts`). */
  at: string;
  exitCode: number | null;
  durationMs: number;
  /** What ran, as logged (values filled in, secrets redacted). */
  command: string;
  /** The last lines of output, as logged. */
  output: string;
  cancelled?: boolean;
  timedOut?: boolean;
}

/** Step id -> its runs, oldest first. */
export type StepHistory = Record<string, StepRun[]>;
/** Runbook path ('/'-separated, relative to where the timelines were written) -> its steps' history. */
export type HistoryIndex = Record<string, StepHistory>;

/** The history in a set of timelines (each file's text already read; unreadable lines are simply not there). */
export function buildHistory(timelines: { file: string; events: TimelineEvent[] }[]): HistoryIndex {
  const index: HistoryIndex = Object.create(null) as HistoryIndex;
  for (const { file, events } of timelines) {
    const incident = basename(file).replace(/\.timeline\.jsonl$/, '');
    for (const e of events) {
      if (e.kind !== 'command-finished' || !e.runbook || !e.step) continue;
      const steps = (index[normalize(e.runbook)] ??= Object.create(null) as StepHistory);
      (steps[e.step] ??= []).push({
        incident, at: e.at ?? e.ts, exitCode: e.exitCode ?? null, durationMs: e.durationMs ?? 0, command: e.command ?? '', output: e.output ?? '',
        ...(e.cancelled ? { cancelled: true } : {}), ...(e.timedOut ? { timedOut: true } : {}),
      });
    }
  }
  for (const steps of Object.values(index)) for (const runs of Object.values(steps)) runs.sort((a, b) => a.at.localeCompare(b.at));
  return index;
}

/** The history of one runbook: by its path, else by a path one of them ends with (timelines written from another root). */
export function historyOf(index: HistoryIndex, path: string): StepHistory | undefined {
  const wanted = normalize(path);
  if (index[wanted]) return index[wanted];
  const key = Object.keys(index).find((k) => k.endsWith(`/${wanted}`) || wanted.endsWith(`/${k}`));
  return key ? index[key] : undefined;
}

function normalize(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

/**
 * True when a logged command is what the step runs now: the same text, with any value in place of each blank and the
 * variable assignments a run puts first.
 */
export function runMatchesStep(step: Step, command: string): boolean {
  const current = step.commands.replace(/\r\n/g, '\n').trim();
  const logged = command.replace(/\r\n/g, '\n').replace(/^(?:[A-Za-z_]\w*='(?:[^'\n]|'\\'')*'\n)+/, '').trim();
  if (current === logged) return true;
  if (current.length > 4000) return false;
  let pattern = '';
  let from = 0;
  for (const [offset, length] of placeholderSpans(current)) {
    pattern += escape(current.slice(from, offset)) + '[^\\n]*?';
    from = offset + length;
  }
  if (from === 0) return false;
  return new RegExp(`^${pattern}${escape(current.slice(from))}$`).test(logged);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `exit 127, command not found (kubectl-foo)`: what a failed run's exit code and output say. */
export function describeFailure(run: StepRun): string {
  if (run.exitCode === 127) {
    const name = /([^\s:'"]+): (?:command )?not found/.exec(run.output)?.[1] ?? /command not found: (\S+)/.exec(run.output)?.[1];
    return `exit 127, command not found${name ? ` (${name})` : ''}`;
  }
  if (run.exitCode === 126) {
    const name = /([^\s:'"]+): (?:Permission denied|cannot execute)/i.exec(run.output)?.[1];
    return `exit 126, not executable${name ? ` (${name})` : ''}`;
  }
  if (run.timedOut) return 'timed out';
  if (run.cancelled) return 'cancelled';
  return run.exitCode === null ? 'exit unknown' : `exit ${run.exitCode}`;
}

/** The date part of a run's time. */
export function runDate(run: StepRun): string {
  return run.at.slice(0, 10);
}

/** The `steps/failed-last-run` findings: a step whose last run exited 127 or 126, unless it changed since. */
export function checkHistory(runbook: Runbook, history: StepHistory | undefined): Finding[] {
  if (!history) return [];
  const out: Finding[] = [];
  for (const step of runbook.steps) {
    const runs = history[step.id];
    const last = runs?.[runs.length - 1];
    if (!last || (last.exitCode !== 127 && last.exitCode !== 126)) continue;
    // A step edited since its failed run is shown as changed (hover, lens), not blamed.
    if (!runMatchesStep(step, last.command)) continue;
    out.push({
      rule: 'steps',
      code: 'steps/failed-last-run',
      severity: 'warning',
      ...(step.section ? { section: step.section } : {}),
      range: { start: step.range.start, end: { line: step.range.start.line, character: runbook.index.lineLength(step.range.start.line) } },
      message: `Failed in incident ${last.incident}: ${describeFailure(last)}. Not run successfully since.`,
    });
  }
  return out;
}

/** The date of the runbook's last successful step run, if any. */
export function lastSuccessfulRun(history: StepHistory | undefined): string | undefined {
  let best: string | undefined;
  for (const runs of Object.values(history ?? {})) for (const r of runs) if (r.exitCode === 0 && (!best || r.at > best)) best = r.at;
  return best?.slice(0, 10);
}
