// Builds what the panel draws from a timeline read: engine state, metrics and cadence, events in time order.
import { activeResponders, incidentMetrics, incidentName, incidentState, missingMilestones, nextStatusUpdate, pairedCommandStarts, sortByTime, type FlaggedEvent, type SeverityLevel, type TimelineEvent } from '../../../server/src/api/incident';
import { clipEvent, clipText, CLIP_LIMITS } from './clip';
import { MAX_BAD_LINES_SHOWN, type PanelModel, type PanelTeam } from './protocol';

/**
 * The panel model for a timeline's events, unreadable lines and flagged (incomplete) events, at host time `now`.
 * Long fields are clipped (see clip.ts) and only the first unreadable lines are listed, so no file can freeze the page.
 */
export function buildPanelModel(
  file: string, events: readonly TimelineEvent[], bad: readonly { line: number; reason: string }[], now: number,
  flagged: readonly FlaggedEvent[] = [],
  levels?: readonly SeverityLevel[],
  travel: Omit<PanelTeam, 'active'> = {},
  /** How many lines were skipped in all (`bad` holds only the first ones of a badly torn file). */
  skipped: number = bad.length,
): PanelModel {
  const ordered = sortByTime(events);
  const flags = new Map(flagged.map((flag) => [flag.event, flag]));
  const state = incidentState(ordered);
  const metrics = incidentMetrics(state);
  const due = nextStatusUpdate(state, now, levels);
  return {
    file,
    header: {
      title: clipText(incidentName(state), CLIP_LIMITS.title),
      ...(state.drill ? { drill: true } : {}),
      severity: state.severity === undefined ? undefined : clipText(state.severity, 40),
      ic: state.ic === undefined ? undefined : clipText(state.ic, CLIP_LIMITS.actor),
      status: state.status,
      declaredAt: state.declaredAt,
      resolvedAt: state.resolvedAt,
      mttdMs: metrics.mttdMs,
      mttmMs: metrics.mttmMs,
      mttrMs: metrics.mttrMs,
      missing: missingMilestones(state),
      dueAt: due.dueAt,
      dueReason: due.reason,
    },
    events: ordered.map(clipEvent),
    bad: bad.slice(0, MAX_BAD_LINES_SHOWN).map((line) => ({ line: line.line, reason: clipText(line.reason, 500) })),
    badCount: Math.max(skipped, bad.length),
    flagged: ordered.flatMap((event, index) => {
      const flag = flags.get(event);
      return flag ? [{ index, line: flag.line, reason: clipText(flag.reason, 500) }] : [];
    }),
    pairedStarts: [...pairedCommandStarts(ordered)],
    hostNow: now,
    team: {
      ...travel,
      active: activeResponders(ordered, now).slice(0, 20).map((responder) => ({
        actor: clipText(responder.actor, CLIP_LIMITS.actor), hosts: responder.hosts.slice(0, 5).map((host) => clipText(host, 100)), lastAt: responder.lastAt,
      })),
    },
  };
}

/** The model when no incident is active, or its file cannot be read. */
export function emptyPanelModel(now: number, problem?: string, file?: string): PanelModel {
  return { file, events: [], bad: [], badCount: 0, flagged: [], pairedStarts: [], hostNow: now, problem };
}
