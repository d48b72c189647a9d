// The questions the lifecycle commands ask: times that can be back-dated, severities, roles, kinds, text.
import * as vscode from 'vscode';
import { parseWhen, type IncidentSeverity, type SeverityLevel, type When } from '../../../server/src/api/incident';

export { atField, type When } from '../../../server/src/api/incident';

const TIME_HELP = 'now, HH:MM (UTC today), -15m, or an ISO time such as 2026-11-20T14:05Z';

/** Asks when something happened; Enter keeps "now". Undefined when cancelled; 'skip' when optional and left empty. */
export async function askTime(what: string, options: { optional?: boolean } = {}): Promise<When | 'skip' | undefined> {
  const input = await vscode.window.showInputBox({
    title: what,
    prompt: options.optional ? `${TIME_HELP}. Leave empty if unknown.` : TIME_HELP,
    value: options.optional ? '' : 'now',
    validateInput: (value) => {
      if (options.optional && value.trim() === '') return undefined;
      const parsed = parseWhen(value, Date.now());
      return parsed.ok ? undefined : parsed.message;
    },
  });
  if (input === undefined) return undefined;
  if (options.optional && input.trim() === '') return 'skip';
  const parsed = parseWhen(input, Date.now());
  return parsed.ok ? { ms: parsed.ms, backdated: parsed.backdated } : undefined;
}

/** Parses a time given as a command argument (string or ms); throws with the parser's message. */
export function whenFromArgument(value: unknown): When | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return { ms: value, backdated: true };
  const parsed = parseWhen(String(value), Date.now());
  if (!parsed.ok) throw new Error(parsed.message);
  return { ms: parsed.ms, backdated: parsed.backdated };
}

/** Severity picker over the team's levels (highest first), each with its one-line definition. */
export async function pickSeverity(title: string, levels: readonly SeverityLevel[], current?: IncidentSeverity): Promise<IncidentSeverity | undefined> {
  const items = levels.map((level) => ({
    label: level.label ? `${level.name} - ${level.label}` : level.name,
    description: level.name === current ? '(current)' : undefined,
    detail: level.definition,
    severity: level.name,
  }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Severity', matchOnDetail: true, ignoreFocusOut: true });
  return picked?.severity;
}

/** A single-line text question; undefined when cancelled. */
export function askText(title: string, options: { prompt?: string; value?: string; required?: boolean; placeHolder?: string } = {}): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt: options.prompt,
    value: options.value,
    placeHolder: options.placeHolder,
    validateInput: (value) => (options.required && value.trim() === '' ? 'Required' : undefined),
  });
}

/** Picks one of `values` by label. */
export async function pickOne<T extends string>(title: string, values: readonly { value: T; label: string; detail?: string }[]): Promise<T | undefined> {
  const picked = await vscode.window.showQuickPick(values.map((item) => ({ ...item })), { title });
  return picked?.value;
}
