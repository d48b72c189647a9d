/**
 * Shell variables a step uses but never sets (`$NAMESPACE`, `${POD}`): the blanks real runbooks write, found with a
 * real shell parser (mvdan/sh), so `awk '{print $1}'`, `${X:-default}`, loop variables and `read X` are not blanks.
 */
import type { ShNode } from 'mvdan-sh';

// mvdan-sh is a 1.5 MB GopherJS build whose set-up takes ~60 ms: loaded on the first shell step, not at start-up.
type Syntax = typeof import('mvdan-sh')['syntax'];
let loaded: Syntax | undefined;
function sh(): Syntax {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= (require('mvdan-sh') as typeof import('mvdan-sh')).syntax;
  return loaded;
}

/** A variable the step expands without setting it: its name and the 0-based line of the commands it first appears on. */
export interface StepVariable {
  name: string;
  line: number;
}

/** Variables the shell itself provides: never asked for, whatever the environment holds. */
const SHELL_PROVIDED = new Set([
  'HOME', 'PWD', 'OLDPWD', 'PATH', 'USER', 'LOGNAME', 'SHELL', 'HOSTNAME', 'HOSTTYPE', 'OSTYPE', 'MACHTYPE', 'UID', 'EUID',
  'PPID', 'BASHPID', 'RANDOM', 'SRANDOM', 'SECONDS', 'LINENO', 'IFS', 'PS1', 'PS2', 'PS4', 'OPTARG', 'OPTIND', 'REPLY',
  'PIPESTATUS', 'FUNCNAME', 'GROUPS', 'SHLVL', 'TERM', 'LANG', 'TMPDIR', 'EPOCHSECONDS', 'EPOCHREALTIME', 'COLUMNS', 'LINES',
]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Builtins whose word arguments name the variables they set. */
const SETTERS = new Set(['read', 'mapfile', 'readarray', 'getopts', 'unset', 'let']);
const OPTIONS_WITH_VALUE = new Set(['-p', '-d', '-t', '-n', '-N', '-u', '-i', '-C', '-c', '-O', '-s']);

let parser: ReturnType<Syntax['NewParser']> | undefined;

/**
 * The variables `commands` expands but never sets, minus those the shell provides and those `environment` has.
 * `blankSpans` (offset, length) are other blanks (`{{name}}`, `<name>`) read as plain words. Undefined when the
 * commands are not valid shell (nothing can be said then).
 */
export function unsetVariables(commands: string, environment: Readonly<Record<string, string | undefined>> = {}, blankSpans: Array<[number, number]> = []): StepVariable[] | undefined {
  let source = commands;
  for (const [offset, length] of blankSpans) source = source.slice(0, offset) + '_'.repeat(length) + source.slice(offset + length);
  const syntax = sh();
  let tree: ShNode;
  try {
    parser ??= syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));
    tree = parser.Parse(source, 'step');
  } catch {
    return undefined;
  }
  const used = new Map<string, number>();
  const set = new Set<string>();
  syntax.Walk(tree, (node) => {
    if (!node) return true;
    switch (syntax.NodeType(node)) {
      case 'ParamExp': {
        const name = literal(node.Param);
        const start = node.Pos().Offset();
        // `${X:-default}`, `${X-x}`, `${X:=x}`, `${X:+x}`: a value is given when X is unset.
        const written = source.slice(start, node.End().Offset());
        if (name && NAME.test(name) && !/^\$\{[#!]?[A-Za-z_]\w*(?:\[[^\]]*\])?:?[-=+]/.test(written) && !used.has(name)) used.set(name, start);
        break;
      }
      case 'Assign': {
        const name = literal(node.Name);
        if (name) set.add(name);
        break;
      }
      case 'WordIter': {
        const name = literal(node.Name);
        if (name) set.add(name);
        break;
      }
      case 'CallExpr':
        for (const name of namesSetBy(words(node.Args))) set.add(name);
        break;
      default:
    }
    return true;
  });
  const out: StepVariable[] = [];
  for (const [name, offset] of used) {
    if (set.has(name) || SHELL_PROVIDED.has(name) || name.startsWith('BASH') || Object.prototype.hasOwnProperty.call(environment, name)) continue;
    out.push({ name, line: countLines(commands, offset) });
  }
  return out.sort((a, b) => a.line - b.line);
}

/** The names a `read`/`mapfile`/`getopts`/`printf -v` command sets. */
function namesSetBy(args: (string | undefined)[]): string[] {
  const [command, ...rest] = args;
  if (command === 'printf') {
    const v = rest.indexOf('-v');
    return v >= 0 && rest[v + 1] ? [rest[v + 1] as string] : [];
  }
  if (!command || !SETTERS.has(command)) return [];
  const names: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    if (word === undefined) continue;
    if (OPTIONS_WITH_VALUE.has(word)) i++;
    else if (NAME.test(word)) names.push(word);
    else if (command === 'let' && /^[A-Za-z_]\w*[-+*/]?=/.test(word)) names.push(word.split(/[-+*/]?=/)[0]);
  }
  return command === 'getopts' ? names.slice(-1) : names;
}

/** Each word's text when it is one literal (`-r`, `NAME`), else undefined. */
function words(value: unknown): (string | undefined)[] {
  if (!Array.isArray(value)) return [];
  return (value as ShNode[]).map((word) => {
    const parts = word.Parts;
    return Array.isArray(parts) && parts.length === 1 ? literal(parts[0]) : undefined;
  });
}

function literal(node: unknown): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const value = (node as { Value?: unknown }).Value;
  return typeof value === 'string' ? value : undefined;
}

function countLines(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
