/**
 * Placeholders in a step's commands: found before a run, asked for, then filled in.
 *
 * `{{name}}` inserts its value as literal text: quoted for the shell context it sits in (a bare word, inside "...",
 * inside '...', in a here-document), so a value can never end its word and start another command. `{{name|raw}}`
 * inserts the value as shell code, for a runbook that means it (`kubectl get pods {{selector|raw}}`).
 *
 * `<pod-name>` (an angle-bracket blank, as real runbooks write them) is a placeholder named `pod-name`, asked and
 * quoted the same way; one in a shell comment, or an XML tag closed by `</name>`, is not. An upper-case `[NAMESPACE]`
 * or `[HOST|IP]` written as a bare word (where the shell would glob it, or read `|` as a pipe) is one too.
 *
 * `{{...}}` inside a quoted go-template, Jinja or `--format` argument (`-o go-template='{{range .items}}{{end}}'`,
 * `docker ps --format '{{.Names}}'`) is the tool's template, not a blank.
 */

/** `{{ name }}` or `{{ name | raw }}`: a name of letters, digits, `_`, `-` or `.`, starting with a letter or `_`. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:\|\s*(raw)\s*)?\}\}/g;

/** `<pod-name>`, `<namespace label from alert>`: a letter or quote first, no shell operator inside, no blank last. */
const ANGLE = /<([A-Za-z"'][^<>\n|;&()$`{}]{0,78}[^<>\n|;&()$`{}\s]|[A-Za-z])>/g;

/** `[NAMESPACE]`, `[HOST|IP]`: upper-case names of two or more characters, `|` between alternatives. */
const BRACKET = /\[([A-Z][A-Z0-9_]*[A-Z0-9](?:[-_][A-Z0-9]+)*(?:\|[A-Z][A-Z0-9_]*[A-Z0-9](?:[-_][A-Z0-9]+)*)*)\]/g;

/** An option or word that says the quoted argument after it is a template (go-template, jsonpath, Jinja, --format). */
const TEMPLATE_OPTION = /template|format|jsonpath|custom-columns|tmpl|jinja|^-f$|^--filter/i;
/** Template syntax no blank has: `{{.x}}`, `{{range`, `{{- if`, `{{$v}}`, `{%`. */
const TEMPLATE_SYNTAX = /\{\{-?\s*(?:[.$]|(?:range|if|with|else|end|define|template|block|printf|index|len|json|not|and|or|eq|ne)\b)|\{%/;

interface BlankMatch {
  index: number;
  whole: string;
  name: string;
  raw: boolean;
}

/** Every `{{name}}` and `<name>` in the text, in order (angle blanks in comments and closed XML tags left out). */
function blankMatches(text: string): BlankMatch[] {
  let out: BlankMatch[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) out.push({ index: m.index ?? 0, whole: m[0], name: m[1], raw: m[2] === 'raw' });
  if (out.length > 0 && (text.includes("'") || text.includes('"'))) {
    const contexts = shellContexts(text, out.map((m) => m.index));
    out = out.filter((m, i) => !inTemplateArgument(text, m.index, contexts[i]));
  }
  if (text.includes('[')) out = [...out, ...bracketBlanks(text)].sort((a, b) => a.index - b.index);
  if (!text.includes('<')) return out;
  const angles: BlankMatch[] = [];
  for (const m of text.matchAll(ANGLE)) {
    const index = m.index ?? 0;
    // `<<EOF`, `2<x>`, `a<b>`: a here-document or a word that goes on; `<tag>...</tag>` is markup.
    if (text[index - 1] === '<' || /[A-Za-z0-9_]/.test(text[index - 1] ?? '') || text.includes(`</${m[1]}>`)) continue;
    angles.push({ index, whole: m[0], name: m[1], raw: false });
  }
  if (angles.length === 0) return out;
  const contexts = shellContexts(text, angles.map((a) => a.index));
  return [...out, ...angles.filter((_, i) => contexts[i] !== 'comment')].sort((a, b) => a.index - b.index);
}

/** Whether the `{{...}}` at `index` sits in a quoted argument that is a template of the tool's own. */
function inTemplateArgument(text: string, index: number, context: ShellContext): boolean {
  if (context !== 'single' && context !== 'double') return false;
  const quote = context === 'single' ? "'" : '"';
  const open = text.lastIndexOf(quote, index - 1);
  const close = text.indexOf(quote, index);
  const argument = text.slice(open + 1, close < 0 ? text.length : close);
  if (TEMPLATE_SYNTAX.test(argument)) return true;
  // The option the argument belongs to: `--format=` glued to it, or the word before it (`--template '...'`).
  const lineStart = text.lastIndexOf('\n', open) + 1;
  const before = text.slice(lineStart, open).split(/\s+/);
  const glued = before[before.length - 1];
  return TEMPLATE_OPTION.test(glued) || (glued === '' && TEMPLATE_OPTION.test(before[before.length - 2] ?? ''));
}

/** `[NAME]` and `[A|B]` blanks standing as (part of) a bare word: not quoted, not `${a[I]}`, `[[ ]]` or a comment. */
function bracketBlanks(text: string): BlankMatch[] {
  const found: BlankMatch[] = [];
  for (const m of text.matchAll(BRACKET)) {
    const index = m.index ?? 0;
    const after = text[index + m[0].length] ?? '';
    if (/[\w$[{]/.test(text[index - 1] ?? '') || after === ']') continue;
    found.push({ index, whole: m[0], name: m[1].split('|').join('-or-'), raw: false });
  }
  if (found.length === 0) return found;
  const contexts = shellContexts(text, found.map((b) => b.index));
  return found.filter((_, i) => contexts[i] === 'word');
}

/** How each placeholder name is written in `text` (`{{namespace}}`, `<pod-name>`), for prompts and messages. */
export function placeholderSpellings(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of blankMatches(text)) if (!out.has(m.name)) out.set(m.name, m.raw || m.whole.startsWith('<') || m.whole.startsWith('[') ? m.whole : `{{${m.name}}}`);
  return out;
}

/** Offsets and lengths of every placeholder, for readers that must see them as plain words (the shell parser). */
export function placeholderSpans(text: string): Array<[number, number]> {
  return blankMatches(text).map((m) => [m.index, m.whole.length]);
}

/** Name fragments that mark a value as secret: it is asked in a password box and never written anywhere. */
const SECRET_NAME = /pass(word|wd|phrase)?|pwd|token|secret|key|credential|auth|private|cert|session|cookie|bearer|otp|pin$/i;

/** What replaces a secret value in everything that is shown or written. */
const REDACTED = '[REDACTED]';

/** Thrown when a value cannot be inserted as one literal shell word (it holds a line break or a NUL). */
export class PlaceholderValueError extends Error {
  constructor(readonly placeholder: string) {
    super(`the value of {{${placeholder}}} holds a line break or NUL character; a placeholder value is one line of text`);
    this.name = 'PlaceholderValueError';
  }
}

/** An empty set of values that any placeholder name can be stored in (`constructor`, `__proto__` included). */
export function placeholderValues(from: Readonly<Record<string, string>> = {}): Record<string, string> {
  return Object.assign(Object.create(null) as Record<string, string>, from);
}

/** The distinct placeholder names in `text`, in order of first appearance. */
export function findPlaceholders(text: string): string[] {
  const names: string[] = [];
  for (const match of blankMatches(text)) {
    if (!names.includes(match.name)) names.push(match.name);
  }
  return names;
}

/** The names in `text` that have no value yet. */
export function missingPlaceholders(text: string, values: Readonly<Record<string, string>>): string[] {
  return findPlaceholders(text).filter((name) => !hasValue(values, name));
}

/** True when the name suggests a secret (password, token, secret, key, ...). */
export function looksSecret(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * The command the shell runs: each placeholder that has a value replaced by it (quoted for its context unless raw);
 * placeholders without one are left as written.
 */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return fill(text, values, new Set());
}

/**
 * The command as it is shown and logged: what the shell runs, with the value of each secret placeholder replaced by
 * [REDACTED] inside the same quoting. A raw secret value that is shell code rather than one plain word is kept, so the
 * record shows what ran; only the secrets the credential detectors find in it are redacted, by the timeline store.
 */
export function loggedCommand(text: string, values: Readonly<Record<string, string>>, secretNames: Iterable<string>): string {
  return fill(text, values, new Set(secretNames));
}

function hasValue(values: Readonly<Record<string, string>>, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(values, name);
}

function fill(text: string, values: Readonly<Record<string, string>>, secrets: ReadonlySet<string>): string {
  const matches = blankMatches(text);
  const contexts = shellContexts(text, matches.map((m) => m.index));
  let out = '';
  let from = 0;
  matches.forEach((match, i) => {
    const start = match.index;
    const { whole, name, raw } = match;
    out += text.slice(from, start);
    from = start + whole.length;
    if (!hasValue(values, name)) {
      out += whole;
      return;
    }
    const value = values[name];
    if (raw) {
      out += secrets.has(name) && PLAIN_WORD.test(value) ? REDACTED : value;
      return;
    }
    if (/[\r\n\0]/.test(value)) throw new PlaceholderValueError(name);
    out += quoteFor(contexts[i], secrets.has(name) ? REDACTED : value, needsQuotes(value));
  });
  return out + text.slice(from);
}

/** A bare word the shell takes as it is: no quoting, expansion, globbing or word splitting can apply to it. */
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

function needsQuotes(value: string): boolean {
  return !PLAIN_WORD.test(value);
}

/** Where a placeholder sits, as far as quoting goes. */
type ShellContext = 'word' | 'double' | 'single' | 'ansi' | 'heredoc' | 'literal' | 'comment';

/** `value` written so that the shell reads it literally in `context`; `quote` says whether a bare word needs quotes. */
function quoteFor(context: ShellContext, value: string, quote: boolean): string {
  switch (context) {
    case 'word': return quote ? `'${value.replace(/'/g, `'\\''`)}'` : value;
    case 'single': return value.replace(/'/g, `'\\''`);
    case 'double': return value.replace(/[\\"$`]/g, '\\$&');
    case 'ansi': return value.replace(/[\\']/g, '\\$&');
    case 'heredoc': return value.replace(/[\\$`]/g, '\\$&');
    case 'literal': case 'comment': return value;
  }
}

type Frame = 'code' | 'subst' | 'backtick' | 'double' | 'single' | 'ansi' | 'comment';

const HEREDOC = /<<(-?)[ \t]*(["']?)([A-Za-z0-9_.-]{1,64})\2/y;

/**
 * The quoting context at each offset (sorted), from one pass over the script: quotes, `$'...'`, `$(...)`, backticks,
 * comments and here-documents (a quoted delimiter makes the body literal).
 */
function shellContexts(text: string, offsets: number[]): ShellContext[] {
  const contexts: ShellContext[] = [];
  const stack: Frame[] = ['code'];
  const pendingHeredocs: Array<{ delimiter: string; literal: boolean; tabs: boolean }> = [];
  let heredoc: { delimiter: string; literal: boolean; tabs: boolean } | undefined;
  let next = 0;
  for (let i = 0; i <= text.length && next < offsets.length; i++) {
    while (next < offsets.length && offsets[next] === i) {
      contexts.push(heredoc ? (heredoc.literal ? 'literal' : 'heredoc') : contextOf(stack[stack.length - 1]));
      next++;
    }
    if (i === text.length) break;
    const ch = text[i];
    if (heredoc) {
      if (ch === '\n') {
        const lineEnd = text.indexOf('\n', i + 1);
        const line = text.slice(i + 1, lineEnd < 0 ? text.length : lineEnd);
        if ((heredoc.tabs ? line.replace(/^\t+/, '') : line) === heredoc.delimiter) {
          heredoc = pendingHeredocs.shift();
          i = lineEnd < 0 ? text.length - 1 : lineEnd - 1;
        }
      }
      continue;
    }
    const top = stack[stack.length - 1];
    if (top === 'single') {
      if (ch === "'") stack.pop();
    } else if (top === 'ansi') {
      if (ch === '\\') i++;
      else if (ch === "'") stack.pop();
    } else if (top === 'comment') {
      if (ch === '\n') {
        stack.pop();
        heredoc = pendingHeredocs.shift();
      }
    } else if (ch === '\\') {
      i++;
    } else if (top === 'double') {
      if (ch === '"') stack.pop();
      else if (ch === '`') stack.push('backtick');
      else if (ch === '$' && text[i + 1] === '(') { stack.push('subst'); i++; }
    } else {
      if (ch === "'") stack.push('single');
      else if (ch === '"') stack.push('double');
      else if (ch === '$' && text[i + 1] === "'") { stack.push('ansi'); i++; }
      else if (ch === '$' && text[i + 1] === '(') { stack.push('subst'); i++; }
      else if (ch === '`') { if (top === 'backtick') stack.pop(); else stack.push('backtick'); }
      else if (ch === ')' && top === 'subst') stack.pop();
      else if (ch === '#' && (i === 0 || /[\s;|&(]/.test(text[i - 1]))) stack.push('comment');
      else if (ch === '<' && text[i + 1] === '<' && text[i + 2] !== '<') {
        HEREDOC.lastIndex = i;
        const match = HEREDOC.exec(text);
        if (match) {
          pendingHeredocs.push({ delimiter: match[3], literal: match[2] !== '', tabs: match[1] === '-' });
          i += match[0].length - 1;
        }
      } else if (ch === '\n' && pendingHeredocs.length > 0) heredoc = pendingHeredocs.shift();
    }
  }
  while (contexts.length < offsets.length) contexts.push('word');
  return contexts;
}

function contextOf(frame: Frame): ShellContext {
  if (frame === 'double' || frame === 'single' || frame === 'ansi') return frame;
  return frame === 'comment' ? 'comment' : 'word';
}
