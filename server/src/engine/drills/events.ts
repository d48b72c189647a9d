/**
 * The events a drill writes besides the ordinary ones: its declaration (`drill: true`, the runbook it rehearses) and a
 * note per step that was rehearsed without running, skipped, or flagged as unclear. A step that runs writes the usual
 * command events. Every drill event is an event old readers know (`declared`, `note`), with text that says what
 * happened, so a reader that knows nothing of drills shows it as a plain declaration or note.
 */
import { redactSecrets } from '../credentials/index';
import type { Runbook } from '../model';
import type { DrillStepOutcome, TimelineEvent } from '../timeline/event';
import { appendEvent, nowIso, timelineFileName } from '../timeline/store';

/** What a drill needs to know of a step: a runbook Step, or the server's ResolvedStep. */
export interface DrillStep {
  id: string;
  position: number;
  /** How people name it: "diagnostic step 2", "mitigation 1". */
  label: string;
  section?: string;
  sectionTitle: string;
  /** What it runs, as the runbook says now. */
  commands: string;
}

/** The declaration of a drill of `runbook` (workspace-relative path), titled after the runbook. */
export function drillDeclaredEvent(input: { title: string; severity: string; runbook: string; actor: string; ts?: string }): TimelineEvent {
  return {
    ts: input.ts ?? nowIso(), actor: input.actor, kind: 'declared', drill: true, title: input.title, severity: input.severity,
    runbook: input.runbook, text: `DRILL: rehearsing ${input.runbook} as a ${input.severity} incident; not a real incident`,
  };
}

/** A step's drill note: rehearsed (with what they would have done), skipped (with why, if given) or unclear (with what). */
export function drillStepNote(input: {
  outcome: DrillStepOutcome; note?: string; runbook: string; step: DrillStep; actor: string; ts?: string;
}): TimelineEvent {
  const { step } = input;
  const note = input.note?.trim() ?? '';
  const name = `${step.label} (${step.id})`;
  const text = input.outcome === 'rehearsed' ? `Drill: rehearsed ${name} without running it${note ? `: ${note}` : ''}`
    : input.outcome === 'skipped' ? `Drill: skipped ${name}${note ? `: ${note}` : ''}`
      : `Drill: ${name} is unclear${note ? `: ${note}` : ''}`;
  return {
    ts: input.ts ?? nowIso(), actor: input.actor, kind: 'note', text,
    runbook: input.runbook, step: step.id, ...(step.section ? { section: step.section } : {}), command: step.commands,
    drill: { outcome: input.outcome, ...(note ? { note } : {}) },
  };
}

/** Appends a drill event: the note inside `drill` is redacted as the store redacts `text`, then the store appends it. */
export async function appendDrillEvent(file: string, event: TimelineEvent): Promise<void> {
  const drill = typeof event.drill === 'object' && event.drill.note !== undefined
    ? { ...event.drill, note: await redactSecrets(event.drill.note) }
    : event.drill;
  await appendEvent(file, drill === undefined ? event : { ...event, drill });
}

/** What a drill of the runbook is called: its front matter `title`, else its H1, else `fallback` (its path). */
export function runbookTitle(runbook: Pick<Runbook, 'frontMatter' | 'title'>, fallback: string): string {
  const fromFrontMatter = runbook.frontMatter?.data?.title;
  if (typeof fromFrontMatter === 'string' && fromFrontMatter.trim()) return fromFrontMatter.trim();
  return runbook.title?.text.trim() || fallback;
}

/** A drill's timeline file name: `<YYYY-MM-DD>-drill-<slug of the runbook's title>.timeline.jsonl`. */
export function drillTimelineFileName(date: Date, runbookTitle: string): string {
  return timelineFileName(date, `drill ${runbookTitle}`);
}

/** The drill report beside a timeline: `x.timeline.jsonl` -> `x.drill.md` (never a runbook: see BUILTIN_IGNORES). */
export function drillReportPath(timeline: string): string {
  return `${timeline.replace(/(\.timeline)?\.jsonl$/, '')}.drill.md`;
}
