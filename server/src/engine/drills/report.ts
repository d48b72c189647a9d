/** The drill report: Markdown written beside the drill's timeline once the walk is over (`<timeline-base>.drill.md`). */
import { describeFailure } from '../history/index';
import { escapeText, inlineCode, table } from '../incident/markdown';
import { DEFAULT_SEVERITY_LEVELS, targetOutcome, type SeverityLevel } from '../incident/severities';
import { incidentName, incidentState } from '../incident/state';
import { formatClock, formatDateTime, formatDuration, sortByTime } from '../incident/time';
import type { TimelineEvent } from '../timeline/event';
import type { DrillStep } from './events';
import { drillProgress, timePerSection, type DrillRun, type DrillStepProgress } from './progress';

export interface DrillReportOptions {
  /** Where the timeline is, shown in the header (e.g. workspace-relative). */
  source?: string;
  levels?: readonly SeverityLevel[];
  /** When the report is written (ms since the epoch); defaults to now. */
  generatedAt?: number;
}

/**
 * The report of the drill in `events` over the runbook's `steps`: time per step and per section, time to mitigation
 * against the severity's target, and the steps that failed, were skipped, were flagged as unclear or not reached.
 * Not redacted: run it through the credential redactor before it leaves the process, as the postmortem.
 */
export function renderDrillReport(events: readonly TimelineEvent[], steps: readonly DrillStep[], options: DrillReportOptions = {}): string {
  const ordered = sortByTime(events);
  const state = incidentState(ordered);
  const progress = drillProgress(ordered, steps);
  const levels = options.levels ?? DEFAULT_SEVERITY_LEVELS;
  const target = targetOutcome(state, levels);
  const runbook = progress.runbook ?? state.drillRunbook;
  const generated = formatDateTime(options.generatedAt ?? Date.now());
  const count = (outcome: DrillStepProgress['outcome']): number => progress.steps.filter((entry) => entry.outcome === outcome).length;
  const flagged = progress.steps.filter((entry) => entry.unclear.length > 0);
  const parts = [
    `# Drill report: ${escapeText(incidentName({ ...state, drill: true }, 'Untitled drill'))}`,
    `> DRILL${runbook ? ` of runbook ${inlineCode(runbook)}` : ''}${options.source ? `, from ${inlineCode(options.source)}` : ''}; `
      + `report generated on ${generated} UTC. A drill rehearses a runbook: nothing here is a real incident.`,
    section('Summary', [
      `${state.severity ? `${escapeText(state.severity)} drill` : 'Drill without a severity'}${state.declaredAt !== undefined ? ` declared ${formatDateTime(state.declaredAt)} UTC` : ''}`
        + `${state.ic ? `, incident commander ${escapeText(state.ic)}` : ''}.`,
      `${plural(progress.steps.length, 'step')}: ${count('ran')} ran, ${count('failed')} failed, ${count('rehearsed')} rehearsed without running, `
        + `${count('skipped')} skipped, ${count('not-reached')} not reached; ${plural(flagged.length, 'step')} flagged as unclear.`,
      mitigationSentence(state.declaredAt, state.mitigatedAt, target),
    ].join(' ')),
    section('Steps', progress.steps.length === 0 ? 'The runbook has no runnable steps.' : table(
      ['#', 'Step', 'Section', 'Outcome', 'Time', 'Notes'],
      progress.steps.map((entry) => [
        String(entry.step.position), `${escapeText(entry.step.label)} (${inlineCode(entry.step.id)})`, escapeText(entry.step.sectionTitle || entry.step.section || '-'),
        outcomeText(entry), entry.durationMs === undefined ? '-' : formatDuration(entry.durationMs), notesText(entry),
      ]),
    )),
    section('Time per section', progress.steps.length === 0 ? 'No steps.' : table(
      ['Section', 'Steps', 'Time'],
      timePerSection(progress).map((row) => [escapeText(row.section), row.reached === row.steps ? String(row.steps) : `${row.reached} of ${row.steps} reached`, row.reached === 0 ? '-' : formatDuration(row.durationMs)]),
    )),
    section('Time to mitigation', mitigationDetail(state.declaredAt, state.mitigatedAt, target)),
    section('Failed steps', list(progress.steps.filter((entry) => entry.runs.some(failedRun)), (entry) => {
      const failures = entry.runs.filter(failedRun);
      const last = failures[failures.length - 1];
      return `${stepName(entry)}: ${describeRun(last)} at ${formatClock(last.at)} UTC${failures.length > 1 ? ` (${failures.length} failed runs)` : ''}`
        + `${entry.outcome === 'failed' ? '' : `; then ${entry.outcome === 'ran' ? 'ran successfully' : entry.outcome}`}.`;
    }, 'No step failed.')),
    section('Skipped steps', list(progress.steps.filter((entry) => entry.outcome === 'skipped'), (entry) => {
      const why = entry.decisions[entry.decisions.length - 1]?.note;
      return `${stepName(entry)}${why ? `: ${escapeText(why)}` : ''}.`;
    }, 'No step was skipped.')),
    section('Flagged as unclear', list(flagged, (entry) => `${stepName(entry)}: ${entry.unclear
      .map((flag) => `"${escapeText(flag.note)}" (${escapeText(flag.actor)}, ${formatClock(flag.at)} UTC)`).join('; ')}`, 'No step was flagged as unclear.')),
    section('Not reached', list(progress.steps.filter((entry) => entry.outcome === 'not-reached'), (entry) => `${stepName(entry)}.`, 'Every step was reached.')),
  ];
  return `${parts.join('\n\n')}\n`;
}

function section(heading: string, body: string): string {
  return `## ${heading}\n\n${body}`;
}

function list<T>(items: readonly T[], line: (item: T) => string, none: string): string {
  return items.length === 0 ? none : items.map((item) => `- ${line(item)}`).join('\n');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function stepName(entry: DrillStepProgress): string {
  return `${escapeText(entry.step.label)} (${inlineCode(entry.step.id)})`;
}

function failedRun(run: DrillRun): boolean {
  return run.exitCode !== 0 && !run.cancelled;
}

function describeRun(run: DrillRun): string {
  if (run.exitCode === 0) return 'exit 0';
  return describeFailure({ incident: '', at: '', command: '', durationMs: run.durationMs ?? 0, exitCode: run.exitCode, output: run.output,
    ...(run.cancelled ? { cancelled: true } : {}), ...(run.timedOut ? { timedOut: true } : {}) });
}

function outcomeText(entry: DrillStepProgress): string {
  const last = entry.runs.filter((run) => !run.cancelled).pop();
  switch (entry.outcome) {
    case 'ran': return `ran (${describeRun(last as DrillRun)})`;
    case 'failed': return `failed (${describeRun(last as DrillRun)})`;
    case 'rehearsed': return 'rehearsed, not run';
    case 'skipped': return 'skipped';
    case 'not-reached': return 'not reached';
  }
}

function notesText(entry: DrillStepProgress): string {
  const notes: string[] = [];
  const decision = entry.decisions[entry.decisions.length - 1];
  if (entry.outcome === 'rehearsed' && decision?.note) notes.push(`would have: ${escapeText(decision.note)}`);
  if (entry.outcome === 'skipped' && decision?.note) notes.push(`skipped: ${escapeText(decision.note)}`);
  for (const flag of entry.unclear) notes.push(`unclear: "${escapeText(flag.note)}" (${escapeText(flag.actor)})`);
  const runs = entry.runs.filter((run) => !run.cancelled).length;
  if (runs > 1) notes.push(`${runs} runs`);
  return notes.join('; ');
}

function mitigationSentence(declaredAt: number | undefined, mitigatedAt: number | undefined, target: ReturnType<typeof targetOutcome>): string {
  if (declaredAt === undefined || mitigatedAt === undefined) {
    return target.met === false ? `Not marked mitigated; the ${target.severity} target of ${formatDuration(target.targetMs ?? 0)} has passed.` : 'The drill was not marked mitigated.';
  }
  const took = formatDuration(mitigatedAt - declaredAt);
  if (target.targetMs === undefined || target.met === null) return `Time to mitigation: ${took} (${target.reason}).`;
  return `Time to mitigation: ${took}, ${target.met ? 'within' : 'over'} the ${target.severity} target of ${formatDuration(target.targetMs)}: ${target.met ? 'met' : 'missed'}.`;
}

function mitigationDetail(declaredAt: number | undefined, mitigatedAt: number | undefined, target: ReturnType<typeof targetOutcome>): string {
  const at = (ms: number | undefined): string => (ms === undefined ? 'not recorded' : `${formatDateTime(ms)} UTC`);
  const rows = [
    ['Declared (drill started)', at(declaredAt)],
    ['Mitigated', at(mitigatedAt)],
    ['Time to mitigation', declaredAt !== undefined && mitigatedAt !== undefined ? formatDuration(mitigatedAt - declaredAt) : 'not available (needs declared and mitigated)'],
    ['Target', target.targetMs !== undefined ? `< ${formatDuration(target.targetMs)} (${target.severity}, the highest severity of the drill)` : target.reason],
    ['Met', target.met === null ? `not known (${target.reason})` : target.met ? 'yes' : 'no'],
  ];
  return `${table(['Milestone', 'Value'], rows)}\n\nMeasured as the panel measures MTTM: mitigated - declared, back-dated times counted.`;
}
