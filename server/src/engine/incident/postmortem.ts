/** A blameless postmortem draft in Markdown, written from an incident timeline. */
import type { TimelineEvent } from '../timeline/event';
import type { FlaggedEvent } from '../timeline/read';
import { pairedCommandStarts } from './commands';
import { commandFailed, commandResult, describeEvent, kindLabel, oneLine } from './describe';
import { escapeText, fencedBlock, inlineCode, table } from './markdown';
import { incidentMetrics, missingMilestones, type IncidentMetrics } from './metrics';
import { DEFAULT_SEVERITY_LEVELS, highestOf, levelNamed, type SeverityLevel } from './severities';
import { incidentName, incidentState, type IncidentState } from './state';
import { eventTime, formatClock, formatDateTime, formatDuration, sortByTime } from './time';

export interface PostmortemOptions {
  /** Where the timeline came from, shown in the header (e.g. a workspace-relative path). */
  source?: string;
  /** When the draft is generated (ms since the epoch); defaults to now. */
  generatedAt?: number;
  /** Lines of the timeline file that could not be read, listed so nobody mistakes the draft for complete. */
  bad?: readonly { line: number; reason: string }[];
  /** How many lines were skipped in all, when `bad` lists only the first ones. */
  skipped?: number;
  /** Events shown although the schema rejects them (see readTimeline): marked in the timeline and listed. */
  flagged?: readonly FlaggedEvent[];
  /** The team's severity levels (definitions, order); default the reference's SEV1-SEV4. */
  levels?: readonly SeverityLevel[];
}

const OUTPUT_LINES = 15;
const OUTPUT_CHARS = 1500;

/**
 * The postmortem draft for `events`. Generated sentences name systems and milestones, never people: names appear only
 * as the factual actor column of the timeline and in the roles list. Not redacted: run it through the credential
 * redactor before it leaves the process (see `redactedPostmortem`).
 */
export function renderPostmortem(events: readonly TimelineEvent[], options: PostmortemOptions = {}): string {
  const ordered = sortByTime(events);
  const state = incidentState(ordered);
  const metrics = incidentMetrics(state);
  const levels = options.levels ?? DEFAULT_SEVERITY_LEVELS;
  const flags = new Map((options.flagged ?? []).map((flag) => [flag.event, flag]));
  const generated = formatDateTime(options.generatedAt ?? Date.now());
  const sections = [
    `# Postmortem: ${escapeText(incidentName(state))}`,
    `> Draft generated${options.source ? ` from ${inlineCode(options.source)}` : ''} on ${generated} UTC. `
      + 'This review is blameless: it asks how the system and its processes allowed the failure, not who made a mistake.',
    section('Summary', summary(state, metrics, ordered, levels)),
    section('Severity', severitySection(state, levels)),
    section('Impact window', impactWindow(state)),
    section('Metrics', metricsTable(state, metrics)),
    section('Roles', roles(state)),
    section('Timeline', timelineTable(ordered, flags)),
    section('Commands run', commandsRun(ordered)),
    section('Hypotheses and findings', entries(ordered, ['hypothesis', 'finding'], 'No hypotheses or findings were recorded.')),
    section('Decisions', entries(ordered, ['decision'], 'No decisions were recorded.')),
    section('Mitigations', mitigations(ordered)),
    section('Status updates', entries(ordered, ['status-update'], 'No status updates were logged.')),
    section('Root cause', '<!-- To be written in the review: the conditions in the system that allowed this, not who triggered it. -->'),
    section('Action items', `<!-- To be agreed in the review: one owner and a due date per item. -->\n\n${table(['Action', 'Owner', 'Due'], [])}`),
  ];
  if (flags.size > 0) {
    const listed = ordered.filter((event) => flags.has(event)).map((event) => flags.get(event) as FlaggedEvent);
    sections.push(section('Incomplete events', 'These events are in the timeline and this draft, but do not match the timeline schema:\n\n'
      + listed.map((flag) => `- line ${flag.line} (${escapeText(kindLabel(flag.event.kind))}): ${escapeText(flag.reason)}`).join('\n')));
  }
  if (options.bad && options.bad.length > 0) {
    const more = (options.skipped ?? 0) - options.bad.length;
    sections.push(section('Unreadable timeline lines', options.bad.map((bad) => `- line ${bad.line}: ${escapeText(bad.reason)}`).join('\n')
      + (more > 0 ? `\n- and ${more} more line${more === 1 ? '' : 's'}` : '')));
  }
  return `${sections.join('\n\n')}\n`;
}

function section(heading: string, body: string): string {
  return `## ${heading}\n\n${body}`;
}

function summary(state: IncidentState, metrics: IncidentMetrics, events: TimelineEvent[], levels: readonly SeverityLevel[]): string {
  const parts: string[] = [];
  const peak = highestOf(levels, state.severityHistory.map((change) => change.severity));
  const what = state.drill ? 'drill' : 'incident';
  const severity = state.severity ? `a ${state.severity} ${what}${peak && peak !== state.severity ? ` (at its highest ${peak})` : ''}` : `a ${what} without a recorded severity`;
  if (state.drill) parts.push(`DRILL: a rehearsal${state.drillRunbook ? ` of runbook ${inlineCode(state.drillRunbook)}` : ''}, not a real incident.`);
  parts.push(`${escapeText(state.title || 'Untitled incident')}: ${severity}, ${state.status}.`);
  const end = state.mitigatedAt ?? state.resolvedAt;
  if (state.impactStartedAt !== undefined) {
    parts.push(end !== undefined
      ? `User impact lasted ${formatDuration(end - state.impactStartedAt)}, from ${formatDateTime(state.impactStartedAt)} to ${formatDateTime(end)} UTC.`
      : `User impact started at ${formatDateTime(state.impactStartedAt)} UTC and no end was recorded.`);
  }
  if (metrics.mttdMs !== undefined) parts.push(`It was detected ${formatDuration(metrics.mttdMs)} after impact started.`);
  if (metrics.mttmMs !== undefined) parts.push(`Service was restored ${formatDuration(metrics.mttmMs)} after the incident was declared.`);
  const commands = events.filter((event) => event.kind === 'command-finished');
  const failed = commands.filter(commandFailed).length;
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  const recorded = (kind: TimelineEvent['kind']): number => events.filter((event) => event.kind === kind).length;
  parts.push(`${count(commands.length, 'command', 'commands')} ran from runbooks${failed ? ` (${failed} did not succeed)` : ''}; `
    + `${count(recorded('hypothesis'), 'hypothesis', 'hypotheses')} and ${count(recorded('finding'), 'finding', 'findings')} were recorded.`);
  return parts.join(' ');
}

function severitySection(state: IncidentState, levels: readonly SeverityLevel[]): string {
  if (state.severityHistory.length === 0) return 'No severity was recorded.';
  return state.severityHistory.map((change, index) => {
    const known = levelNamed(levels, change.severity);
    const when = `from ${formatDateTime(change.at)} UTC${index === 0 ? '' : ' (re-declared)'}`;
    const name = `${escapeText(change.severity)}${known?.label ? ` (${escapeText(known.label)})` : ''}`;
    return known?.definition ? `- ${name} ${when}: ${escapeText(known.definition)}.` : `- ${name} ${when}.`;
  }).join('\n');
}

function impactWindow(state: IncidentState): string {
  const milestone = (name: string, at: number | undefined): string[] => [name, at === undefined ? 'not recorded' : `${formatDateTime(at)}`];
  return table(['Milestone', 'Time (UTC)'], [
    milestone('Impact started', state.impactStartedAt),
    milestone('Detected', state.detectedAt),
    milestone('Declared', state.declaredAt),
    milestone('Mitigated (service restored)', state.mitigatedAt),
    milestone('Resolved', state.resolvedAt),
  ]);
}

function metricsTable(state: IncidentState, metrics: IncidentMetrics): string {
  // Which of a metric's milestones is missing, and why that matters, instead of a bare "not available".
  const value = (ms: number | undefined, needs: [string, number | undefined][]): string => {
    if (ms !== undefined) return formatDuration(ms);
    const missing = needs.filter(([, at]) => at === undefined).map(([name]) => name);
    return `unknown: ${missing.join(' and ')} ${missing.length === 1 ? 'was' : 'were'} not recorded`;
  };
  const rows = table(['Metric', 'Value', 'Measured as'], [
    ['MTTD (time to detect)', value(metrics.mttdMs, [['the impact start', state.impactStartedAt], ['the detection', state.detectedAt]]), 'detected - impact started'],
    ['MTTM (time to mitigate)', value(metrics.mttmMs, [['the declaration', state.declaredAt], ['the mitigation', state.mitigatedAt]]), 'mitigated - declared'],
    ['MTTR (time to recover)', value(metrics.mttrMs, [['the impact start', state.impactStartedAt], ['the resolution', state.resolvedAt]]), 'resolved - impact started'],
  ]);
  const missing = missingMilestones(state);
  return missing.length === 0 ? rows
    : `${rows}\n\n${missing.map((m) => `- ${m.message}. It can still be recorded, back-dated, from the incident panel.`).join('\n')}`;
}

function roles(state: IncidentState): string {
  const rows = [
    `- Incident commander: ${escapeText(state.ic ?? 'not assigned')}`,
    `- Subject matter experts: ${escapeText(state.smes.join(', ') || 'none recorded')}`,
    `- Communications: ${escapeText(state.communications ?? 'not assigned')}`,
  ];
  return rows.join('\n');
}

/** The events without the command-started events whose result follows: one row or item per command. */
function withoutPairedStarts(events: TimelineEvent[]): TimelineEvent[] {
  const paired = pairedCommandStarts(events);
  return events.filter((_event, index) => !paired.has(index));
}

function timelineTable(events: TimelineEvent[], flags: ReadonlyMap<TimelineEvent, FlaggedEvent>): string {
  const rows = withoutPairedStarts(events).map((event) => {
    const at = eventTime(event);
    const logged = event.at !== undefined && Date.parse(event.ts) !== at ? ` (logged ${formatClock(Date.parse(event.ts))})` : '';
    const flag = flags.get(event);
    const incomplete = flag ? ` (incomplete, line ${flag.line}: ${escapeText(flag.reason)})` : '';
    return [`${formatDateTime(at)}${logged}`, escapeText(event.actor), `${timelineCell(event)}${incomplete}`];
  });
  return rows.length ? table(['Time (UTC)', 'Actor', 'Event'], rows) : 'The timeline has no events.';
}

function timelineCell(event: TimelineEvent): string {
  if (event.kind === 'command-finished' || event.kind === 'command-started') {
    const verb = event.kind === 'command-started' ? 'Started (no result recorded)' : `Ran, ${commandResult(event)}${event.durationMs === undefined ? '' : ` after ${formatDuration(event.durationMs)}`}`;
    return `${verb}: ${inlineCode(oneLine(event.command ?? event.text))}`;
  }
  return escapeText(describeEvent(event));
}

function commandsRun(events: TimelineEvent[]): string {
  const commands = withoutPairedStarts(events).filter((event) => event.kind === 'command-finished' || event.kind === 'command-started');
  if (commands.length === 0) return 'No commands were run from runbooks.';
  return commands.map((event) => {
    const where = event.runbook ? ` (runbook ${inlineCode(event.runbook)}${event.step ? `, step ${inlineCode(event.step)}` : ''})` : '';
    const result = event.kind === 'command-started' ? 'started, no result recorded'
      : `${commandResult(event)}${event.durationMs === undefined ? '' : ` after ${formatDuration(event.durationMs)}`}`;
    const command = event.command ?? event.text;
    const head = command.includes('\n')
      ? `- ${formatClock(eventTime(event))} UTC${where}: ${result}\n\n${fencedBlock(command, 'sh', '  ')}`
      : `- ${formatClock(eventTime(event))} UTC ${inlineCode(command)}${where}: ${result}`;
    const output = event.output ? excerpt(event.output) : '';
    return output ? `${head}\n\n${fencedBlock(output, 'text', '  ')}` : head;
  }).join('\n');
}

function excerpt(output: string): string {
  const lines = output.replace(/\s+$/, '').split(/\r?\n/);
  const tail = lines.length > OUTPUT_LINES ? ['...', ...lines.slice(-OUTPUT_LINES)] : lines;
  const text = tail.join('\n');
  return text.length > OUTPUT_CHARS ? `...${text.slice(-OUTPUT_CHARS)}` : text;
}

function entries(events: TimelineEvent[], kinds: TimelineEvent['kind'][], none: string): string {
  const chosen = events.filter((event) => kinds.includes(event.kind));
  if (chosen.length === 0) return none;
  return chosen.map((event) => {
    const label = event.kind === 'status-update' ? `Status update${event.phase ? ` (${event.phase})` : ''}` : kindLabel(event.kind);
    return `- ${formatClock(eventTime(event))} UTC, ${label}: ${escapeText(event.text)}`;
  }).join('\n');
}

/**
 * Service restorations, and every command that changed production by what its event recorded of the schema
 * (`changesProduction`). An event from before that field existed is listed too, saying it is unknown whether it
 * changed production, rather than guessed from its step id either way.
 */
function mitigations(events: TimelineEvent[]): string {
  const lines: string[] = [];
  for (const event of events) {
    const at = `${formatClock(eventTime(event))} UTC`;
    if (event.kind === 'mitigated') lines.push(`- ${at}, service restored: ${escapeText(event.text)}`);
    else if (event.kind === 'command-finished' && event.changesProduction !== false) {
      const step = `step ${inlineCode(event.step ?? '?')}${event.section ? ` (section ${inlineCode(event.section)})` : ''}`;
      const ran = `ran ${inlineCode(oneLine(event.command ?? event.text))}: ${commandResult(event)}`;
      lines.push(event.changesProduction === true
        ? `- ${at}, change to production: ${step} ${ran}`
        : `- ${at}, ${step} ${ran}; unknown whether it changed production (its event does not record it)`);
    }
  }
  return lines.length ? lines.join('\n') : 'No mitigation was recorded.';
}
