// The argument the language server's "Run" and "Copy" code lenses pass, and the step it names: resolved by the server
// from its one analysis of the document as it is now (the client keeps no parse of its own).
import * as vscode from 'vscode';
import {
  STEP_REQUEST, type ResolvedStep, type StepLensArgs, type StepParams, type StepResult,
} from '../../../server/src/protocol';
import type { ServerAccess } from '../languageClient';

export type { StepLensArgs };

/** The lens argument, or undefined when the command was invoked without one (e.g. from a keybinding). */
export function asStepLensArgs(value: unknown): StepLensArgs | undefined {
  const v = value as Partial<StepLensArgs> | undefined;
  if (!v || typeof v.uri !== 'string' || typeof v.stepId !== 'string' || typeof v.code !== 'string') return undefined;
  return { uri: v.uri, version: typeof v.version === 'number' ? v.version : -1, stepId: v.stepId, code: v.code };
}

export type CurrentStep =
  | { ok: true; document: vscode.TextDocument; step: ResolvedStep; runbookPath?: string }
  | { ok: false; reason: string };

/** Asks the server for the lens's step in the document now; refuses when the block is gone or no longer what the lens showed. */
export async function currentStep(server: ServerAccess, args: StepLensArgs): Promise<CurrentStep> {
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
  } catch (err) {
    return { ok: false, reason: `Cannot open the runbook: ${(err as Error).message}` };
  }
  const client = await server.whenReady();
  if (!client?.isRunning()) return { ok: false, reason: 'The Runbooks language server is not running (see the Runbooks output); nothing was run.' };
  let answer: StepResult;
  try {
    answer = await client.sendRequest<StepResult>(STEP_REQUEST, { uri: args.uri, stepId: args.stepId, code: args.code } satisfies StepParams);
  } catch (err) {
    return { ok: false, reason: `The language server could not resolve step ${args.stepId}: ${(err as Error).message}` };
  }
  if (!answer.ok) return answer;
  return { ok: true, document, step: answer.step, ...(answer.runbookPath ? { runbookPath: answer.runbookPath } : {}) };
}
