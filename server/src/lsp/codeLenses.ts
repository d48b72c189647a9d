/** Code lenses: the review and drill lenses at the top of a runbook, and Run/Copy over every runnable step. */
import type { CodeLens } from 'vscode-languageserver/node';
import { describeDrillVerdict, drillVerdict } from '../engine/drills/check';
import { describeVerdict, reviewVerdict } from '../engine/index';
import type { Analysis } from './analyses';
import type { StepLensArgs } from './protocol';
import { lastRunSuffix } from './hover';
import { effectWords, type CommandTables } from '../engine/steps/effect';
import { stepDecision } from './steps';

/** The lenses of one analysed runbook; in an untrusted workspace a step offers to manage trust instead of Run. */
export function codeLenses(analysis: Analysis, options: { trusted: boolean; today: string; /** The session's tables: each step's verdict is remembered. */ tables?: CommandTables }): CodeLens[] {
  const { runbook, settings } = analysis;
  const lenses: CodeLens[] = [reviewLens(analysis, options.today, settings.reviewIntervalDays)];
  if (runbook.steps.length > 0) lenses.push(drillLens(analysis, options.today));
  for (const step of runbook.steps) {
    const at = { start: step.range.start, end: step.range.start };
    const args: StepLensArgs[] = [{ uri: analysis.uri, version: analysis.version, stepId: step.id, code: step.code }];
    if (options.trusted) {
      lenses.push({ range: at, command: { title: `▶ Run ${step.label} (${effectWords(step, stepDecision(step, analysis, options.tables))})${lastRunSuffix(analysis, step.id)}`, command: 'runbooks.runStep', arguments: args } });
    } else {
      lenses.push({ range: at, command: { title: '$(shield) Running steps is off in an untrusted workspace: Manage Workspace Trust', command: 'workbench.trust.manage' } });
    }
    lenses.push({ range: at, command: { title: 'Copy', command: 'runbooks.copyStep', arguments: args } });
  }
  return lenses;
}

function reviewLens(analysis: Analysis, today: string, reviewIntervalDays: number): CodeLens {
  const verdict = reviewVerdict(analysis.runbook.frontMatter?.data ?? {}, { today, reviewIntervalDays });
  const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { range: at, command: { title: `${describeVerdict(verdict)} · Mark reviewed`, command: 'runbooks.markReviewed', arguments: [analysis.uri] } };
}

/** "Drilled 12 days ago · Start drill": where the runbook's drills stand, and the command that starts one. */
function drillLens(analysis: Analysis, today: string): CodeLens {
  const verdict = drillVerdict(analysis.runbook.frontMatter?.data ?? {}, today, analysis.context.config.drillIntervalDays);
  const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { range: at, command: { title: `${describeDrillVerdict(verdict)} · Start drill`, command: 'runbooks.startDrill', arguments: [{ uri: analysis.uri }] } };
}
