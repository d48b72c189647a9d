// The argument the language server's "Run" and "Copy" code lenses pass, and the step it names in the current text.
import * as vscode from 'vscode';
import { parseRunbook } from '../../../server/src/engine/index';
import type { Step } from '../../../server/src/engine/types';

/** What a lens says about its step when it was made. */
export interface StepLensArgs {
  uri: string;
  stepId: string;
  position: number;
  code: string;
}

/** The lens argument, or undefined when the command was invoked without one (e.g. from a keybinding). */
export function asStepLensArgs(value: unknown): StepLensArgs | undefined {
  const v = value as Partial<StepLensArgs> | undefined;
  if (!v || typeof v.uri !== 'string' || typeof v.stepId !== 'string' || typeof v.code !== 'string') return undefined;
  return { uri: v.uri, stepId: v.stepId, position: typeof v.position === 'number' ? v.position : 0, code: v.code };
}

export type CurrentStep =
  | { ok: true; document: vscode.TextDocument; step: Step }
  | { ok: false; reason: string };

/** Re-reads the document and finds the lens's step; refuses when the block is gone or no longer what the lens showed. */
export async function currentStep(args: StepLensArgs): Promise<CurrentStep> {
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
  } catch (err) {
    return { ok: false, reason: `Cannot open the runbook: ${(err as Error).message}` };
  }
  const step = parseRunbook(document.getText()).steps.find((s) => s.id === args.stepId);
  if (!step) return { ok: false, reason: `Step ${args.stepId} is no longer in ${vscode.workspace.asRelativePath(document.uri)}.` };
  if (normalize(step.code) !== normalize(args.code)) {
    return {
      ok: false,
      reason: `Step ${args.stepId} changed since its lens was shown; nothing was run. Review the block and use its updated lens.`,
    };
  }
  return { ok: true, document, step };
}

/** Line endings do not make a block different. */
function normalize(code: string): string {
  return code.replace(/\r\n/g, '\n');
}
