// Everything the editor asks before a step runs, in order, without `vscode`: the editor passes its dialogs as a
// RunGateUI, and unit tests pass a fake one (test/unit/run-gate.test.ts), so a run that skips the confirmation the
// engine asks for (steps/effect.ts decideStep) fails `npm test`, not only the code-server scenarios.
import { loggedCommand, variableAssignments } from '../../../server/src/api/incident';
import type { ResolvedStep } from '../../../server/src/protocol';
import type { PlaceholderValues } from './placeholderPrompts';

/** The dialogs a run may open. Each resolves with the person's answer; a closed dialog is a no. */
export interface RunGateUI {
  /** Says why nothing runs (an error message, not modal). */
  refuse(message: string): void;
  /** A modal warning with one button; true when the button was chosen. */
  warn(message: string, detail: string, button: string): Promise<boolean>;
  /** The incident's timeline to log to (asks to start one when none is active); undefined = cancelled. */
  timeline(): Promise<string | undefined>;
  /** The values of the step's blanks; undefined = cancelled. */
  blanks(timeline: string): Promise<PlaceholderValues | undefined>;
  /** The one-change-at-a-time check on the timeline; true when the run may go ahead. */
  oneChangeAtATime(timeline: string): Promise<boolean>;
}

/** What a run needs once every question was answered yes. */
export interface OpenGate {
  timeline: string;
  asked: PlaceholderValues;
}

/**
 * Asks what the run needs and what it must confirm; undefined (nothing runs) on any no. A step that runs nothing is
 * refused; one that may not run as written asks first; one the engine says needs confirmation gets the
 * one-change-at-a-time check and a modal naming the commands that change production (unless the person turned
 * `runbooks.confirmMitigations` off).
 */
export async function openRunGate(step: ResolvedStep, ui: RunGateUI, options: { confirmChanges: boolean }): Promise<OpenGate | undefined> {
  const decision = step.decision;
  if (decision.refusal) {
    ui.refuse(`${decision.refusal} Nothing was run.`);
    return undefined;
  }
  if (step.warnings && step.warnings.length > 0) {
    if (!(await ui.warn(`${step.id} may not run as written. Run it anyway?`, step.warnings.join('\n'), 'Run anyway'))) return undefined;
  }
  const timeline = await ui.timeline();
  if (!timeline) return undefined;
  const asked = await ui.blanks(timeline);
  if (!asked) return undefined;
  if (decision.needsConfirmation) {
    if (!(await ui.oneChangeAtATime(timeline))) return undefined;
    const confirmation = decision.confirmation;
    if (options.confirmChanges && confirmation) {
      const shown = variableAssignments(asked.variables, new Set(asked.secretNames)).logged + loggedCommand(step.commands, asked.values, asked.secretNames);
      const detail = confirmation.detail ? `${confirmation.detail}\n\n${shown}` : shown;
      if (!(await ui.warn(confirmation.message, detail, confirmation.button))) return undefined;
    }
  }
  return { timeline, asked };
}
