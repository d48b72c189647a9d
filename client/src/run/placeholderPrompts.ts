// Asks a step's blanks: {{name}} and <name> placeholders, and the $VARIABLES it uses but never sets that this window's
// environment lacks; an input box each, or a password box for secret-looking names.
import * as vscode from 'vscode';
import { findPlaceholders, looksSecret, placeholderSpellings, placeholderValues } from '../../../server/src/api/incident';
import type { ResolvedStep } from '../../../server/src/protocol';

/**
 * Values given during the extension session, per incident timeline, then per name. Memory only: nothing here is ever
 * written to disk; the session holds it and drops it when the extension deactivates.
 */
export type PlaceholderMemory = Map<string, Map<string, string>>;

export interface PlaceholderValues {
  values: Record<string, string>;
  /** Values of the step's unset variables, set before its commands run. */
  variables: Record<string, string>;
  /** Names asked in a password box: their values must not be written anywhere. */
  secretNames: string[];
}

/** Asks every blank of the step (pre-filled with the value last given in this incident); undefined = cancelled. */
export async function askPlaceholders(step: Pick<ResolvedStep, 'commands' | 'id' | 'variables'>, timelineFile: string, remembered: PlaceholderMemory): Promise<PlaceholderValues | undefined> {
  const spellings = placeholderSpellings(step.commands);
  const asks = [
    ...findPlaceholders(step.commands).map((name) => ({ name, written: spellings.get(name) ?? `{{${name}}}`, variable: false, secret: looksSecret(name) })),
    ...(step.variables ?? [])
      .filter((v) => process.env[v.name] === undefined)
      .map((v) => ({ name: v.name, written: `$${v.name} (line ${v.line + 1} of the step)`, variable: true, secret: v.secret })),
  ];
  const memory = remembered.get(timelineFile) ?? new Map<string, string>();
  const values = placeholderValues();
  const variables = placeholderValues();
  const secretNames: string[] = [];
  for (const [index, ask] of asks.entries()) {
    const value = await vscode.window.showInputBox({
      title: `${step.id}: ${ask.written} (${index + 1}/${asks.length})`,
      prompt: ask.secret
        ? `Value for ${ask.written}. It looks secret: it is used for this run only and written nowhere ([REDACTED] in the timeline).`
        : `Value for ${ask.written}; remembered for this incident.`,
      password: ask.secret,
      value: memory.get(ask.name),
      ignoreFocusOut: true,
    });
    if (value === undefined) return undefined;
    (ask.variable ? variables : values)[ask.name] = value;
    if (ask.secret) secretNames.push(ask.name);
    memory.set(ask.name, value);
  }
  remembered.set(timelineFile, memory);
  return { values, variables, secretNames };
}
