/** Placeholders `{{name}}` in a step's commands: found before a run, asked for, then filled in. */

/** `{{ name }}`: a name of letters, digits, `_`, `-` or `.`, starting with a letter or `_`; spaces inside the braces allowed. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;

/** Name fragments that mark a value as secret: it is asked in a password box and never written anywhere. */
const SECRET_NAME = /pass(word|wd|phrase)?|pwd|token|secret|key|credential|auth|private|cert|session|cookie|bearer|otp|pin$/i;

/** The distinct placeholder names in `text`, in order of first appearance. */
export function findPlaceholders(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (!names.includes(match[1])) names.push(match[1]);
  }
  return names;
}

/** Replaces each placeholder that has a value; placeholders without one are left as written. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole);
}

/** The names in `text` that have no value yet. */
export function missingPlaceholders(text: string, values: Readonly<Record<string, string>>): string[] {
  return findPlaceholders(text).filter((name) => !Object.prototype.hasOwnProperty.call(values, name));
}

/** True when the name suggests a secret (password, token, secret, key, ...). */
export function looksSecret(name: string): boolean {
  return SECRET_NAME.test(name);
}
