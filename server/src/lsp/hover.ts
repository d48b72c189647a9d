/** Hover over a step: its history from the incident timelines (incident, date, exit, duration), newest first. */
import type { Hover, Position } from 'vscode-languageserver/node';
import { describeFailure, runDate, runMatchesStep, type StepRun } from '../engine/history/index';
import type { Analysis } from './analyses';

const SHOWN = 10;

/** The hover of the step under `position`, when it has history. */
export function stepHistoryHover(analysis: Analysis, position: Position): Hover | null {
  const step = analysis.runbook.steps.find((s) => s.range.start.line <= position.line && position.line <= s.range.end.line);
  const runs = step ? analysis.history?.[step.id] : undefined;
  if (!step || !runs || runs.length === 0) return null;
  const rows = [...runs].reverse().slice(0, SHOWN).map((r) => {
    const changed = runMatchesStep(step, r.command) ? '' : ' (step changed since)';
    return `| ${r.incident} | ${runDate(r)} | ${outcome(r)}${changed} | ${(r.durationMs / 1000).toFixed(1)} s |`;
  });
  const more = runs.length > SHOWN ? `\n\n${runs.length - SHOWN} older runs not shown.` : '';
  return {
    contents: { kind: 'markdown', value: [`**${step.id}**: ${runs.length} run${runs.length === 1 ? '' : 's'} in the incident timelines`, '', '| incident | date | exit | duration |', '| --- | --- | --- | --- |', ...rows].join('\n') + more },
    range: { start: step.range.start, end: { line: step.range.start.line, character: step.range.start.character + 3 } },
  };
}

/** `ok` or what went wrong: `exit 127, command not found (kubectl-foo)`. */
export function outcome(run: StepRun): string {
  return run.exitCode === 0 ? 'exit 0' : describeFailure(run);
}

/** What the Run lens adds: ` · last ran 2026-11-20: exit 127, command not found (x)`, or that the step changed since. */
export function lastRunSuffix(analysis: Analysis, stepId: string): string {
  const step = analysis.runbook.steps.find((s) => s.id === stepId);
  const runs = analysis.history?.[stepId];
  const last = runs?.[runs.length - 1];
  if (!step || !last) return '';
  if (!runMatchesStep(step, last.command)) return ` · changed since its last run (${runDate(last)})`;
  return ` · last ran ${runDate(last)}: ${outcome(last)}`;
}
