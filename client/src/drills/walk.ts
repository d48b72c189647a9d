// The drill's walk in the editor: one quick pick per step (run / rehearsed / skip / flag unclear / end), in runbook
// order. Every prompt is a quick pick or an input box, which takes the keyboard focus as it appears, and stays open
// when the focus moves (to the panel, the terminal), so the walk never waits on a prompt nobody sees.
import * as vscode from 'vscode';
import { appendDrillEvent, drillProgress, drillStepNote, timelineEvents, type DrillStepOutcome } from '../../../server/src/api/incident';
import type { ResolvedStep } from '../../../server/src/protocol';
import type { IncidentSession } from '../incident/session';
import { runStep, type StepRunner } from '../run/runStep';

/** The runbook a drill rehearses, as the server resolved it when the drill started. */
export interface DrillRunbook {
  uri: string;
  document: vscode.TextDocument;
  title: string;
  /** Workspace-relative path, as the timeline records it. */
  path: string;
  folder: string;
  steps: ResolvedStep[];
}

type Choice = 'run' | 'next' | DrillStepOutcome | 'end';

/** Walks the steps from the first without a decision; 'done' when the walk ended, 'cancelled' when a prompt was dismissed. */
export async function walkDrill(runner: StepRunner, timeline: string, runbook: DrillRunbook, session: IncidentSession): Promise<'done' | 'cancelled'> {
  const events = await timelineEvents(timeline);
  let index = drillProgress(events, runbook.steps).next ?? runbook.steps.length;
  let failed = false;
  while (index < runbook.steps.length) {
    const step = runbook.steps[index];
    const choice = await pickChoice(step, index, runbook.steps.length, failed);
    if (choice === undefined) return 'cancelled';
    if (choice === 'end') return 'done';
    if (choice === 'next') {
      failed = false;
      index++;
      continue;
    }
    if (choice === 'run') {
      // The drill's own step goes to the drill's timeline, whichever incident is active.
      const result = await runStep(runner, { uri: runbook.uri, version: -1, stepId: step.id, code: step.code }, timeline);
      if (!result || result.cancelled) continue;
      failed = result.exitCode !== 0;
      if (!failed) index++;
      continue;
    }
    const note = await askNote(choice, step);
    if (note === undefined) continue;
    await appendDrillEvent(timeline, drillStepNote({ outcome: choice, note, runbook: runbook.path, step, actor: session.actor(timeline) }));
    await session.reload();
    if (choice !== 'unclear') {
      failed = false;
      index++;
    }
  }
  return 'done';
}

async function pickChoice(step: ResolvedStep, index: number, count: number, failed: boolean): Promise<Choice | undefined> {
  const first = step.commands.split('\n').map((line) => line.trim()).find(Boolean) ?? '';
  const items: (vscode.QuickPickItem & { value: Choice })[] = [];
  if (vscode.workspace.isTrusted) {
    items.push({
      label: failed ? '$(debug-restart) Run it again' : '$(play) Run it', value: 'run',
      detail: step.changesProduction ? 'It changes production: you confirm the exact command first' : 'Runs in the incident terminal, logged to the drill',
    });
  }
  if (failed) items.push({ label: '$(arrow-right) Next step', value: 'next', detail: 'The failed run stays on record' });
  items.push(
    { label: '$(check) Mark rehearsed', value: 'rehearsed', detail: 'Not run: say what you would have done' },
    { label: '$(debug-step-over) Skip', value: 'skipped', detail: 'Not rehearsed; say why if you like' },
    { label: '$(question) Flag unclear', value: 'unclear', detail: 'What is unclear: the authors see it on the step until it changes' },
    { label: '$(debug-stop) End the drill here', value: 'end', detail: 'The steps left are reported as not reached' },
  );
  const picked = await vscode.window.showQuickPick(items, {
    title: `DRILL ${index + 1}/${count}: ${step.label} (${step.id})${step.sectionTitle ? ` · ${step.sectionTitle}` : ''}${failed ? ' · its run failed' : ''}`,
    placeHolder: vscode.workspace.isTrusted ? first : `${first} (running steps is off in an untrusted workspace)`,
    ignoreFocusOut: true,
  });
  return picked?.value;
}

/** The note of a decision: what they would have done, why it was skipped (optional), or what is unclear. */
function askNote(outcome: DrillStepOutcome, step: ResolvedStep): Thenable<string | undefined> {
  const questions: Record<DrillStepOutcome, { title: string; prompt: string; required: boolean }> = {
    rehearsed: { title: `Rehearse ${step.id}: what would you have done?`, prompt: 'e.g. rolled back deploy/checkout-api; checked the error rate fell', required: true },
    skipped: { title: `Skip ${step.id}: why? (optional)`, prompt: 'e.g. not relevant to this scenario', required: false },
    unclear: { title: `Flag ${step.id} as unclear: what is unclear?`, prompt: 'e.g. which namespace?', required: true },
  };
  const question = questions[outcome];
  return vscode.window.showInputBox({
    title: question.title,
    placeHolder: question.prompt,
    ignoreFocusOut: true,
    validateInput: (value) => (question.required && value.trim() === '' ? 'Required' : undefined),
  });
}
