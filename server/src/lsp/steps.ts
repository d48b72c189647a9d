/** The step requests: the client resolves a lens's step, and finds a step that ran, through the server's analysis. */
import { fileURLToPath } from 'node:url';
import { relative, sep } from 'node:path';
import { stepWarnings, type Range, type Runbook, type Step } from '../engine/index';
import { stepBlanks } from '../engine/steps/blanks';
import { decideStep, type CommandTables } from '../engine/steps/effect';
import type { Analysis } from './analyses';
import { runbookTitle } from '../engine/drills/events';
import type { DrillStepsResult, LocateStepResult, ResolvedStep, StepParams, StepResult } from './protocol';

/** The step a lens names in the document's current analysis; refuses when it is gone or no longer what the lens showed. */
export function resolveStep(analysis: Analysis, params: StepParams, folderOf: (path: string) => string | undefined): StepResult {
  const step = analysis.runbook.steps.find((s) => s.id === params.stepId);
  if (!step) return { ok: false, reason: `Step ${params.stepId} is no longer in this runbook.` };
  if (params.code !== undefined && normalize(step.code) !== normalize(params.code)) {
    return { ok: false, reason: `Step ${params.stepId} changed since its lens was shown; nothing was run. Review the block and use its updated lens.` };
  }
  const path = analysis.uri.startsWith('file:') ? fileURLToPath(analysis.uri) : undefined;
  const folder = path ? folderOf(path) : undefined;
  const runbookPath = path && folder ? relative(folder, path).split(sep).join('/') : undefined;
  return { ok: true, version: analysis.version, ...(runbookPath ? { runbookPath } : {}), step: toResolved(step, analysis) };
}

/** Every step of the runbook in order, for a drill to walk, with the runbook's title and workspace-relative path. */
export function resolveDrillSteps(analysis: Analysis, folderOf: (path: string) => string | undefined): DrillStepsResult {
  const path = analysis.uri.startsWith('file:') ? fileURLToPath(analysis.uri) : undefined;
  const folder = path ? folderOf(path) : undefined;
  const runbookPath = path && folder ? relative(folder, path).split(sep).join('/') : undefined;
  if (analysis.runbook.steps.length === 0) return { ok: false, reason: 'This runbook has no runnable steps (fenced bash, sh, shell, zsh or console blocks): there is nothing to drill.' };
  return {
    ok: true, version: analysis.version, ...(runbookPath ? { runbookPath } : {}),
    title: runbookTitle(analysis.runbook, runbookPath ?? 'runbook'),
    steps: analysis.runbook.steps.map((step) => toResolved(step, analysis)),
  };
}

/**
 * Where a step that ran is in the runbook's text. The runbook may have changed since, so the command text wins over
 * the id: the step with that id if it still holds the command, else the step that holds it, else the step with that
 * id, else the first place the command's first line appears.
 */
export function locateStep(steps: readonly Step[], text: string, stepId: string, command: string): LocateStepResult {
  const firstLine = command.trim().split(/\r?\n/)[0];
  const holds = (candidate: Step): boolean => firstLine !== '' && candidate.commands.includes(firstLine);
  const byId = steps.find((candidate) => candidate.id === stepId);
  const found = (byId && holds(byId) ? byId : undefined) ?? steps.find(holds) ?? byId;
  if (found) return found.range;
  const offset = firstLine ? text.indexOf(firstLine) : -1;
  if (offset < 0) return null;
  const line = text.slice(0, offset).split('\n').length - 1;
  const character = offset - (text.lastIndexOf('\n', offset - 1) + 1);
  const range: Range = { start: { line, character }, end: { line, character: character + firstLine.length } };
  return range;
}

/** The decision for a step of an analysis, under its file's config (the team's command table, workspace trust). */
export function stepDecision(step: Step, analysis: Pick<Analysis, 'context'>, tables?: CommandTables): ResolvedStep['decision'] {
  const { commands, trusted } = analysis.context.config;
  return decideStep(step, { commands, trusted, tables });
}

function toResolved(step: Step, analysis: Analysis): ResolvedStep {
  const runbook: Runbook = analysis.runbook;
  const variables = stepBlanks(step.commands).filter((b) => b.kind === 'variable').map((b) => ({ name: b.name, line: b.line, secret: b.secret }));
  const warnings = stepWarnings(runbook, step);
  return {
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(variables.length > 0 ? { variables } : {}),
    id: step.id,
    position: step.position,
    label: step.label,
    ...(step.section ? { section: step.section } : {}),
    sectionTitle: step.sectionTitle,
    changesProduction: step.changesProduction,
    lang: step.lang,
    code: step.code,
    commands: step.commands,
    range: step.range,
    decision: stepDecision(step, analysis),
  };
}

/** Line endings do not make a block different. */
function normalize(code: string): string {
  return code.replace(/\r\n/g, '\n');
}
