// Builds what the panel draws from a timeline read: engine state, metrics and cadence, events in time order.
import { nextStatusUpdate } from '../../../server/src/engine/incident/cadence';
import { pairedCommandStarts } from '../../../server/src/engine/incident/commands';
import { incidentMetrics } from '../../../server/src/engine/incident/metrics';
import { incidentState } from '../../../server/src/engine/incident/state';
import { sortByTime } from '../../../server/src/engine/incident/time';
import type { TimelineEvent } from '../../../server/src/engine/timeline/event';
import type { PanelModel } from './protocol';

/** The panel model for a timeline's events and unreadable lines, at host time `now`. */
export function buildPanelModel(file: string, events: readonly TimelineEvent[], bad: readonly { line: number; reason: string }[], now: number): PanelModel {
  const ordered = sortByTime(events);
  const state = incidentState(ordered);
  const metrics = incidentMetrics(state);
  const due = nextStatusUpdate(state, now);
  return {
    file,
    header: {
      title: state.title || 'Untitled incident',
      severity: state.severity,
      status: state.status,
      ic: state.ic,
      declaredAt: state.declaredAt,
      resolvedAt: state.resolvedAt,
      mttdMs: metrics.mttdMs,
      mttmMs: metrics.mttmMs,
      mttrMs: metrics.mttrMs,
      dueAt: due.dueAt,
      dueReason: due.reason,
    },
    events: ordered,
    bad: [...bad],
    pairedStarts: [...pairedCommandStarts(ordered)],
    hostNow: now,
  };
}

/** The model when no incident is active, or its file cannot be read. */
export function emptyPanelModel(now: number, problem?: string, file?: string): PanelModel {
  return { file, events: [], bad: [], pairedStarts: [], hostNow: now, problem };
}
