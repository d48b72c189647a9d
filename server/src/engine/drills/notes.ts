/**
 * What the timelines say about each runbook's drills: when it was drilled, and the steps responders flagged as unclear
 * (with the step's commands at the time, so a note stops showing once the step changes). Plain data, like the step
 * history, so the CLI can hand it to lint workers.
 */
import { basename } from 'node:path';
import { incidentState } from '../incident/state';
import { eventTime } from '../incident/time';
import type { TimelineEvent } from '../timeline/event';

/** A step flagged as unclear in a drill. */
export interface UnclearNote {
  /** The drill: its timeline file's name without `.timeline.jsonl`. */
  incident: string;
  /** The drill's date (YYYY-MM-DD, UTC): its declaration's, else the note's. */
  date: string;
  actor: string;
  note: string;
  /** The step's commands when the note was made. */
  command?: string;
}

/** One drill of a runbook. */
export interface DrillOfRunbook {
  incident: string;
  date: string;
  /** The drill ended (a `resolved` event). */
  finished: boolean;
}

export interface RunbookDrills {
  /** Oldest first. */
  drills: DrillOfRunbook[];
  /** Step id -> its unclear notes, oldest first. */
  unclear: Record<string, UnclearNote[]>;
}

/** Runbook path ('/'-separated, as the timelines record it) -> its drills. */
export type DrillIndex = Record<string, RunbookDrills>;

/** The drills and unclear notes in a set of timelines (each file already read). */
export function buildDrillIndex(timelines: readonly { file: string; events: readonly TimelineEvent[] }[]): DrillIndex {
  const index: DrillIndex = Object.create(null) as DrillIndex;
  const recordOf = (runbook: string): RunbookDrills => (index[normalize(runbook)] ??= { drills: [], unclear: Object.create(null) as Record<string, UnclearNote[]> });
  for (const { file, events } of timelines) {
    const incident = basename(file).replace(/\.timeline\.jsonl$/, '');
    const state = incidentState(events);
    const drillDate = state.drill && state.declaredAt !== undefined ? isoDate(state.declaredAt) : undefined;
    if (state.drill && state.drillRunbook && drillDate) recordOf(state.drillRunbook).drills.push({ incident, date: drillDate, finished: state.resolvedAt !== undefined });
    for (const event of events) {
      if (event.kind !== 'note' || typeof event.drill !== 'object' || event.drill === null || event.drill.outcome !== 'unclear') continue;
      if (!event.runbook || !event.step) continue;
      const at = eventTime(event);
      const steps = recordOf(event.runbook).unclear;
      (steps[event.step] ??= []).push({
        incident, date: drillDate ?? (Number.isNaN(at) ? event.ts.slice(0, 10) : isoDate(at)), actor: event.actor,
        note: event.drill.note ?? event.text, ...(event.command !== undefined ? { command: event.command } : {}),
      });
    }
  }
  for (const record of Object.values(index)) {
    record.drills.sort((a, b) => a.date.localeCompare(b.date) || a.incident.localeCompare(b.incident));
    for (const notes of Object.values(record.unclear)) notes.sort((a, b) => a.date.localeCompare(b.date));
  }
  return index;
}

/** The drills of one runbook: by its path, else by a path one of them ends with (timelines written from another root). */
export function drillsOf(index: DrillIndex, path: string): RunbookDrills | undefined {
  const wanted = normalize(path);
  if (index[wanted]) return index[wanted];
  const key = Object.keys(index).find((k) => k.endsWith(`/${wanted}`) || wanted.endsWith(`/${k}`));
  return key ? index[key] : undefined;
}

/** The date of the runbook's latest finished drill, if any. */
export function lastFinishedDrill(record: RunbookDrills | undefined): DrillOfRunbook | undefined {
  return record?.drills.filter((drill) => drill.finished).pop();
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function normalize(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}
