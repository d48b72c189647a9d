// Asks a step's placeholder values: an input box, or a password box for secret-looking names.
import * as vscode from 'vscode';
import { findPlaceholders, looksSecret, placeholderValues } from '../../../server/src/engine/steps/placeholders';

/** Values given during this window's life, per incident timeline. Memory only: nothing here is ever written to disk. */
const remembered = new Map<string, Map<string, string>>();

export interface PlaceholderValues {
  values: Record<string, string>;
  /** Names asked in a password box: their values must not be written anywhere. */
  secretNames: string[];
}

/** Asks every placeholder of `commands` (pre-filled with the value last given in this incident); undefined = cancelled. */
export async function askPlaceholders(commands: string, stepId: string, timelineFile: string): Promise<PlaceholderValues | undefined> {
  const names = findPlaceholders(commands);
  const memory = remembered.get(timelineFile) ?? new Map<string, string>();
  const values = placeholderValues();
  const secretNames: string[] = [];
  for (const [index, name] of names.entries()) {
    const secret = looksSecret(name);
    const value = await vscode.window.showInputBox({
      title: `${stepId}: {{${name}}} (${index + 1}/${names.length})`,
      prompt: secret
        ? `Value for {{${name}}}. It looks secret: it is used for this run only and written nowhere ([REDACTED] in the timeline).`
        : `Value for {{${name}}}; remembered for this incident.`,
      password: secret,
      value: memory.get(name),
      ignoreFocusOut: true,
    });
    if (value === undefined) return undefined;
    values[name] = value;
    if (secret) secretNames.push(name);
    memory.set(name, value);
  }
  remembered.set(timelineFile, memory);
  return { values, secretNames };
}
