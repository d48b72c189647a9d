/** Giving a step the values of its unset variables: assignment lines before its commands (no shell parser here: the client bundles it). */
import { PlaceholderValueError } from './placeholders';

/**
 * The lines that give the step its variables before its commands (`NAMESPACE='checkout'`), quoted as one word: what
 * runs, and what is logged (a secret's value as [REDACTED]).
 */
export function variableAssignments(values: Readonly<Record<string, string>>, secretNames: ReadonlySet<string>): { run: string; logged: string } {
  let run = '';
  let logged = '';
  for (const [name, value] of Object.entries(values)) {
    if (/[\r\n\0]/.test(value)) throw new PlaceholderValueError(name);
    const quote = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;
    run += `${name}=${quote(value)}\n`;
    logged += `${name}=${quote(secretNames.has(name) ? '[REDACTED]' : value)}\n`;
  }
  return { run, logged };
}
