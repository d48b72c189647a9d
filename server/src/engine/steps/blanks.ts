/**
 * The blanks of a step, as real runbooks write them: `{{name}}` and `<pod-name>` placeholders, and variables the step
 * expands but never sets (`$NAMESPACE`). Each is asked for before a run, by name, with where it appears.
 */
import { findPlaceholders, looksSecret, placeholderSpans, placeholderSpellings } from './placeholders';
import { unsetVariables } from './variables';

export { variableAssignments } from './assignments';

/** One value a step needs before it can run. */
export interface StepBlank {
  /** What `--set NAME=value` names. */
  name: string;
  /** As the step writes it: `{{namespace}}`, `<pod-name>`, `$NAMESPACE`. */
  written: string;
  kind: 'placeholder' | 'variable';
  /** 0-based line of the commands where it first appears. */
  line: number;
  /** A password box: the value is used for this run only and written nowhere. */
  secret: boolean;
}

/**
 * The blanks of `commands`. Variables are those the step never sets and `environment` lacks (pass the run's
 * environment; without one every unset variable is listed, for a caller that filters by its own).
 */
export function stepBlanks(commands: string, environment: Readonly<Record<string, string | undefined>> = {}): StepBlank[] {
  const spellings = placeholderSpellings(commands);
  const out: StepBlank[] = findPlaceholders(commands).map((name) => {
    const written = spellings.get(name) ?? `{{${name}}}`;
    return { name, written, kind: 'placeholder' as const, line: lineOf(commands, commands.indexOf(written)), secret: looksSecret(name) };
  });
  for (const v of unsetVariables(commands, environment, placeholderSpans(commands)) ?? []) {
    if (out.some((b) => b.name === v.name)) continue;
    out.push({ name: v.name, written: `$${v.name}`, kind: 'variable', line: v.line, secret: looksSecret(v.name) });
  }
  return out;
}

function lineOf(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.slice(0, offset).split('\n').length - 1;
}
