/**
 * Incident history: every timeline found, measured as the panel measures it (MTTD, MTTM, MTTR from the back-dated
 * milestones), judged against its severity's target, and summed up per severity (count, median and p90 of each
 * metric, which of detection or mitigation contributes more, which incidents missed their target), with the runbooks
 * used most and the steps that failed most. Drills are listed with the incidents but summed up apart.
 */
import type { TimelineEvent } from '../timeline/event';
import { impossibleDuration, incidentMetrics, type IncidentMetrics } from './metrics';
import { DEFAULT_SEVERITY_LEVELS, highestSeverityReached, targetOutcome, type SeverityLevel } from './severities';
import { largerContributor, summarize, type MetricSummary } from './stats';
import { incidentState } from './state';
import { eventTime, formatDuration, sortByTime } from './time';

/** One command run in an incident, from its `command-finished` event. */
export interface HistoryCommand {
  runbook: string | null;
  step: string | null;
  command: string;
  exitCode: number | null;
  /** When it finished (ISO-8601). */
  at: string;
}

/** One timeline, measured. Times in ms; null where a milestone is missing. */
export interface IncidentSummary {
  file: string;
  title: string;
  /** The highest severity it reached (by the levels' order), else the one in force; null when none was recorded. */
  severity: string | null;
  drill: boolean;
  /** When it was declared (ISO-8601, back-dated time counted); null without a declaration. */
  declared: string | null;
  mttdMs: number | null;
  mttmMs: number | null;
  mttrMs: number | null;
  /** Mitigated within its severity's target (see targetOutcome); null when that is not known. */
  metTarget: boolean | null;
  /** The runbooks whose steps ran (a drill's runbook too), in order of first use. */
  runbooks: string[];
  commands: HistoryCommand[];
  /** Commands that did not exit 0 (timed out or killed included; cancelled ones are not failures). */
  failedCommands: HistoryCommand[];
  /** Lines of the file that could not be read (a torn line, say): the figures may miss what they held. */
  unreadableLines: number;
  /**
   * Metrics whose milestones cannot both be right (mitigated before declared, resolved in year 275760): each says
   * which and why; such a metric is null above, so it counts in no median and meets no target.
   */
  impossible: string[];
}

export interface SeveritySummary {
  count: number;
  /** The level's target time to mitigation, when it has one. */
  targetMitigationMs: number | null;
  mttdMs: MetricSummary;
  mttmMs: MetricSummary;
  mttrMs: MetricSummary;
  largerContributor: 'detection' | 'mitigation' | null;
  /** Files of the incidents that missed their target. */
  missedTarget: string[];
}

export interface RunbookUse {
  runbook: string;
  /** Incidents in which a step of it ran. */
  incidents: number;
  commands: number;
}

export interface StepFailures {
  runbook: string;
  step: string;
  failures: number;
  incidents: number;
}

export interface IncidentHistory {
  /** Every timeline (drills included, marked), oldest declaration first. */
  incidents: IncidentSummary[];
  /** Real incidents per severity, in the levels' order (names the levels do not have after them). */
  bySeverity: Record<string, SeveritySummary>;
  /** Drills per severity, apart from the real incidents. */
  drillsBySeverity: Record<string, SeveritySummary>;
  /** Runbooks used in real incidents, most used first. */
  mostUsedRunbooks: RunbookUse[];
  /** Steps that failed in real incidents, most failures first. */
  mostFailedSteps: StepFailures[];
}

/** One timeline as read: its events and how many lines were skipped. */
export interface HistoryInput {
  file: string;
  events: readonly TimelineEvent[];
  unreadableLines?: number;
}

export interface HistoryOptions {
  levels?: readonly SeverityLevel[];
  /** The time an unmitigated incident is judged at (ms since the epoch): past its target it has missed it. */
  now?: number;
  /** Only incidents declared (or, without a declaration, first logged) at or after this time (ms since the epoch). */
  since?: number;
}

/** The history of a set of timelines. */
export function incidentHistory(timelines: readonly HistoryInput[], options: HistoryOptions = {}): IncidentHistory {
  const levels = options.levels ?? DEFAULT_SEVERITY_LEVELS;
  const measured = timelines.map((timeline) => ({ summary: measure(timeline, levels, options.now), start: startOf(timeline.events) }))
    .filter((entry) => options.since === undefined || (entry.start !== undefined && entry.start >= options.since))
    .sort((a, b) => (a.start ?? Infinity) - (b.start ?? Infinity) || a.summary.file.localeCompare(b.summary.file));
  const incidents = measured.map((entry) => entry.summary);
  const real = incidents.filter((incident) => !incident.drill);
  return {
    incidents,
    bySeverity: bySeverity(real, levels),
    drillsBySeverity: bySeverity(incidents.filter((incident) => incident.drill), levels),
    mostUsedRunbooks: mostUsedRunbooks(real),
    mostFailedSteps: mostFailedSteps(real),
  };
}

function measure(timeline: HistoryInput, levels: readonly SeverityLevel[], now: number | undefined): IncidentSummary {
  const ordered = sortByTime(timeline.events);
  const state = incidentState(ordered);
  const impossible: string[] = [];
  const metrics = plausibleMetrics(incidentMetrics(state), impossible);
  const commands: HistoryCommand[] = [];
  const failedCommands: HistoryCommand[] = [];
  const runbooks: string[] = [];
  const used = (runbook: string | undefined): void => {
    if (runbook && !runbooks.includes(runbook)) runbooks.push(runbook);
  };
  used(state.drillRunbook);
  for (const event of ordered) {
    if (event.kind !== 'command-finished' && event.kind !== 'command-started') continue;
    used(event.runbook);
    if (event.kind !== 'command-finished') continue;
    const time = eventTime(event);
    const command: HistoryCommand = {
      runbook: event.runbook ?? null, step: event.step ?? null, command: event.command ?? event.text,
      exitCode: event.exitCode ?? null, at: Number.isNaN(time) ? event.ts : new Date(time).toISOString(),
    };
    commands.push(command);
    if (event.exitCode !== 0 && !event.cancelled) failedCommands.push(command);
  }
  return {
    file: timeline.file,
    title: state.title,
    severity: highestSeverityReached(state, levels) ?? null,
    drill: state.drill,
    declared: state.declaredAt === undefined ? null : new Date(state.declaredAt).toISOString(),
    mttdMs: metrics.mttdMs ?? null,
    mttmMs: metrics.mttmMs ?? null,
    mttrMs: metrics.mttrMs ?? null,
    metTarget: targetOutcome(state, levels, now).met,
    runbooks,
    commands,
    failedCommands,
    unreadableLines: timeline.unreadableLines ?? 0,
    impossible,
  };
}

const MILESTONES: Record<keyof IncidentMetrics, [string, string]> = {
  mttdMs: ['MTTD', 'detected - impact started'],
  mttmMs: ['MTTM', 'mitigated - declared'],
  mttrMs: ['MTTR', 'resolved - impact started'],
};

/** The metrics that can be real durations; each one that cannot is left out and described in `impossible`. */
function plausibleMetrics(metrics: IncidentMetrics, impossible: string[]): IncidentMetrics {
  const out: IncidentMetrics = {};
  for (const key of Object.keys(MILESTONES) as (keyof IncidentMetrics)[]) {
    const ms = metrics[key];
    if (ms === undefined) continue;
    const why = impossibleDuration(ms);
    if (why === undefined) out[key] = ms;
    else impossible.push(`${MILESTONES[key][0]} ${formatDuration(ms)} (${MILESTONES[key][1]}) is ${why}`);
  }
  return out;
}

/** When an incident starts for `--since` and ordering: its declaration, else its first event. */
function startOf(events: readonly TimelineEvent[]): number | undefined {
  const state = incidentState(events);
  if (state.declaredAt !== undefined) return state.declaredAt;
  const times = events.map(eventTime).filter((time) => !Number.isNaN(time));
  return times.length > 0 ? Math.min(...times) : undefined;
}

function bySeverity(incidents: readonly IncidentSummary[], levels: readonly SeverityLevel[]): Record<string, SeveritySummary> {
  const groups = new Map<string, IncidentSummary[]>();
  for (const incident of incidents) {
    if (incident.severity === null) continue;
    groups.set(incident.severity, [...(groups.get(incident.severity) ?? []), incident]);
  }
  const rank = (name: string): number => {
    const index = levels.findIndex((level) => level.name === name);
    return index < 0 ? levels.length : index;
  };
  const names = [...groups.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const out: Record<string, SeveritySummary> = {};
  for (const name of names) {
    const group = groups.get(name) ?? [];
    const values = (pick: (incident: IncidentSummary) => number | null): number[] =>
      group.map(pick).filter((value): value is number => value !== null);
    out[name] = {
      count: group.length,
      targetMitigationMs: levels.find((level) => level.name === name)?.targetMitigationMs ?? null,
      mttdMs: summarize(values((incident) => incident.mttdMs)),
      mttmMs: summarize(values((incident) => incident.mttmMs)),
      mttrMs: summarize(values((incident) => incident.mttrMs)),
      largerContributor: largerContributor(group),
      missedTarget: group.filter((incident) => incident.metTarget === false).map((incident) => incident.file),
    };
  }
  return out;
}

function mostUsedRunbooks(incidents: readonly IncidentSummary[]): RunbookUse[] {
  const uses = new Map<string, RunbookUse>();
  for (const incident of incidents) {
    for (const runbook of incident.runbooks) {
      const use = uses.get(runbook) ?? { runbook, incidents: 0, commands: 0 };
      use.incidents += 1;
      use.commands += incident.commands.filter((command) => command.runbook === runbook).length;
      uses.set(runbook, use);
    }
  }
  return [...uses.values()].sort((a, b) => b.incidents - a.incidents || b.commands - a.commands || a.runbook.localeCompare(b.runbook));
}

function mostFailedSteps(incidents: readonly IncidentSummary[]): StepFailures[] {
  const steps = new Map<string, StepFailures & { seen: Set<string> }>();
  for (const incident of incidents) {
    for (const command of incident.failedCommands) {
      if (command.runbook === null || command.step === null) continue;
      const key = `${command.runbook}\u0000${command.step}`;
      const entry = steps.get(key) ?? { runbook: command.runbook, step: command.step, failures: 0, incidents: 0, seen: new Set<string>() };
      entry.failures += 1;
      if (!entry.seen.has(incident.file)) {
        entry.seen.add(incident.file);
        entry.incidents += 1;
      }
      steps.set(key, entry);
    }
  }
  return [...steps.values()].map(({ seen: _seen, ...entry }) => entry)
    .sort((a, b) => b.failures - a.failures || b.incidents - a.incidents || a.runbook.localeCompare(b.runbook) || a.step.localeCompare(b.step));
}
