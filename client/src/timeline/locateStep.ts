// Finds a step in a runbook's text: by step id through the engine's parser, else by the command text that ran.
import { parseRunbook } from '../../../server/src/engine/index';
import type { Range } from '../../../server/src/engine/types';

/**
 * Where a step is in a runbook's text. The runbook may have changed since the command ran, so the command text wins
 * over the id: the step with that id if it still holds the command, else the step that holds it, else the step with
 * that id, else the first place the command's first line appears.
 */
export function locateStep(text: string, step: string, command: string): Range | undefined {
  const firstLine = command.trim().split(/\r?\n/)[0];
  try {
    const steps = parseRunbook(text).steps;
    const holds = (candidate: { commands: string }): boolean => firstLine !== '' && candidate.commands.includes(firstLine);
    const byId = steps.find((candidate) => candidate.id === step);
    const found = (byId && holds(byId) ? byId : undefined) ?? steps.find(holds) ?? byId;
    if (found) return found.range;
  } catch {
    // a runbook the parser rejects is still searchable as text
  }
  const offset = firstLine ? text.indexOf(firstLine) : -1;
  if (offset < 0) return undefined;
  const line = text.slice(0, offset).split('\n').length - 1;
  const character = offset - (text.lastIndexOf('\n', offset - 1) + 1);
  return { start: { line, character }, end: { line, character: character + firstLine.length } };
}
